// What the handshake and the probes need from a connection to a router, whatever carries it
// (WebSocket or RawSocket): send a message, receive the next one with a deadline, close.
import { parseMessage, type WampMessage } from '../../shared/wamp/messages';
import type { WampSerializer } from '../../shared/wamp/serializers';
import type { Tracer } from './trace';

export type Incoming =
  | { type: 'message'; message: WampMessage }
  | { type: 'invalid'; error: string }
  | { type: 'closed'; code: number; reason: string }
  | { type: 'timeout' };

export interface TesterConnection {
  readonly serializer: WampSerializer;
  /** WebSocket subprotocol, or the RawSocket serializer as the same name ("wamp.2.cbor"). */
  readonly protocol: string;
  send(message: unknown[]): void;
  /** The next incoming item, or {type:'timeout'} after timeoutMs. A closed connection keeps answering 'closed'. */
  receive(timeoutMs: number): Promise<Incoming>;
  /**
   * Waits for a message `accept` returns true for, skipping (but tracing) others — EVENTs and
   * INVOCATIONs can arrive between a request and its answer. The deadline covers the whole wait.
   */
  receiveMatching(accept: (message: WampMessage) => boolean, timeoutMs: number): Promise<Incoming>;
  /** Closes and waits (bounded) for the other side. */
  close(timeoutMs: number): Promise<void>;
}

/** The receive side both clients share: decoded messages queue up until someone waits for them. */
export abstract class QueuedConnection {
  private readonly queue: Incoming[] = [];
  private waiter: ((incoming: Incoming) => void) | undefined;
  protected closedWith: { code: number; reason: string } | undefined;

  protected constructor(
    readonly serializer: WampSerializer,
    protected readonly tracer: Tracer,
  ) {}

  receive(timeoutMs: number): Promise<Incoming> {
    const next = this.queue.shift();
    if (next) return Promise.resolve(next);
    if (this.closedWith) return Promise.resolve({ type: 'closed', ...this.closedWith });
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiter = undefined;
        resolve({ type: 'timeout' });
      }, timeoutMs);
      this.waiter = (incoming) => {
        clearTimeout(timer);
        this.waiter = undefined;
        resolve(incoming);
      };
    });
  }

  async receiveMatching(accept: (message: WampMessage) => boolean, timeoutMs: number): Promise<Incoming> {
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      const left = deadline - performance.now();
      if (left <= 0) return { type: 'timeout' };
      const incoming = await this.receive(left);
      if (incoming.type !== 'message' || accept(incoming.message)) return incoming;
    }
  }

  /** Decode one received message (bytes, or text for JSON over WebSocket), trace it and queue it. */
  protected deliver(data: Uint8Array | string, size: number, what: string): void {
    let value: unknown;
    try {
      value = this.serializer.decode(data);
    } catch (error) {
      const text = error instanceof Error ? error.message : String(error);
      this.tracer.info('UNDECODABLE', `${size}-byte ${what}: ${text}`);
      this.push({ type: 'invalid', error: `a frame could not be decoded (${text})` });
      return;
    }
    this.tracer.frame('in', value, size);
    const parsed = parseMessage(value);
    this.push(parsed.ok ? { type: 'message', message: parsed.message } : { type: 'invalid', error: parsed.error });
  }

  protected markClosed(code: number, reason: string): void {
    if (this.closedWith) return;
    this.closedWith = { code, reason };
    this.push({ type: 'closed', code, reason });
  }

  protected push(incoming: Incoming): void {
    if (this.waiter) this.waiter(incoming);
    else this.queue.push(incoming);
  }
}
