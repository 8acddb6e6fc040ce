// Browser side of the web bridge: one WebSocket to `authbahn serve`, the typed Api on top of it.
// Every call resolves to a Result — a dropped connection, a timeout or a restarted server become error
// values the UI shows, never a promise that hangs. The page holds no credential of its own: opening the
// one-use link left an HttpOnly session cookie that the browser sends with /session and the WebSocket.
import { createApiClient } from '../../shared/api/client';
import { EVENT_NAMES } from '../../shared/api/api-names';
import type { Api, EventName } from '../../shared/api/contract';
import { AppError, type AppErrorData } from '../../shared/api/errors';
import type { Result } from '../../shared/api/result';
import { API_PATH, CLOSE, parseServerFrame, type CallId, type ClientFrame, type ServerFrame } from './protocol';
import { checkBrowserSession, type SessionCheck } from './session';

/** The subset of the browser WebSocket the bridge uses (the `ws` package's client matches it too). */
export interface SocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  addEventListener(type: 'open' | 'error', listener: () => void): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
  addEventListener(type: 'close', listener: (event: { code: number; reason: string }) => void): void;
}

export interface WebBridgeEnvironment {
  location: { host: string; protocol: string };
  /** GET /session with this page's cookie (see session.ts). */
  checkSession(): Promise<SessionCheck>;
  createSocket(url: string): SocketLike;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface WebBridgeOptions {
  /** A call gets an error Result after this long without an answer (queued time included). */
  callTimeoutMs?: number;
  /** Time to get `ready` after opening the socket. */
  connectTimeoutMs?: number;
  /** Reconnect back-off: first delay, doubled per attempt up to the maximum. */
  reconnectBaseMs?: number;
  reconnectMaxMs?: number;
}

export type ConnectionState = 'connecting' | 'ready' | 'reconnecting' | 'unauthorized' | 'closed';

export const NO_TOKEN_MESSAGE =
  'Open the link printed by `authbahn serve` to use Authbahn in the browser. Each link works once: if you already used it, switch to the tab where Authbahn is open, or run `authbahn serve` again for a new link.';
export const STALE_TOKEN_MESSAGE =
  'This browser session is no longer valid — the Authbahn server was probably restarted. A restarted server needs a new link: open the one `authbahn serve` printed when it started (run it again if it is not running).';
const OPEN = 1;

type Failure = { ok: false; code: AppErrorData['code']; message: string; retry: boolean };
type Outcome = { ok: true } | Failure;

interface PendingCall {
  frame: ClientFrame;
  sent: boolean;
  timer: unknown;
  resolve: (result: Result<unknown>) => void;
}

const knownEvents = new Set<string>(EVENT_NAMES);

export class WebBridge {
  readonly api: Api;
  private socket: SocketLike | undefined;
  private state: ConnectionState = 'connecting';
  private readonly pending = new Map<CallId, PendingCall>();
  private readonly listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  private readonly stateListeners = new Set<(state: ConnectionState) => void>();
  private nextId = 1;
  private attempt = 0;
  /** After a first `ready`, a missing session means the server restarted (or forgot us), not "never signed in". */
  private wasReady = false;
  private reconnectTimer: unknown;
  private readonly url: string;
  private readonly callTimeoutMs: number;
  private readonly connectTimeoutMs: number;
  private readonly reconnectBaseMs: number;
  private readonly reconnectMaxMs: number;

  constructor(
    private readonly env: WebBridgeEnvironment,
    options: WebBridgeOptions = {},
  ) {
    const scheme = env.location.protocol === 'https:' ? 'wss:' : 'ws:';
    this.url = `${scheme}//${env.location.host}${API_PATH}`;
    this.callTimeoutMs = options.callTimeoutMs ?? 60_000;
    this.connectTimeoutMs = options.connectTimeoutMs ?? 10_000;
    this.reconnectBaseMs = options.reconnectBaseMs ?? 250;
    this.reconnectMaxMs = options.reconnectMaxMs ?? 5_000;
    this.api = createApiClient(
      (ns, method, args) => this.invoke(ns, method, args),
      (event, handler) => this.subscribe(event, handler),
    );
  }

  get connectionState(): ConnectionState {
    return this.state;
  }

  onStateChange(listener: (state: ConnectionState) => void): () => void {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }

