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
  /**
   * Failed reconnect attempts after which the state turns from 'reconnecting' (a blip) to 'offline' (the
   * server stopped — typically `authbahn serve` was restarted, which picks a new port). Attempts go on.
   */
  offlineAfterAttempts?: number;
  /** A call made while reconnecting waits this long for the socket to come back, then fails. */
  reconnectGraceMs?: number;
}

/**
 * reconnecting: lost the socket, retrying (calls wait a moment). offline: retried for a while, the server
 * does not answer (calls fail at once; retries go on). restarted: reconnected to a *different* run of the
 * server (the page's state is stale: reload). unauthorized: the server does not know this browser's session.
 */
export type ConnectionState = 'connecting' | 'ready' | 'reconnecting' | 'offline' | 'restarted' | 'unauthorized' | 'closed';

/** Why the first connection failed (AppError details.problem), so the page can pick its heading. */
export type ConnectionProblem = 'no-session' | 'stale-session' | 'unreachable' | 'locked-out';

export const NO_TOKEN_MESSAGE =
  'Open the link printed by `authbahn serve` to use Authbahn in the browser. Each link works once: if you already used it, switch to the tab where Authbahn is open, or run `authbahn serve` again for a new link.';
export const STALE_TOKEN_MESSAGE =
  'This browser session is no longer valid — the Authbahn server was probably restarted. A restarted server needs a new link: open the one `authbahn serve` printed when it started (run it again if it is not running).';
export const RESTARTED_MESSAGE =
  'Authbahn was restarted since this tab was opened. Reload the tab to continue with the restarted server.';
export function offlineMessage(host: string): string {
  return `Not connected to Authbahn at ${host}: nothing was done. If \`authbahn serve\` was stopped or restarted, open the new link it printed.`;
}
const OPEN = 1;

