// Our own router, in-process on 127.0.0.1 port 0, configured through the real Crossbar-style config
// loader — the target the tester's auth and probe tests run against.
import { buildRouterOptions } from '../../../../main/router/config/build-router';
import { parseRouterConfigText } from '../../../../main/router/config/load-config';
import { Router } from '../../../../main/router/router';
import { deriveCraKey } from '../../../../shared/wamp/cra';

export const TOTP_SECRET = 'JBSWY3DPEHPK3PXP';
export const CRA_SALT = 'tester-salt';
export const CRA_ITERATIONS = 100;
export const CRA_KEYLEN = 16;
/** alice's password; the config holds the derived key (classic Crossbar semantics, as our router does). */
export const ALICE_PASSWORD = 'alice-password';
export const ALICE_DERIVED = deriveCraKey(ALICE_PASSWORD, CRA_SALT, CRA_ITERATIONS, CRA_KEYLEN);

export function testerRouterConfig(options: { anonymous?: boolean } = {}): string {
  return JSON.stringify({
    version: 2,
    workers: [
      {
        type: 'router',
        // Several tests fail logins on purpose; the limiter has its own tests.
        options: { auth_rate_limit: { max_failures_per_authid: 1000, max_failures_per_peer: 1000 } },
        realms: [
          {
            name: 'realm1',
            roles: [
              {
                name: 'frontend',
                permissions: [
                  { uri: 'com.example.', match: 'prefix', allow: { call: true, register: false, publish: true, subscribe: true } },
                ],
              },
              {
                name: 'backend',
                permissions: [{ uri: 'com.example.', match: 'prefix', allow: { call: true, register: true, publish: true, subscribe: true } }],
              },
              { name: 'public', permissions: [{ uri: 'com.example.public.', match: 'prefix', allow: { subscribe: true } }] },
            ],
          },
          // ghost's role exists only here, so joining realm1 as ghost ends in no_such_role.
          { name: 'realm2', roles: [{ name: 'realm2-only', permissions: [] }] },
        ],
        transports: [
          {
            type: 'websocket',
            id: 'main',
            endpoint: { type: 'tcp', port: 18080 },
            serializers: ['json', 'msgpack', 'cbor'],
            auth: {
              ...(options.anonymous === false ? {} : { anonymous: { type: 'static', role: 'public' } }),
              ticket: {
                type: 'static',
                principals: {
                  joe: { ticket: 'secret!!!', role: 'frontend' },
                  ann: { ticket: { totp: TOTP_SECRET }, role: 'frontend' },
                  ghost: { ticket: 'boo', role: 'realm2-only' },
                },
              },
              wampcra: {
                type: 'static',
                users: {
                  alice: { secret: ALICE_DERIVED, role: 'backend', salt: CRA_SALT, iterations: CRA_ITERATIONS, keylen: CRA_KEYLEN },
                  bob: { secret: 'bob-secret', role: 'frontend' },
                },
              },
            },
          },
        ],
      },
    ],
  });
}

export interface RunningRouter {
  url: string;
  router: Router;
  stop(): Promise<void>;
}

export async function startOurRouter(configText = testerRouterConfig()): Promise<RunningRouter> {
  const plan = parseRouterConfigText(configText, 'tester-test-config');
  const built = buildRouterOptions(plan, { override: { host: '127.0.0.1', port: 0 } });
  const router = new Router(built.options);
  built.caller.bind(router.caller);
  const [bound] = await router.start();
  if (!bound) throw new Error('the router bound no transport');
  return { url: bound.url, router, stop: () => router.stop() };
}