  /** First connection. Rejects with an AppError the UI can show as-is. */
  async start(): Promise<void> {
    const outcome = await this.open();
    if (outcome.ok) return;
    this.setState(outcome.code === 'UNAUTHORIZED' ? 'unauthorized' : 'closed');
    this.failAll({ code: outcome.code, message: outcome.message });
    throw new AppError(outcome.code, outcome.message);
  }

  /** Stop for good (tests, page teardown): pending calls resolve to errors, no reconnect. */
  close(): void {
    this.setState('closed');
    this.env.clearTimeout(this.reconnectTimer);
    this.socket?.close(1000, 'client closing');
    this.socket = undefined;
    this.failAll({ code: 'INTERNAL', message: 'The connection to Authbahn was closed' });
  }

  private invoke(ns: string, method: string, args: unknown[]): Promise<Result<unknown>> {
    if (this.state === 'unauthorized') return Promise.resolve(fail('UNAUTHORIZED', STALE_TOKEN_MESSAGE));
    if (this.state === 'closed') return Promise.resolve(fail('INTERNAL', 'The connection to Authbahn was closed'));
    const id = this.nextId++;
    return new Promise((resolve) => {
      const call: PendingCall = {
        frame: { type: 'call', id, ns, method, args },
        sent: false,
        resolve,
        timer: this.env.setTimeout(
          () => this.finish(id, fail('INTERNAL', `No answer from the Authbahn server for ${ns}.${method} within ${Math.round(this.callTimeoutMs / 1000)} s`)),
          this.callTimeoutMs,
        ),
      };
      this.pending.set(id, call);
      // While reconnecting the call waits (until its timeout) and goes out once the socket is back.
      if (this.state === 'ready') this.sendCall(call);
    });
  }

  private subscribe(event: EventName, handler: (payload: unknown) => void): () => void {
    if (!knownEvents.has(event) || typeof handler !== 'function') return () => undefined;
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    const entry = (payload: unknown) => handler(payload);
    set.add(entry);
    return () => {
      set.delete(entry);
    };
  }

  private emit(event: string, payload: unknown): void {
    if (!knownEvents.has(event)) return;
    for (const handler of [...(this.listeners.get(event as EventName) ?? [])]) {
      try {
        handler(payload);
      } catch (error) {
        console.error(`authbahn: handler for ${event} failed`, error);
      }
    }
  }

  /** Checks the session, then opens a socket and waits for `ready`; resolves with the outcome, never rejects. */
  private async open(): Promise<Outcome> {
    const session = await this.env.checkSession();
    if (session === 'none') return { ok: false, code: 'UNAUTHORIZED', message: this.wasReady ? STALE_TOKEN_MESSAGE : NO_TOKEN_MESSAGE, retry: false };
    if (session === 'stale') return { ok: false, code: 'UNAUTHORIZED', message: STALE_TOKEN_MESSAGE, retry: false };
    if (session === 'unreachable') return this.describeClose(1006);
    return this.openSocket();
  }

  private openSocket(): Promise<Outcome> {
    return new Promise((resolve) => {
      let settled = false;
      let socket: SocketLike;
      try {
        socket = this.env.createSocket(this.url);
      } catch (error) {
        resolve({ ok: false, code: 'INTERNAL', message: `Cannot open a WebSocket to ${this.url}: ${String(error)}`, retry: true });
        return;
      }
      this.socket = socket;
      const timer = this.env.setTimeout(() => {
        if (settled) return;
        settle({ ok: false, code: 'INTERNAL', message: `The Authbahn server at ${this.env.location.host} did not answer`, retry: true });
        socket.close(1000, 'handshake timeout');
      }, this.connectTimeoutMs);
      const settle = (outcome: Parameters<typeof resolve>[0]) => {
        if (settled) return;
        settled = true;
        this.env.clearTimeout(timer);
        resolve(outcome);
      };

      // Nothing to send on open: the upgrade request carried the session cookie, the server starts with `ready`.
      socket.addEventListener('message', (event) => {
        const frame = parseServerFrame(event.data);
        if (!frame) return;
        if (frame.type === 'ready' && !settled) {
          if (this.state === 'closed') {
            // close() was called while this handshake was under way.
            socket.close(1000, 'client closing');
            settle({ ok: false, code: 'INTERNAL', message: 'The connection to Authbahn was closed', retry: false });
            return;
          }
          this.attempt = 0;
          this.wasReady = true;
          this.setState('ready');
          settle({ ok: true });
          for (const call of this.pending.values()) if (!call.sent) this.sendCall(call);
          return;
        }
        this.onFrame(frame);
      });
      socket.addEventListener('close', (event) => {
        if (this.socket === socket) this.socket = undefined;
        if (!settled) {
          settle(this.describeClose(event.code));
          return;
        }
        this.onDisconnect(event.code);
      });
      // 'error' is always followed by 'close', which carries the information we act on.
      socket.addEventListener('error', () => undefined);
    });
  }