type Failure = { ok: false; code: AppErrorData['code']; message: string; retry: boolean; problem: ConnectionProblem | 'restarted' };
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
  /** The server run of the first `ready` (web-protocol.ts); '' when the server sent none. */
  private instance: string | undefined;
  private reconnectTimer: unknown;
  private readonly url: string;
  private readonly callTimeoutMs: number;
  private readonly connectTimeoutMs: number;
  private readonly reconnectBaseMs: number;
  private readonly reconnectMaxMs: number;
  private readonly offlineAfterAttempts: number;
  private readonly reconnectGraceMs: number;

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
    this.offlineAfterAttempts = options.offlineAfterAttempts ?? 4;
    this.reconnectGraceMs = options.reconnectGraceMs ?? 3_000;
    this.api = createApiClient(
      (ns, method, args) => this.invoke(ns, method, args),
      (event, handler) => this.subscribe(event, handler),
    );
  }

  get connectionState(): ConnectionState {
    return this.state;
  }

  /** host:port of the server this page belongs to (for messages that name it). */
  get host(): string {
    return this.env.location.host;
  }

  onStateChange(listener: (state: ConnectionState) => void): () => void {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }

  /** First connection. Rejects with an AppError the UI can show as-is (details.problem says which case). */
  async start(): Promise<void> {
    const outcome = await this.open();
    if (outcome.ok) return;
    this.setState(outcome.code === 'UNAUTHORIZED' ? 'unauthorized' : 'closed');
    this.failAll({ code: outcome.code, message: outcome.message });
    throw new AppError(outcome.code, outcome.message, { problem: outcome.problem });
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
    // Not connected for a while (or for good): say so at once — a button that seems to do nothing for a
    // minute is worse than an error the user can act on.
    const refusal = this.refusalFor(this.state);
    if (refusal) return Promise.resolve({ ok: false, error: refusal });
    const id = this.nextId++;
    return new Promise((resolve) => {
      const call: PendingCall = { frame: { type: 'call', id, ns, method, args }, sent: false, resolve, timer: undefined };
      this.pending.set(id, call);
      if (this.state === 'ready' && this.sendCall(call)) return;
      // Connecting, reconnecting (or a socket closing under us): the call waits a moment (a blip heals in well under a second) and goes
      // out once the socket is back; past the grace time it fails with a message instead of hanging.
      call.timer = this.env.setTimeout(
        () => this.finish(id, { ok: false, error: { code: 'INTERNAL', message: offlineMessage(this.env.location.host) } }),
        this.state === 'connecting' ? this.callTimeoutMs : Math.min(this.reconnectGraceMs, this.callTimeoutMs),
      );
    });
  }

  /** The error a call gets in this state without being tried; undefined when it may be sent or queued. */
  private refusalFor(state: ConnectionState): AppErrorData | undefined {
    switch (state) {
      case 'unauthorized':
        return { code: 'UNAUTHORIZED', message: STALE_TOKEN_MESSAGE };
      case 'restarted':
        return { code: 'UNAUTHORIZED', message: RESTARTED_MESSAGE };
      case 'offline':
        return { code: 'INTERNAL', message: offlineMessage(this.env.location.host) };
      case 'closed':
        return { code: 'INTERNAL', message: 'The connection to Authbahn was closed' };
      default:
        return undefined;
    }
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
    if (session === 'none') {
      return this.wasReady
        ? { ok: false, code: 'UNAUTHORIZED', message: STALE_TOKEN_MESSAGE, retry: false, problem: 'stale-session' }
        : { ok: false, code: 'UNAUTHORIZED', message: NO_TOKEN_MESSAGE, retry: false, problem: 'no-session' };
    }
    if (session === 'stale') return { ok: false, code: 'UNAUTHORIZED', message: STALE_TOKEN_MESSAGE, retry: false, problem: 'stale-session' };
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
        resolve({ ok: false, code: 'INTERNAL', message: `Cannot open a WebSocket to ${this.url}: ${String(error)}`, retry: true, problem: 'unreachable' });
        return;
      }
      this.socket = socket;
      const timer = this.env.setTimeout(() => {
        if (settled) return;
        settle({ ok: false, code: 'INTERNAL', message: `The Authbahn server at ${this.env.location.host} did not answer`, retry: true, problem: 'unreachable' });
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
            settle({ ok: false, code: 'INTERNAL', message: 'The connection to Authbahn was closed', retry: false, problem: 'unreachable' });
            return;
          }
          if (this.instance && frame.instance && frame.instance !== this.instance) {
            // Signed in (this browser opened the new link elsewhere) but to another run of the server: the
            // page's accounts, lock state and settings belong to the old one.
            if (this.socket === socket) this.socket = undefined;
            socket.close(1000, 'server restarted');
            settle({ ok: false, code: 'UNAUTHORIZED', message: RESTARTED_MESSAGE, retry: false, problem: 'restarted' });
            return;
          }
          this.instance ??= frame.instance;
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
        if (this.state === 'ready') this.onDisconnect(event.code);
      });
      // 'error' is always followed by 'close', which carries the information we act on.
      socket.addEventListener('error', () => undefined);
    });
  }

  private describeClose(code: number): Failure {
    if (code === CLOSE.unauthorized) {
      return { ok: false, code: 'UNAUTHORIZED', message: STALE_TOKEN_MESSAGE, retry: false, problem: 'stale-session' };
    }
    if (code === CLOSE.tooManyAttempts) {
      return { ok: false, code: 'UNAUTHORIZED', message: 'Too many attempts with a wrong link; wait a few seconds, then reload.', retry: true, problem: 'locked-out' };
    }
    return {
      ok: false,
      code: 'INTERNAL',
      message: `Cannot reach the Authbahn server at ${this.env.location.host}. Is \`authbahn serve\` still running?`,
      retry: true,
      problem: 'unreachable',
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
          this.setState(outcome.problem === 'restarted' ? 'restarted' : 'unauthorized');
          this.failAll({ code: outcome.code, message: outcome.message });
          return;
        }
        if (this.attempt >= this.offlineAfterAttempts && this.state !== 'offline') {
          // Not a blip: stop holding calls and let the page say what to do. Retries go on (a laptop that
          // slept, a server restarted on a fixed --port), at the slowest pace.
          this.setState('offline');
          this.failAll({ code: 'INTERNAL', message: offlineMessage(this.env.location.host) });
        }
        this.scheduleReconnect();
      });
    }, delay);
  }

  private sendCall(call: PendingCall): boolean {
    const socket = this.socket;
    if (!socket || socket.readyState !== OPEN) return false;
    call.sent = true;
    // From now on the server has it: the full answer timeout applies (replacing a reconnect grace timer).
    this.env.clearTimeout(call.timer);
    const id = call.frame.id;
    call.timer = this.env.setTimeout(
      () => this.finish(id, fail('INTERNAL', `No answer from the Authbahn server for ${call.frame.ns}.${call.frame.method} within ${Math.round(this.callTimeoutMs / 1000)} s`)),
      this.callTimeoutMs,
    );
    socket.send(JSON.stringify(call.frame));
    return true;
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
