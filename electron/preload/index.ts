import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
// Only the bridge file, not the contract's index: the preload must stay free of zod and of
// everything else, and the build inlines these constants (a sandboxed preload can require
// nothing but 'electron').
import { BRIDGE_KEY, IPC_CHANNEL_EVENT, IPC_CHANNEL_INVOKE, type ReliefDeskBridge } from '../contract/bridge';
import type { RpcResult } from '../contract/errors';
import { isPushEventMessage, type InvokeMessage } from '../main/ipcMessages';

// One object for the renderer, window.reliefDesk, and nothing else: no ipcRenderer, no
// event objects (they carry the sender), no channels chosen by the page.

const bridge: ReliefDeskBridge = {
  async invoke(procedure: string, input: unknown, token: string | null): Promise<RpcResult<unknown>> {
    const message: InvokeMessage = { procedure, input, token };
    try {
      return (await ipcRenderer.invoke(IPC_CHANNEL_INVOKE, message)) as RpcResult<unknown>;
    } catch {
      // The input could not be cloned (a function, a DOM node) or the main process is gone.
      return { ok: false, error: { code: 'INTERNAL', message: '无法与主程序通信，请重试或重新启动程序' } };
    }
  },
  onEvent(name: string, listener: (payload: unknown) => void): () => void {
    const onMessage = (_event: IpcRendererEvent, message: unknown): void => {
      if (isPushEventMessage(message) && message.name === name) listener(message.payload);
    };
    ipcRenderer.on(IPC_CHANNEL_EVENT, onMessage);
    return () => {
      ipcRenderer.removeListener(IPC_CHANNEL_EVENT, onMessage);
    };
  },
};

contextBridge.exposeInMainWorld(BRIDGE_KEY, bridge);
