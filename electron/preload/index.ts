import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
// Only the bridge file, not the contract's index: the preload must stay free of zod and of
// everything else, and the build inlines these constants (a sandboxed preload can require
// nothing but 'electron').
import {
  BRIDGE_KEY,
  IPC_CHANNEL_CHOOSE_PDF,
  IPC_CHANNEL_EVENT,
  IPC_CHANNEL_INVOKE,
  IPC_CHANNEL_PRINT_PAGE,
  IPC_CHANNEL_SAVE_PDF,
  type ChoosePdfOptions,
  type ChoosePdfResult,
  type PrintPageResult,
  type ReliefDeskBridge,
  type SavePdfResult,
} from '../contract/bridge';
import type { RpcResult } from '../contract/errors';
import { isPushEventMessage, type InvokeMessage } from '../main/ipcMessages';

// One object for the renderer, window.reliefDesk, and nothing else: no ipcRenderer, no
// event objects (they carry the sender), no channels chosen by the page.

const MAIN_GONE = '无法与主程序通信，请重试或重新启动程序';

const bridge: ReliefDeskBridge = {
  async invoke(procedure: string, input: unknown, token: string | null): Promise<RpcResult<unknown>> {
    const message: InvokeMessage = { procedure, input, token };
    try {
      return (await ipcRenderer.invoke(IPC_CHANNEL_INVOKE, message)) as RpcResult<unknown>;
    } catch {
      // The input could not be cloned (a function, a DOM node) or the main process is gone.
      return { ok: false, error: { code: 'INTERNAL', message: MAIN_GONE } };
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
  async printPage(): Promise<PrintPageResult> {
    try {
      return (await ipcRenderer.invoke(IPC_CHANNEL_PRINT_PAGE)) as PrintPageResult;
    } catch {
      return { ok: false, message: MAIN_GONE };
    }
  },
  async choosePdfFile(options: ChoosePdfOptions): Promise<ChoosePdfResult> {
    try {
      // Only the one field crosses: the main process checks its shape again anyway.
      return (await ipcRenderer.invoke(IPC_CHANNEL_CHOOSE_PDF, { suggestedName: options.suggestedName })) as ChoosePdfResult;
    } catch {
      return { ok: false, message: MAIN_GONE };
    }
  },
  async savePdf(): Promise<SavePdfResult> {
    try {
      return (await ipcRenderer.invoke(IPC_CHANNEL_SAVE_PDF)) as SavePdfResult;
    } catch {
      return { ok: false, message: MAIN_GONE };
    }
  },
};

contextBridge.exposeInMainWorld(BRIDGE_KEY, bridge);
