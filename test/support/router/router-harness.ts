// Starts a real Router on 127.0.0.1:0 with test-only auth, and opens AutobahnJS sessions to it.
import autobahn from 'autobahn';
import { Router } from '../../../main/router/router';
import type { Authorizer, SessionAuthenticator } from '../../../main/router/auth/types';
import type { BoundTransport, RouterOptions, TransportOptions } from '../../../main/router/types';
import { AnonymousTestAuthenticator, PermissiveAuthorizer } from './fixtures';

export interface TestRouter {
  router: Router;
  url: string;
  bound: BoundTransport[];
  authorizer: Authorizer;
  authenticator: SessionAuthenticator;
  stop(): Promise<void>;
}

export async function startTestRouter(
  opts: { authorizer?: Authorizer; authenticator?: SessionAuthenticator; transport?: Partial<TransportOptions>; realms?: string[]; extra?: Partial<RouterOptions> } = {},
): Promise<TestRouter> {
  const authorizer = opts.authorizer ?? new PermissiveAuthorizer();
  const authenticator = opts.authenticator ?? new AnonymousTestAuthenticator();
  const router = new Router({
    transports: [{ id: 'ws1', port: 0, authenticator, ...opts.transport }],
    realms: (opts.realms ?? ['realm1']).map((name) => ({ name, authorizer })),
    shutdownGraceMs: 300,
    ...opts.extra,
  });
  const bound = await router.start();
  return { router, url: bound[0]!.url, bound, authorizer, authenticator, stop: () => router.stop() };
}

export type AbSerializer = 'json' | 'msgpack' | 'cbor';

function serializersFor(kind: AbSerializer): unknown[] {
  const s = autobahn.serializer;
  if (kind === 'msgpack') return [new s.MsgpackSerializer()];
  if (kind === 'cbor') return [new s.CBORSerializer()];
  return [new s.JSONSerializer()];
}

/** Open an AutobahnJS session; resolves when joined, rejects with the close reason otherwise. */
export function openSession(url: string, realm = 'realm1', kind: AbSerializer = 'json', extra: Record<string, unknown> = {}): Promise<{ session: autobahn.Session; connection: autobahn.Connection }> {
  return new Promise((resolve, reject) => {
    const connection = new autobahn.Connection({
      url,
      realm,
      serializers: serializersFor(kind),
      max_retries: 0,
      retry_if_unreachable: false,
      ...extra,
    });
    connection.onopen = (session) => resolve({ session, connection });
    connection.onclose = (reason, details) => {
      reject(Object.assign(new Error(`closed: ${reason} ${JSON.stringify(details)}`), { reason, details }));
      return true; // no reconnect
    };
    connection.open();
  });
}

export function closeSession(connection: autobahn.Connection): Promise<void> {
  return new Promise((resolve) => {
    if (!connection.isOpen) return resolve();
    connection.onclose = () => {
      resolve();
      return true;
    };
    connection.close();
  });
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Poll until the predicate holds (bounded); for state that settles asynchronously. */
export async function until(predicate: () => boolean, timeoutMs = 3000): Promise<void> {
  const start = Date.now();
  while (!predicate()) {
    if (Date.now() - start > timeoutMs) throw new Error('condition not reached in time');
    await sleep(10);
  }
}
