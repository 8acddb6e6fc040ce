// The renderer's only way to the backend: window.api from the Electron preload, or the web bridge.
import type { Api } from '../../shared/api/contract';
import { browserEnvironment, connectWebBridge, type ConnectionState, type WebBridge } from './web-bridge';

export type { ConnectionProblem, ConnectionState } from './web-bridge';
export { NO_TOKEN_MESSAGE, RESTARTED_MESSAGE, STALE_TOKEN_MESSAGE } from './web-bridge';

let connecting: Promise<Api> | undefined;
let bridge: WebBridge | undefined;
const stateListeners = new Set<(state: ConnectionState) => void>();

/**
 * Resolves to the typed Api. Rejects with an AppError ({ code, message }) the UI shows as-is, e.g.
 * code UNAUTHORIZED when the page was opened without the link printed by `authbahn serve`.
 * Memoised: React StrictMode and several components may ask at once but get one connection.
 */
export function connectApi(): Promise<Api> {
  if (typeof window !== 'undefined' && window.api) return Promise.resolve(window.api);
  connecting ??= connectWebBridge(browserEnvironment()).then(
    (connected) => {
      bridge = connected;
      connected.onStateChange((state) => {
        for (const listener of [...stateListeners]) listener(state);
      });
      return connected.api;
    },
    (error: unknown) => {
      connecting = undefined; // let the user retry (e.g. a "Try again" button) after fixing the cause
      throw error;
    },
  );
  return connecting;
}

/**
 * Web mode: follow the connection (e.g. to show "Reconnecting…"). In Electron the IPC channel cannot
 * drop, so the state stays 'ready' and listeners are never called.
 */
export function onConnectionStateChange(listener: (state: ConnectionState) => void): () => void {
  stateListeners.add(listener);
  return () => stateListeners.delete(listener);
}

export function connectionState(): ConnectionState {
  return bridge?.connectionState ?? (typeof window !== 'undefined' && window.api ? 'ready' : 'connecting');
}

/** Web mode: host:port of the server this page came from (for messages that name it); undefined in Electron. */
export function serverHost(): string | undefined {
  return bridge?.host;
}