  private describeClose(code: number): Failure {
    if (code === CLOSE.unauthorized) {
      return { ok: false, code: 'UNAUTHORIZED', message: STALE_TOKEN_MESSAGE, retry: false };
    }
    if (code === CLOSE.tooManyAttempts) {
      return { ok: false, code: 'UNAUTHORIZED', message: 'Too many attempts with a wrong link; wait a few seconds, then reload.', retry: true };
    }
    return {
      ok: false,
      code: 'INTERNAL',
      message: `Cannot reach the Authbahn server at ${this.env.location.host}. Is \`authbahn serve\` still running?`,
      retry: true,
    };
  }

  private onFrame(frame: ServerFrame): void {
    switch (frame.type) {
      case 'result':
        this.finish(frame.id, frame.result);
        break;
      case 'event':
        this.emit(frame.event, frame.payload);
        break;
      case 'error':
        if (frame.id !== undefined) this.finish(frame.id, fail('INTERNAL', frame.message));
        else console.warn(`authbahn: server reported: ${frame.message}`);
        break;
      case 'ready':
        break;
    }
  }

  private onDisconnect(code: number): void {
    if (this.state === 'closed') return;
    // Calls already on the wire may or may not have run; say so instead of retrying them blindly.
    for (const [id, call] of this.pending) {
      if (call.sent) this.finish(id, fail('INTERNAL', 'The connection to the Authbahn server was lost; the action may not have completed'));
    }
    if (code === CLOSE.unauthorized) {
      this.setState('unauthorized');
      this.failAll({ code: 'UNAUTHORIZED', message: STALE_TOKEN_MESSAGE });
      return;
    }
    this.setState('reconnecting');
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    const delay = Math.min(this.reconnectMaxMs, this.reconnectBaseMs * 2 ** this.attempt);
    this.attempt += 1;
    this.reconnectTimer = this.env.setTimeout(() => {
      void this.open().then((outcome) => {
        if (this.state === 'closed') return;
        if (outcome.ok) {
          // Events emitted while we were away are lost; tell views to refetch.
          this.emit('accounts.changed', { reason: 'updated' });
          return;
        }
        if (!outcome.retry) {
          this.setState('unauthorized');
          this.failAll({ code: outcome.code, message: outcome.message });
          return;
        }
        this.scheduleReconnect();
      });
    }, delay);
  }

  private sendCall(call: PendingCall): void {
    const socket = this.socket;
    if (!socket || socket.readyState !== OPEN) return;
    call.sent = true;
    socket.send(JSON.stringify(call.frame));
  }

  private finish(id: CallId, result: Result<unknown>): void {
    const call = this.pending.get(id);
    if (!call) return;
    this.pending.delete(id);
    this.env.clearTimeout(call.timer);
    call.resolve(result);
  }

  private failAll(error: AppErrorData): void {
    for (const id of [...this.pending.keys()]) this.finish(id, { ok: false, error });
  }

  private setState(state: ConnectionState): void {
    if (this.state === state) return;
    this.state = state;
    for (const listener of [...this.stateListeners]) listener(state);
  }
}

function fail(code: AppErrorData['code'], message: string): Result<never> {
  return { ok: false, error: { code, message } };
}

/** Connects with this page's session cookie; rejects with an AppError the UI can show as-is. */
export async function connectWebBridge(env: WebBridgeEnvironment, options?: WebBridgeOptions): Promise<WebBridge> {
  const bridge = new WebBridge(env, options);
  await bridge.start();
  return bridge;
}

export function browserEnvironment(): WebBridgeEnvironment {
  return {
    location: window.location,
    checkSession: () => checkBrowserSession(),
    createSocket: (url) => new WebSocket(url),
    setTimeout: (fn, ms) => window.setTimeout(fn, ms),
    clearTimeout: (handle) => window.clearTimeout(handle as number | undefined),
  };
}
