// What the broker and dealer need from a session: an id, an identity, and a way to send. Client
// sessions and the router-internal caller both implement it.
import type { Identity } from './auth/types';
import type { WampSerializer } from '../../shared/wamp/serializers';

export interface PeerFeatures {
  /** Callee announced call_canceling: it understands INTERRUPT. */
  calleeCancel: boolean;
  /** Callee announced progressive_call_results. */
  calleeProgress: boolean;
}

export interface Peer {
  readonly id: number;
  readonly identity: Identity;
  /** null for the router-internal peer, which takes messages as arrays. */
  readonly serializer: WampSerializer | null;
  readonly features: PeerFeatures;
  /** Encode with this peer's serializer and send. */
  send(message: unknown[]): void;
  /** Send a frame already encoded with this peer's serializer (EVENTs are encoded once per serializer). */
  sendFrame(frame: string | Uint8Array): void;
}
