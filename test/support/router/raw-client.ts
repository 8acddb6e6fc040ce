// A minimal WAMP client over a raw WebSocket with our own serializers, for tests that must send
// what a well-behaved library never would (garbage frames, wrong types, out-of-order messages).
import WebSocket from 'ws';
import { SERIALIZERS, type SerializerId } from '../../../shared/wamp/serializers';

export interface Closed {
  code: number;
  reason: string;
}

export class RawClient {
  readonly received: unknown[][] = [];
  private waiters: { predicate: (m: unknown[]) => boolean; resolve: (m: unknown[]) => void; reject: (e: Error) => void }[] = [];
  readonly closed: Promise<Closed>;
  private constructor(
    readonly ws: WebSocket,
    readonly serializerId: SerializerId,
  ) {
    const s = SERIALIZERS[serializerId];
    ws.on('message', (data, isBinary) => {
      const msg = s.decode(isBinary ? (data as Buffer) : (data as Buffer).toString('utf8')) as unknown[];
      const i = this.waiters.findIndex((w) => w.predicate(msg));
      if (i >= 0) this.waiters.splice(i, 1)[0]!.resolve(msg);
      else this.received.push(msg);
    });
    this.closed = new Promise((resolve) =>
      ws.on('close', (code, reason) => {
        for (const w of this.waiters.splice(0)) w.reject(new Error(`socket closed (${code}) while waiting`));
        resolve({ code, reason: reason.toString() });
      }),
    );
  }

  static connect(url: string, serializer: SerializerId = 'json', protocols?: string[]): Promise<RawClient> {
    const ws = new WebSocket(url, protocols ?? [SERIALIZERS[serializer].subprotocol]);
    return new Promise((resolve, reject) => {
      ws.once('open', () => resolve(new RawClient(ws, serializer)));
      ws.once('error', reject);
      ws.once('unexpected-response', (_req, res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => reject(Object.assign(new Error(`HTTP ${res.statusCode}: ${body.trim()}`), { status: res.statusCode, body })));
      });
    });
  }

  send(msg: unknown[]): void {
    const s = SERIALIZERS[this.serializerId];
    this.ws.send(s.encode(msg), { binary: s.binary });
  }

  sendRaw(data: string | Uint8Array, binary: boolean): void {
    this.ws.send(data, { binary });
  }

  /** Next message (optionally of a given type); already-received ones are consumed first. */
  next(code?: number, timeoutMs = 5000): Promise<unknown[]> {
    const predicate = (m: unknown[]) => code === undefined || m[0] === code;
    const i = this.received.findIndex(predicate);
    if (i >= 0) return Promise.resolve(this.received.splice(i, 1)[0]!);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no message ${code ?? ''} within ${timeoutMs} ms; got ${JSON.stringify(this.received)}`)), timeoutMs);
      this.waiters.push({
        predicate,
        resolve: (m) => {
          clearTimeout(timer);
          resolve(m);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      });
    });
  }

  /** HELLO and wait for WELCOME (returns its session id) or fail with the ABORT. */
  async join(realm: string, details: Record<string, unknown> = {}): Promise<number> {
    this.send([1, realm, { roles: { caller: {}, callee: { features: { call_canceling: true, progressive_call_results: true } }, publisher: {}, subscriber: {} }, ...details }]);
    const reply = await this.next();
    if (reply[0] !== 2) throw new Error(`expected WELCOME, got ${JSON.stringify(reply)}`);
    return reply[1] as number;
  }

  close(): void {
    this.ws.close();
  }
}
