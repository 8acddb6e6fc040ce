// Which IPC senders may call the API: only the top frame of one of our windows showing our page.
// An iframe, a window opened some other way, or a page that somehow navigated elsewhere gets nothing,
// even though it may share the preload (VS Code and Electron Fiddle validate the same way).
import { isAppUrl, type RendererEntry } from './renderer-entry';

export interface SenderInfo {
  /** URL of event.senderFrame; null when the frame is already gone. */
  url: string | null;
  isMainFrame: boolean;
  /** Id of the BrowserWindow owning event.sender; null if it belongs to none. */
  windowId: number | null;
}

export interface SenderPolicy {
  windowIds: ReadonlySet<number>;
  entry: RendererEntry;
}

export function isTrustedSender(sender: SenderInfo, policy: SenderPolicy): boolean {
  if (sender.url === null || !sender.isMainFrame || sender.windowId === null) return false;
  if (!policy.windowIds.has(sender.windowId)) return false;
  return isAppUrl(sender.url, policy.entry);
}
