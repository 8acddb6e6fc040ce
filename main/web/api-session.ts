// One authenticated-or-not WebSocket connection of the web bridge: enforces the hello handshake,
// dispatches calls through the shared contract dispatcher and forwards service events.
import type { WebSocket } from 'ws';
import { EVENT_NAMES, type ApiHandlers, type EventName } from '../../shared/api/contract';
import { dispatch } from '../../shared/api/dispatch';
import { err, type Result } from '../../shared/api/result';
import type { EventBus } from '../events';
import type { AuthLimiter } from './auth-limiter';
import { CLOSE, parseClientMessage, type CallId, type ServerMessage } from './protocol';
import { tokensEqual } from './token';

/** What the bridge needs from the services: structurally a subset of `Services`. */
export interface ApiBackend {
  handlers: ApiHandlers;
  events: EventBus;
}

export interface ApiSessionOptions {
  backend: ApiBackend;
  token: string;
  limiter: AuthLimiter;
  /** Remote address, the key for the wrong-token limiter. */
  peer: string;
  helloTimeoutMs: number;
  /** Calls one connection may have running at once; more get an error result instead of queueing unbounded work. */
  maxInFlight?: number;
  log?: (line: string) => void;
}

const knownEvents = new Set<string>(EVENT_NAMES);

export class ApiSession {
  private state: 'hello' | 'ready' | 'closed' = 'hello';
  private inFlight = 0;
  private helloTimer: NodeJS.Timeout | undefined;
  private unsubscribe: (() => void) | undefined;

  constructor(
    private readonly ws: WebSocket,
    private readonly options: ApiSessionOptions,
  ) {
    this.helloTimer = setTimeout(() => this.close(CLOSE.helloTimeout, 'hello timeout'), options.helloTimeoutMs);
    ws.on('message', (data, isBinary) => this.onFrame(data, isBinary));
    ws.on('close', () => this.cleanup());
    // ws emits 'error' for protocol violations (e.g. frames above maxPayload) and then closes; without a
    // listener the error would be thrown and take the whole process down.
    ws.on('error', (error) => options.log?.(`web bridge: connection error: ${error.message}`));
  }

  private onFrame(data: unknown, isBinary: boolean): void {
    if (this.state === 'closed') return;
    const text = isBinary ? undefined : rawToString(data);
    if (this.state === 'hello') {
      this.onHelloFrame(text);
      return;
    }
    if (text === undefined) {
      this.send({ type: 'error', message: 'Binary frames are not supported; send JSON text' });
      return;
    }
    const parsed = parseClientMessage(text);
    if (!parsed.ok) {
      this.send({ type: 'error', message: parsed.message, ...(parsed.id === undefined ? {} : { id: parsed.id }) });
      return;
    }
    const message = parsed.message;
    if (message.type === 'hello') {
      this.send({ type: 'error', message: 'Already authenticated' });
      return;
    }
    void this.call(message.id, message.ns, message.method, message.args);
  }

  private onHelloFrame(text: string | undefined): void {
    const parsed = text === undefined ? undefined : parseClientMessage(text);
    if (!parsed?.ok || parsed.message.type !== 'hello') {
      this.close(CLOSE.unauthorized, 'first frame must be hello');
      return;
    }
    const { limiter, peer } = this.options;
    if (limiter.retryAfter(peer) > 0) {
      this.close(CLOSE.tooManyAttempts, 'too many wrong tokens, retry later');
      return;
    }
    if (!tokensEqual(this.options.token, parsed.message.token)) {
      limiter.recordFailure(peer);
      this.options.log?.(`web bridge: rejected a connection with a wrong token from ${peer}`);
      this.close(CLOSE.unauthorized, 'invalid token');
      return;
    }
    limiter.recordSuccess(peer);
    clearTimeout(this.helloTimer);
    this.helloTimer = undefined;
    this.state = 'ready';
    this.unsubscribe = this.options.backend.events.on((event, payload) => this.forward(event, payload));
    this.send({ type: 'ready' });
  }

  private async call(id: CallId, ns: string, method: string, args: unknown[]): Promise<void> {
    if (this.inFlight >= (this.options.maxInFlight ?? 256)) {
      this.send({ type: 'result', id, result: err({ code: 'INTERNAL', message: 'Too many calls in flight on this connection' }) });
      return;
    }
    this.inFlight += 1;
    let result: Result<unknown>;
    try {
      result = await dispatch(this.options.backend.handlers, ns, method, args, (error, where) =>
        this.options.log?.(`web bridge: ${where} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`),
      );
    } catch (error) {
      // dispatch() already turns handler failures into values; this only guards against bugs in it.
      result = err({ code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) });
    } finally {
      this.inFlight -= 1;
    }
    this.send({ type: 'result', id, result });
  }

  private forward(event: EventName, payload: unknown): void {
    if (knownEvents.has(event)) this.send({ type: 'event', event, payload });
  }

  private send(message: ServerMessage): void {
    if (this.state === 'closed' || this.ws.readyState !== this.ws.OPEN) return;
    let text: string;
    try {
      text = JSON.stringify(message);
    } catch (error) {
      // A handler returned something JSON cannot carry (BigInt, cycle): report it instead of dropping the call.
      if (message.type !== 'result') return;
      text = JSON.stringify({
        type: 'result',
        id: message.id,
        result: err({ code: 'INTERNAL', message: `Result could not be serialised: ${error instanceof Error ? error.message : String(error)}` }),
      } satisfies ServerMessage);
    }
    this.ws.send(text, (error) => {
      if (error) this.options.log?.(`web bridge: send failed: ${error.message}`);
    });
  }

  close(code: number, reason: string): void {
    if (this.state === 'closed') return;
    this.cleanup();
    try {
      this.ws.close(code, reason);
    } catch {
      this.ws.terminate();
    }
  }

  private cleanup(): void {
    this.state = 'closed';
    clearTimeout(this.helloTimer);
    this.helloTimer = undefined;
    this.unsubscribe?.();
    this.unsubscribe = undefined;
  }
}

function rawToString(data: unknown): string {
  if (typeof data === 'string') return data;
  if (Buffer.isBuffer(data)) return data.toString('utf8');
  if (Array.isArray(data)) return Buffer.concat(data as Buffer[]).toString('utf8');
  if (data instanceof ArrayBuffer) return Buffer.from(data).toString('utf8');
  return String(data);
}
