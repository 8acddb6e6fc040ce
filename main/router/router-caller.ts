// RouterCaller: lets auth code (dynamic authenticators/authorizers) call a procedure registered in
// a realm as the router itself. The router-internal peer receives RESULT/ERROR as plain arrays.
import { MSG } from '../../shared/wamp/codes';
import { WAMP_ERROR } from '../../shared/wamp/errors';
import { IdSequence } from '../../shared/wamp/ids';
import type { Dict } from '../../shared/wamp/messages';
import { WampCallError, type Identity, type RouterCaller } from './auth/types';
import type { Peer, PeerFeatures } from './peer';
import type { Realm } from './realm';

interface Pending {
  resolve(value: unknown): void;
  reject(err: WampCallError): void;
}

const ROUTER_IDENTITY: Identity = { realm: '', authid: 'router', authrole: 'trusted', authmethod: 'internal', authprovider: 'router' };

/** The router's own peer in one realm. Id 0 is never a client session id (those are ≥ 1). */
class InternalPeer implements Peer {
  readonly id = 0;
  readonly serializer = null;
  readonly features: PeerFeatures = { calleeCancel: false, calleeProgress: false };
  readonly pending = new Map<number, Pending>();

  constructor(readonly identity: Identity) {}

  send(message: unknown[]): void {
    const code = message[0];
    if (code === MSG.RESULT) {
      const details = message[2] as Dict;
      if (details.progress === true) return;
      const p = this.take(message[1] as number);
      const args = (message[3] as unknown[] | undefined) ?? [];
      const kwargs = message[4] as Dict | undefined;
      p?.resolve(args.length > 0 ? args[0] : (kwargs ?? null));
    } else if (code === MSG.ERROR) {
      this.take(message[2] as number)?.reject(new WampCallError(message[4] as string, (message[5] as unknown[]) ?? [], (message[6] as Dict) ?? {}));
    }
  }

  sendFrame(): void {
    // never subscribed to anything, so never receives pre-encoded EVENT frames
  }

  private take(request: number): Pending | undefined {
    const p = this.pending.get(request);
    this.pending.delete(request);
    return p;
  }
}

export class InternalCaller implements RouterCaller {
  private readonly peers = new Map<string, InternalPeer>();
  private readonly requests = new IdSequence();

  constructor(
    private readonly realm: (name: string) => Realm | undefined,
    private readonly defaultTimeoutMs = 10_000,
  ) {}

  call(realmName: string, procedure: string, args: unknown[], kwargs?: Record<string, unknown>, timeoutMs?: number): Promise<unknown> {
    const realm = this.realm(realmName);
    if (!realm) return Promise.reject(new WampCallError(WAMP_ERROR.no_such_realm, [`no realm '${realmName}' on this router`]));
    let peer = this.peers.get(realmName);
    if (!peer) this.peers.set(realmName, (peer = new InternalPeer({ ...ROUTER_IDENTITY, realm: realmName })));
    const request = this.requests.take();
    const timeout = timeoutMs ?? this.defaultTimeoutMs;
    const owner = peer;
    return new Promise<unknown>((resolve, reject) => {
      owner.pending.set(request, { resolve, reject });
      // The dealer enforces the timeout (and interrupts the callee); it answers with wamp.error.timeout.
      realm.callAsRouter(owner, request, procedure, args, kwargs, timeout);
    });
  }
}
