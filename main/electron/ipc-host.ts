// The only ipcMain user: serves the API contract to our windows and pushes service events to them.
import { BrowserWindow, ipcMain, type IpcMainInvokeEvent } from 'electron';
import { dispatch, type ErrorReporter } from '../../shared/api/dispatch';
import { err, type Result } from '../../shared/api/result';
import type { ApiHandlers } from '../../shared/api/contract';
import type { EventBus } from '../events';
import { API_CHANNEL, EVENT_CHANNEL } from './ipc-channels';
import { isAppUrl, type RendererEntry } from './renderer-entry';
import { isTrustedSender, type SenderInfo } from './sender-policy';
import type { WindowRegistry } from './window-registry';

export interface IpcHostOptions {
  services: { handlers: ApiHandlers; events: EventBus };
  windows: WindowRegistry<BrowserWindow>;
  entry: RendererEntry;
  report?: ErrorReporter;
}

export function senderInfo(event: IpcMainInvokeEvent): SenderInfo {
  const frame = event.senderFrame;
  return {
    url: frame ? frame.url : null,
    isMainFrame: frame !== null && frame.parent === null,
    windowId: BrowserWindow.fromWebContents(event.sender)?.id ?? null,
  };
}

/** Registers the handler and the event forwarding; returns a function that undoes both. */
export function registerIpcHost(options: IpcHostOptions): () => void {
  const { services, windows, entry, report } = options;

  ipcMain.handle(API_CHANNEL, async (event, ns: unknown, method: unknown, args: unknown): Promise<Result<unknown>> => {
    const sender = senderInfo(event);
    if (!isTrustedSender(sender, { windowIds: windows.ids(), entry })) {
      report?.(new Error(`Dropped IPC call ${String(ns)}.${String(method)} from untrusted frame ${sender.url ?? '(gone)'}`), 'ipc');
      return err({ code: 'UNAUTHORIZED', message: 'This frame may not use the Authbahn API' });
    }
    return dispatch(services.handlers, ns, method, args, report);
  });

  const unsubscribe = services.events.on((event, payload) => {
    for (const window of windows.live()) {
      const contents = window.webContents;
      // Only to our page: a window that is mid-crash or somehow elsewhere gets nothing.
      if (!contents.isDestroyed() && isAppUrl(contents.getURL(), entry)) contents.send(EVENT_CHANNEL, event, payload);
    }
  });

  return () => {
    ipcMain.removeHandler(API_CHANNEL);
    unsubscribe();
  };
}
