// Sandboxed preload: builds window.api from the contract over two IPC channels. ipcRenderer itself is
// never exposed — the page can call the contract's methods and listen to its events, nothing else.
import { contextBridge, ipcRenderer } from 'electron';
import { createApiClient } from '../../shared/api/client';
import { EVENT_NAMES } from '../../shared/api/api-names';
import type { EventName } from '../../shared/api/contract';
import type { Result } from '../../shared/api/result';
import { API_CHANNEL, EVENT_CHANNEL } from './ipc-channels';

const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
const known = new Set<string>(EVENT_NAMES);

// One IPC listener fans out to all page subscribers, so subscribing never adds ipcRenderer listeners.
ipcRenderer.on(EVENT_CHANNEL, (_event, name: unknown, payload: unknown) => {
  if (typeof name !== 'string' || !known.has(name)) return;
  for (const handler of [...(listeners.get(name as EventName) ?? [])]) {
    try {
      handler(payload);
    } catch (error) {
      console.error(`authbahn: handler for ${name} failed`, error);
    }
  }
});

const api = createApiClient(
  (ns, method, args) => ipcRenderer.invoke(API_CHANNEL, ns, method, args) as Promise<Result<unknown>>,
  (event, handler) => {
    if (!known.has(event) || typeof handler !== 'function') return () => undefined;
    let set = listeners.get(event);
    if (!set) listeners.set(event, (set = new Set()));
    // Wrap, so subscribing the same function twice gives two independent subscriptions.
    const entry = (payload: unknown) => handler(payload);
    set.add(entry);
    return () => {
      set.delete(entry);
    };
  },
);

contextBridge.exposeInMainWorld('api', api);
