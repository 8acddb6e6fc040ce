import { describe, expect, it } from 'vitest';
import { RouterConfigError } from '../../../../main/router/config/config-error';
import { parseRouterConfig } from '../../../../main/router/config/parse-config';
import { parseRouterConfigText } from '../../../../main/router/config/load-config';
import { EXAMPLE_CONFIG } from '../../../../main/router/config/example-config';

const router = (worker: Record<string, unknown>) => ({ version: 2, workers: [{ type: 'router', realms: [{ name: 'realm1', roles: [{ name: 'anonymous', permissions: [] }] }], ...worker }] });
const ws = (extra: Record<string, unknown> = {}) => ({ type: 'websocket', endpoint: { type: 'tcp', port: 8080 }, ...extra });

function problems(config: unknown): string[] {
  try {
    parseRouterConfig(config);
  } catch (error) {
    if (error instanceof RouterConfigError) return error.issues.map((i) => `${i.path}: ${i.message}`);
    throw error;
  }
  throw new Error('expected the config to be refused');
}

describe('parseRouterConfig', () => {
  it('maps a Crossbar config with a web transport and static auth to a plan', () => {
    const plan = parseRouterConfig({
      version: 2,
      controller: {},
      workers: [
        {
          type: 'router',
          realms: [
            {
              name: 'realm1',
              roles: [
                { name: 'frontend', permissions: [{ uri: 'com.example.', match: 'prefix', allow: { call: true }, disclose: { caller: true }, cache: true }] },
                { name: 'dyn', authorizer: 'com.example.authorize' },
              ],
            },
          ],
          transports: [
            {
              type: 'web',
              endpoint: { type: 'tcp', port: 8080 },
              paths: {
                '/': { type: 'static', directory: '../web' },
                ws: {
                  type: 'websocket',
                  serializers: ['cbor', 'json'],
                  options: { max_message_size: 1048576, open_handshake_timeout: 2500, allowed_origins: ['http://localhost:*'], auto_ping_interval: 10000 },
                  auth: {
                    ticket: { type: 'static', principals: { joe: { ticket: 'secret!!!', role: 'frontend' } } },
                    wampcra: { type: 'static', users: { ann: { secret: 'prq7+YkJ1/KlW1X0YczMHw==', role: 'frontend', salt: 'salt123', iterations: 100, keylen: 16 } } },
                  },
                },
              },
            },
          ],
        },
      ],
    });
    expect(plan.transports).toEqual([
      {
        id: 'transport1',
        host: '127.0.0.1',
        port: 8080,
        path: '/ws',
        serializers: ['cbor', 'json'],
        maxMessageSize: 1048576,
        handshakeTimeoutMs: 2500,
        allowedOrigins: ['http://localhost:*'],
        auth: {
          ticket: { type: 'static', principals: { joe: { role: 'frontend', ticket: { kind: 'secret', secret: { kind: 'inline', value: 'secret!!!' } } } } },
          wampcra: { type: 'static', users: { ann: { role: 'frontend', secret: { kind: 'inline', value: 'prq7+YkJ1/KlW1X0YczMHw==' }, salt: 'salt123', iterations: 100, keylen: 16 } } },
        },
      },
    ]);
    expect(plan.realms[0]!.roles.dyn).toEqual({ kind: 'dynamic', authorizer: 'com.example.authorize' });
    expect(plan.realms[0]!.roles.frontend).toMatchObject({ kind: 'static', permissions: [{ uri: 'com.example.', match: 'prefix', disclose: { caller: true, publisher: false } }] });
    expect(plan.warnings.join('\n')).toMatch(/paths\["\/"\]: path type "static" is not supported/);
    expect(plan.warnings.join('\n')).toMatch(/ignored \(not supported\): auto_ping_interval/);
  });

  it('binds to 127.0.0.1 unless an interface is given, and warns about all-interfaces binds', () => {
    expect(parseRouterConfig(router({ transports: [ws()] })).transports[0]!.host).toBe('127.0.0.1');
    const plan = parseRouterConfig(router({ transports: [ws({ endpoint: { type: 'tcp', port: 1, interface: '0.0.0.0' } })] }));
    expect(plan.transports[0]!.host).toBe('0.0.0.0');
    expect(plan.warnings.join('\n')).toContain('every network interface');
  });

  it('parses TOTP tickets, keychain references and the rate limit extension', () => {
    const plan = parseRouterConfig(
      router({
        options: { auth_rate_limit: { max_failures_per_authid: 3, lockout: 5000 }, dynamic_auth_timeout: 2000 },
        transports: [
          ws({
            auth: {
              ticket: {
                type: 'static',
                principals: {
                  a: { ticket: { totp: 'jbsw y3dp ehpk 3pxp', digits: 8, algorithm: 'sha256' }, role: 'anonymous' },
                  b: { ticket: { totp: { account: 'GitHub:me' } }, role: 'anonymous' },
                  c: { ticket: { totp: { keychain: 'c-totp' } }, role: 'anonymous' },
                  d: { ticket: { keychain: 'd-ticket' }, role: 'anonymous' },
                },
              },
            },
          }),
        ],
      }),
    );
    const auth = plan.transports[0]!.auth!.ticket!;
    expect(auth.type === 'static' && auth.principals).toEqual({
      a: { role: 'anonymous', ticket: { kind: 'totp', totp: { kind: 'secret', secret: { kind: 'inline', value: 'jbsw y3dp ehpk 3pxp' }, digits: 8, period: 30, algorithm: 'SHA256' } } },
      b: { role: 'anonymous', ticket: { kind: 'totp', totp: { kind: 'account', query: 'GitHub:me' } } },
      c: { role: 'anonymous', ticket: { kind: 'totp', totp: { kind: 'secret', secret: { kind: 'keychain', name: 'c-totp' }, digits: 6, period: 30, algorithm: 'SHA1' } } },
      d: { role: 'anonymous', ticket: { kind: 'secret', secret: { kind: 'keychain', name: 'd-ticket' } } },
    });
    expect(plan.rateLimit).toEqual({ maxFailuresPerAuthid: 3, lockoutMs: 5000 });
    expect(plan.dynamicTimeoutMs).toBe(2000);
  });

  it('parses the network, decay and pending-challenge keys of auth_rate_limit (issue 10) and bounds them', () => {
    const plan = parseRouterConfig(
      router({
        options: { auth_rate_limit: { max_failures_per_network: 60, decay: 120_000, max_pending_per_authid: 2, max_pending_per_peer: 16 } },
        transports: [ws()],
      }),
    );
    expect(plan.rateLimit).toEqual({ maxFailuresPerNetwork: 60, decayMs: 120_000, maxPendingPerAuthid: 2, maxPendingPerPeer: 16 });
    const bad = problems(router({ options: { auth_rate_limit: { max_pending_per_authid: 0, decay: 0 } }, transports: [ws()] })).join('\n');
    expect(bad).toContain('max_pending_per_authid');
    expect(bad).toContain('decay');
  });

  it('reads the per-session limits from realm options and the outgoing buffer bound from WebSocket options', () => {
    const plan = parseRouterConfig({
      version: 2,
      workers: [
        {
          type: 'router',
          realms: [{ name: 'realm1', roles: [{ name: 'anonymous', permissions: [] }], options: { max_subscriptions_per_session: 500, max_registrations_per_session: 20, enable_meta_api: true } }],
          transports: [ws({ options: { max_outgoing_buffer_size: 1048576 } })],
        },
      ],
    });
    expect(plan.realms[0]).toMatchObject({ maxSubscriptionsPerSession: 500, maxRegistrationsPerSession: 20 });
    expect(plan.transports[0]!.maxOutgoingBufferBytes).toBe(1048576);
    expect(plan.warnings.join('\n')).toMatch(/realms\[0\]\.options: ignored \(not supported\): enable_meta_api/);
    const bad = { version: 2, workers: [{ type: 'router', realms: [{ name: 'realm1', options: { max_subscriptions_per_session: 0 } }], transports: [ws({ options: { max_outgoing_buffer_size: 10 } })] }] };
    expect(problems(bad).join('\n')).toMatch(/realms\[0\]\.options\.max_subscriptions_per_session/);
    expect(problems(bad).join('\n')).toMatch(/max_outgoing_buffer_size must be at least 65536 bytes/);
  });

  it('reports unknown keys with their JSON path', () => {
    expect(problems(router({ transports: [ws({ auth: { ticket: { type: 'static', principles: {} } } })] }))).toContain(
      'workers[0].transports[0].auth.ticket.principles: unknown key (expected one of: type, principals)',
    );
    expect(
      problems({
        version: 2,
        workers: [{ type: 'router', realms: [{ name: 'realm1', roles: [{ name: 'r', permissions: [{ uri: 'a.', match: 'prefix', alow: { call: true } }] }] }], transports: [ws()] }],
      }),
    ).toContain('workers[0].realms[0].roles[0].permissions[0].alow: unknown key');
    expect(problems(router({ transports: [ws({ options: { max_mesage_size: 1 } })] }))).toContain('workers[0].transports[0].options.max_mesage_size: unknown WebSocket option');
  });

  it('refuses security features it cannot honour with "not supported"', () => {
    expect(problems(router({ transports: [ws({ endpoint: { type: 'tcp', port: 443, tls: { key: '/k', certificate: '/c', ca_certificates: ['/ca'] } } })] })).join('\n')).toMatch(
      /endpoint\.tls\.ca_certificates: TLS client certificates are not supported/,
    );
    expect(problems(router({ transports: [ws({ auth: { 'cryptosign-proxy': { type: 'static', principals: {} } } })] })).join('\n')).toMatch(
      /auth\.cryptosign-proxy: WAMP-Cryptosign proxy authentication is not supported/,
    );
    expect(problems(router({ transports: [ws({ endpoint: { type: 'unix', path: '/tmp/s' } })] })).join('\n')).toMatch(/endpoint\.type: Unix socket endpoints are supported for "rawsocket" transports only/);
    for (const [method, text] of [['scram', /auth\.scram: WAMP-SCRAM is not supported/], ['cookie', /auth\.cookie: cookie authentication is not supported/], ['tls', /auth\.tls: TLS client-certificate authentication is not supported/]] as const) {
      expect(problems(router({ transports: [ws({ auth: { [method]: { type: 'static' } } })] })).join('\n')).toMatch(text);
    }
    expect(problems(router({ transports: [ws({ cookie: { store: { type: 'memory' } } })] })).join('\n')).toMatch(/cookie: cookie tracking is not supported/);
  });

  it('reads TLS endpoints with paths relative to the config file', () => {
    const tls = { key: 'tls/key.pem', certificate: 'tls/cert.pem', chain_certificates: ['/etc/ssl/intermediate.pem'], ciphers: 'ECDHE-ECDSA-AES128-GCM-SHA256', dhparam: 'dh.pem' };
    const plan = parseRouterConfig(router({ transports: [ws({ endpoint: { type: 'tcp', port: 8443, tls } })] }), 'x', { baseDir: '/srv/node' });
    expect(plan.transports[0]!.tls).toEqual({
      keyFile: '/srv/node/tls/key.pem',
      certFile: '/srv/node/tls/cert.pem',
      chainFiles: ['/etc/ssl/intermediate.pem'],
      dhparamFile: '/srv/node/dh.pem',
      ciphers: 'ECDHE-ECDSA-AES128-GCM-SHA256',
    });
    // Without a file location (a config given as an object), a relative path has nothing to start from.
    expect(problems(router({ transports: [ws({ endpoint: { type: 'tcp', port: 8443, tls: { key: 'k.pem', certificate: '/c.pem' } } })] })).join('\n')).toMatch(
      /endpoint\.tls\.key: "k\.pem" is relative/,
    );
    expect(problems(router({ transports: [ws({ endpoint: { type: 'tcp', port: 8443, tls: { key: '/k', certificate: '/c', curve: 'x' } } })] })).join('\n')).toMatch(/endpoint\.tls\.curve: unknown key/);
    expect(problems(router({ transports: [ws({ endpoint: { type: 'tcp', port: 8443, tls: { key: '/k' } } })] })).join('\n')).toMatch(/endpoint\.tls\.certificate/);
  });

  it('reads rawsocket transports on TCP and Unix sockets', () => {
    const plan = parseRouterConfig(
      router({
        transports: [
          { type: 'rawsocket', id: 'rs', endpoint: { type: 'tcp', port: 9000 }, serializers: ['cbor', 'msgpack'], max_message_size: 1048576, debug: true },
          { type: 'rawsocket', id: 'local', endpoint: { type: 'unix', path: 'router.sock' }, options: { max_message_size: 32 * 1024 * 1024 } },
        ],
      }),
      'x',
      { baseDir: '/srv/node' },
    );
    expect(plan.transports[0]).toMatchObject({ id: 'rs', kind: 'rawsocket', host: '127.0.0.1', port: 9000, serializers: ['cbor', 'msgpack'], maxMessageSize: 1048576 });
    expect(plan.transports[1]).toMatchObject({ id: 'local', kind: 'rawsocket', socketPath: '/srv/node/router.sock', maxMessageSize: 16 * 1024 * 1024 });
    expect(plan.warnings.join('\n')).toMatch(/RawSocket messages are at most 16777216 bytes/);
    expect(problems(router({ transports: [{ type: 'rawsocket', endpoint: { type: 'tcp', port: 9000 }, options: { allowed_origins: ['*'] } }] })).join('\n')).toMatch(
      /options\.allowed_origins: unknown RawSocket option/,
    );
  });

  it('reads a universal transport: WebSocket and RawSocket on one port, each with its own auth', () => {
    const plan = parseRouterConfig(
      router({
        transports: [
          {
            type: 'universal',
            id: 'uni',
            endpoint: { type: 'tcp', port: 8080 },
            rawsocket: { serializers: ['msgpack'], auth: { ticket: { type: 'static', principals: { joe: { ticket: 's3cret', role: 'anonymous' } } } } },
            websocket: { ws: { type: 'websocket', serializers: ['json'] } },
            web: { paths: { '/': { type: 'static', directory: '..' } } },
          },
        ],
      }),
    );
    const t = plan.transports[0]!;
    expect(t).toMatchObject({ id: 'uni', kind: 'universal', port: 8080, path: '/ws', serializers: ['json'], auth: undefined });
    expect(t.rawsocket?.serializers).toEqual(['msgpack']);
    expect(t.rawsocket?.auth?.ticket?.type).toBe('static');
    expect(plan.warnings.join('\n')).toMatch(/"web" part is not supported and is skipped/);
    // The RawSocket side's principals are cross-checked like any other.
    expect(
      problems(router({ transports: [{ type: 'universal', endpoint: { type: 'tcp', port: 8080 }, rawsocket: { auth: { ticket: { type: 'static', principals: { joe: { ticket: 'x', role: 'admin' } } } } } }] })).join('\n'),
    ).toMatch(/role "admin" is not defined/);
  });

  it('reads WAMP-Cryptosign: static principals (hex and {"keychain-key"} keys) and dynamic', () => {
    const key = 'AB'.repeat(32);
    const plan = parseRouterConfig(
      router({
        transports: [
          ws({
            auth: {
              cryptosign: {
                type: 'static',
                principals: { client01: { authorized_keys: [key, { 'keychain-key': 'laptop' }], role: 'anonymous', realm: 'realm1', extra: { a: 1 } } },
              },
            },
          }),
          ws({ id: 'dyn', endpoint: { type: 'tcp', port: 8081 }, auth: { cryptosign: { type: 'dynamic', authenticator: 'com.example.authenticate' } } }),
        ],
      }),
    );
    expect(plan.transports[0]!.auth?.cryptosign).toEqual({
      type: 'static',
      principals: {
        client01: {
          role: 'anonymous',
          realm: 'realm1',
          extra: { a: 1 },
          authorizedKeys: [
            { kind: 'hex', publicKey: 'ab'.repeat(32) },
            { kind: 'keychain-key', name: 'laptop' },
          ],
        },
      },
    });
    expect(plan.transports[1]!.auth?.cryptosign).toEqual({ type: 'dynamic', authenticator: 'com.example.authenticate' });
    const bad = (principal: unknown) =>
      problems(router({ transports: [ws({ auth: { cryptosign: { type: 'static', principals: { c: principal } } } })] })).join('\n');
    expect(bad({ authorized_keys: ['abc'], role: 'anonymous' })).toMatch(/authorized_keys\[0\]: an Ed25519 public key is 32 bytes in hex/);
    expect(bad({ authorized_keys: [], role: 'anonymous' })).toMatch(/authorized_keys: must be a non-empty list/);
    expect(bad({ authorized_keys: [{ 'keychain-key': 'bad name' }], role: 'anonymous' })).toMatch(/keychain-key: a key name is/);
    expect(bad({ authorized_keys: [key], role: 'admin' })).toMatch(/cryptosign\.principals\["c"\]: role "admin" is not defined/);
    expect(bad({ authorized_key: [key], role: 'anonymous' })).toMatch(/authorized_key: unknown key/);
  });

  it('explains wrong values, missing routers and bad cross references', () => {
    expect(problems({ version: 1, workers: [] }).join('\n')).toMatch(/version: must be 2/);
    expect(problems({ version: 2, workers: [{ type: 'container' }] }).join('\n')).toMatch(/no worker of type "router"/);
    expect(problems(router({ transports: [ws({ endpoint: { type: 'tcp', port: 70000 } })] })).join('\n')).toMatch(/port must be a number from 0 to 65535/);
    expect(problems(router({ transports: [ws({ auth: { ticket: { type: 'static', principals: { joe: { ticket: 'x', role: 'admin' } } } } })] })).join('\n')).toMatch(
      /role "admin" is not defined in realm|role "admin" is not defined in any realm/,
    );
    expect(problems(router({ transports: [ws({ auth: { ticket: { type: 'static', principals: { joe: { ticket: { totp: 'not base32!' }, role: 'anonymous' } } } } })] })).join('\n')).toMatch(
      /ticket\.totp: not a base32 secret/,
    );
    expect(problems(router({ transports: [ws({ serializers: ['json', 'bson'] })] })).join('\n')).toMatch(/unknown serializer "bson"/);
    expect(problems(router({ transports: [ws({ auth: { wampcra: { type: 'dynamic' } } })] })).join('\n')).toMatch(/auth\.wampcra\.authenticator/);
  });

  it('gives a clear error for text that is not JSON, with line and column', () => {
    expect(() => parseRouterConfigText('{\n  "version": 2,\n  oops\n}', 'config.json')).toThrow(/config\.json: invalid router config:\n {2}\(file\): not valid JSON: .*line 3/);
    // V8 gives no position for "Unexpected token" errors; the offset is found by bisection instead.
    expect(() => parseRouterConfigText('{"version": 2,\n  "workers": [}')).toThrow(/not valid JSON: Unexpected token '}' \(line 2, column 15\)$/);
    expect(() => parseRouterConfigText('{"version": 2, "workers": [')).toThrow(/not valid JSON: Unexpected end of JSON input$/);
  });

  it('loads the printed example config', () => {
    const plan = parseRouterConfigText(EXAMPLE_CONFIG);
    expect(plan.transports.length).toBeGreaterThan(0);
    expect(plan.transports[0]!.host).toBe('127.0.0.1');
    // Browser pages from other sites must not reach it (WebSockets ignore the same-origin policy).
    expect(plan.transports[0]!.allowedOrigins).toEqual(['http://localhost:*', 'http://127.0.0.1:*']);
  });
});
