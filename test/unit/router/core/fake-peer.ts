import type { Identity } from '../../../../main/router/auth/types';
import type { Peer, PeerFeatures } from '../../../../main/router/peer';
import { SERIALIZERS, type WampSerializer } from '../../../../shared/wamp/serializers';

/** A peer that records what the broker/dealer send it (decoding pre-encoded frames). */
export class FakePeer implements Peer {
  readonly sent: unknown[][] = [];
  readonly identity: Identity;
  constructor(
    readonly id: number,
    readonly serializer: WampSerializer | null = SERIALIZERS.json,
    readonly features: PeerFeatures = { calleeCancel: true, calleeProgress: true },
    authrole = 'user',
  ) {
    this.identity = { realm: 'r', authid: `a${id}`, authrole, authmethod: 'anonymous', authprovider: 'test' };
  }
  send(message: unknown[]): void {
    // Round-trip through the serializer so tests see what the wire carries.
    this.sent.push(this.serializer ? (this.serializer.decode(this.serializer.encode(message)) as unknown[]) : message);
  }
  sendFrame(frame: string | Uint8Array): void {
    const s = this.serializer!;
    this.sent.push(s.decode(s.binary ? frame : typeof frame === 'string' ? frame : Buffer.from(frame).toString('utf8')) as unknown[]);
  }
  take(): unknown[][] {
    return this.sent.splice(0);
  }
}

let n = 0;
export const seqRandom = (size: number) => {
  const out = new Uint8Array(size);
  for (let i = 0; i < size; i += 1) out[i] = (n++ * 37 + 11) & 0xff;
  return out;
};
