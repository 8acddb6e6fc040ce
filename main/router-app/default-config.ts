// The router.json the app starts with when there is none: a local development router that is safe to
// leave running.
//
// - One WebSocket transport on 127.0.0.1 only (never every interface): nothing on the network can reach it.
// - Browser pages may connect only from http://localhost:* and http://127.0.0.1:* origins. WebSockets are
//   not covered by the same-origin policy, so without this any web site open in a browser could talk to
//   the local router; non-browser clients (no Origin header) are unaffected.
// - Realm "realm1" with role "anonymous" allowed everything under application URIs: what `crossbar init`
//   does, and what a local dev router is for. The role is the one Crossbar assigns to anonymous logins;
//   tighten it or switch the transport to ticket/wampcra in the editor when the router should tell
//   callers apart.
// - Except the router's own "wamp." namespace: anyone who can connect would otherwise list every session
//   (authids, peer addresses) and end them with wamp.session.kill. The longer prefix "wamp." beats "".
// - Serializers json, msgpack, cbor (all the router speaks).
export const DEFAULT_ROUTER_PORT = 8080;

export function defaultRouterConfig(port: number = DEFAULT_ROUTER_PORT): Record<string, unknown> {
  return {
    version: 2,
    workers: [
      {
        type: 'router',
        realms: [
          {
            name: 'realm1',
            roles: [
              {
                name: 'anonymous',
                permissions: [
                  {
                    uri: '',
                    match: 'prefix',
                    allow: { call: true, register: true, publish: true, subscribe: true },
                    disclose: { caller: false, publisher: false },
                    cache: true,
                  },
                  {
                    uri: 'wamp.',
                    match: 'prefix',
                    allow: { call: false, register: false, publish: false, subscribe: false },
                    disclose: { caller: false, publisher: false },
                    cache: true,
                  },
                ],
              },
            ],
          },
        ],
        transports: [
          {
            type: 'websocket',
            id: 'local',
            endpoint: { type: 'tcp', port, interface: '127.0.0.1' },
            serializers: ['json', 'msgpack', 'cbor'],
            options: { allowed_origins: ['http://localhost:*', 'http://127.0.0.1:*'] },
            auth: { anonymous: { type: 'static', role: 'anonymous' } },
          },
        ],
      },
    ],
  };
}

export function formatConfig(config: unknown): string {
  return `${JSON.stringify(config, null, 2)}\n`;
}

export function defaultRouterConfigText(port?: number): string {
  return formatConfig(defaultRouterConfig(port));
}
