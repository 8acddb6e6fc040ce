// One WebSocket connection of the web bridge. It exists only after the upgrade request presented a valid
// session cookie (web-server.ts), so there is no unauthenticated phase here: the session says `ready`,
// dispatches calls through the shared contract dispatcher and forwards service events.
import type { WebSocket } from 'ws';
import { EVENT_NAMES, type ApiHandlers, type EventName } from '../../shared/api/contract';
import { dispatch } from '../../shared/api/dispatch';
import { err, type Result } from '../../shared/api/result';
import type { EventBus } from '../events';
import { parseClientMessage, type CallId, type ServerMessage } from './protocol';
import { allowSecretAccess, revealsSecrets, type SecretAccessCheck } from './secret-access';

/** What the bridge needs from the services: structurally a subset of `Services`. */
export interface ApiBackend {
  handlers: ApiHandlers;
  events: EventBus;
}

export interface ApiSessionOptions {
  backend: ApiBackend;
  /** Remote address, for logs and the secret-access check. */
  peer: string;
  /** Asked before calls that reveal secrets (export, Show QR); default: allowed (no app lock yet). */
  secretAccess?: SecretAccessCheck;
  /** This run of the server (web-protocol.ts INSTANCE_ID_PATTERN), told to the page in `ready`. */
  instance: string;
  /** Calls one connection may have running at once; more get an error result instead of queueing unbounded work. */
  maxInFlight?: number;
  log?: (line: string) => void;
}

const knownEvents = new Set<string>(EVENT_NAMES);

export class ApiSession {
  private state: 'ready' | 'closed' = 'ready';
  private inFlight = 0;
  private unsubscribe: (() => void) | undefined;

  constructor(
    private readonly ws: WebSocket,
    private readonly options: ApiSessionOptions,
  ) {
    ws.on('message', (data, isBinary) => this.onFrame(data, isBinary));
    ws.on('close', () => this.cleanup());
    // ws emits 'error' for protocol violations (e.g. frames above maxPayload) and then closes; without a
    // listener the error would be thrown and take the whole process down.
    ws.on('error', (error) => options.log?.(`web bridge: connection error: ${error.message}`));
    this.unsubscribe = options.backend.events.on((event, payload) => this.forward(event, payload));
    this.send({ type: 'ready', instance: options.instance });
  }

  private onFrame(data: unknown, isBinary: boolean): void {
    if (this.state === 'closed') return;
    const text = isBinary ? undefined : rawToString(data);
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
    void this.call(message.id, message.ns, message.method, message.args);
  }

  private async call(id: CallId, ns: string, method: string, args: unknown[]): Promise<void> {
    if (this.inFlight >= (this.options.maxInFlight ?? 256)) {
      this.send({ type: 'result', id, result: err({ code: 'INTERNAL', message: 'Too many calls in flight on this connection' }) });
      return;
    }
    this.inFlight += 1;
    let result: Result<unknown>;
    try {
      const access = await this.checkSecretAccess(ns, method);
      result = !access.ok
        ? access
        : await dispatch(this.options.backend.handlers, ns, method, args, (error, where) =>
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

  /** The single hook for re-authentication before secret-revealing calls (see secret-access.ts). */
  private async checkSecretAccess(ns: string, method: string): Promise<Result<void>> {
    if (!revealsSecrets(ns, method)) return { ok: true, value: undefined };
    return (this.options.secretAccess ?? allowSecretAccess)({ ns, method, peer: this.options.peer });
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
