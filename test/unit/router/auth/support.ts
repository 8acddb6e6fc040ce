// Builders for authenticator unit tests: a HELLO from a given peer and a context with two realms.
import { buildRouterOptions, type BuildDeps } from '../../../../main/router/config/build-router';
import { parseRouterConfig } from '../../../../main/router/config/parse-config';
import type { HelloInfo, SessionAuthenticator } from '../../../../main/router/auth/types';

let nextSession = 1000;

export function hello(fields: Partial<HelloInfo> & { realm: string }, peer = 'tcp4:127.0.0.1:40000'): HelloInfo {
  return {
    authmethods: [],
    details: {},
    sessionId: (nextSession += 1),
    transport: { type: 'websocket', peer, protocol: 'wamp.2.json', transportId: 't1', httpHeaders: {} },
    ...fields,
  };
}

/** A router config with realm1 (roles frontend, backend, anonymous) and the given auth on one transport. */
export function configWithAuth(auth: unknown, extraWorkerOptions: Record<string, unknown> = {}) {
  return {
    version: 2,
    workers: [
      {
        type: 'router',
        options: extraWorkerOptions,
        realms: [
          {
            name: 'realm1',
            roles: [
              { name: 'frontend', permissions: [{ uri: 'com.example.', match: 'prefix', allow: { call: true, subscribe: true } }] },
              { name: 'backend', permissions: [{ uri: '', match: 'prefix', allow: { call: true, register: true, publish: true, subscribe: true } }] },
              { name: 'anonymous', permissions: [] },
            ],
          },
          { name: 'realm2', roles: [{ name: 'other', permissions: [] }] },
        ],
        transports: [{ type: 'websocket', id: 't1', endpoint: { type: 'tcp', port: 0 }, ...(auth === undefined ? {} : { auth }) }],
      },
    ],
  };
}

export function authenticatorFor(auth: unknown, deps: BuildDeps = {}, workerOptions: Record<string, unknown> = {}) {
  const built = buildRouterOptions(parseRouterConfig(configWithAuth(auth, workerOptions)), deps);
  const authenticator: SessionAuthenticator = built.options.transports[0]!.authenticator;
  return { authenticator, built };
}
