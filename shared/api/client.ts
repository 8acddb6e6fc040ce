// Client side of the contract: builds the typed `Api` object from two transport functions.
// Used by the Electron preload (ipcRenderer underneath) and by the web bridge (WebSocket underneath).
import { API_METHOD_NAMES } from './api-names';
import type { Api, ApiEvents, EventName, Namespace } from './contract';
import type { Result } from './result';

export type Invoke = (ns: string, method: string, args: unknown[]) => Promise<Result<unknown>>;
export type Subscribe = (event: EventName, handler: (payload: unknown) => void) => () => void;

export function createApiClient(invoke: Invoke, subscribe: Subscribe): Api {
  const api: Record<string, unknown> = {};
  for (const ns of Object.keys(API_METHOD_NAMES) as Namespace[]) {
    const group: Record<string, (...args: unknown[]) => Promise<Result<unknown>>> = {};
    for (const method of API_METHOD_NAMES[ns]) {
      group[method] = async (...args: unknown[]) => {
        try {
          return await invoke(ns, method, args);
        } catch (error) {
          // Transport failures (bridge down, IPC torn) become values too, so UI code has one path.
          return { ok: false, error: { code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) } };
        }
      };
    }
    api[ns] = Object.freeze(group);
  }
  api.events = Object.freeze({
    on: <E extends EventName>(event: E, handler: (payload: ApiEvents[E]) => void) =>
      subscribe(event, handler as (payload: unknown) => void),
  });
  return Object.freeze(api) as Api;
}
