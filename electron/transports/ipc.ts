import { ipcMain, webContents } from 'electron';
import { IPC_CHANNEL_EVENT, IPC_CHANNEL_INVOKE, type RpcResult } from '../contract';
import { invokeFromFrame } from '../main/ipcInvoke';
import type { PushEventMessage } from '../main/ipcMessages';
import { isTrustedSender } from '../main/security';
import type { AppDeps } from '../services/context';

// The desktop transport: Electron IPC into the same dispatch() the hall server uses. The
// decisions (sender frame, message shape, size) live in main/ipcInvoke.ts, tested without
// Electron; this file is only the wiring.

export function registerIpcTransport(app: AppDeps): () => void {
  ipcMain.handle(IPC_CHANNEL_INVOKE, async (event, message: unknown): Promise<RpcResult<unknown>> => {
    // senderFrame is null when the frame navigated away or was destroyed: not trusted.
    const frameUrl = event.senderFrame?.url ?? null;
    try {
      return await invokeFromFrame(app, frameUrl, message);
    } catch (error) {
      // dispatch() answers handler errors itself; this is the last net, so the renderer
      // always gets an RpcResult instead of a rejected promise with a stack trace in it.
      app.log.error('ipc invoke failed', { error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
      return { ok: false, error: { code: 'INTERNAL', message: '系统内部错误，请联系技术支持' } };
    }
  });
  return () => ipcMain.removeHandler(IPC_CHANNEL_INVOKE);
}

/** Push events to every page of ours (for later: alerts, sync progress). */
export function publishEvent(name: string, payload: unknown): void {
  const message: PushEventMessage = { name, payload };
  for (const contents of webContents.getAllWebContents()) {
    if (!contents.isDestroyed() && isTrustedSender(contents.getURL())) {
      contents.send(IPC_CHANNEL_EVENT, message);
    }
  }
}
