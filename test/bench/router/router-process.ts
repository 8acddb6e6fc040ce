// Runs the router (or a raw ws echo server) in its own process for the bench, so router and
// clients each get a core. Prints one JSON line with the bound port, then serves until killed.
import autobahn from 'autobahn';
import { WebSocketServer } from 'ws';
import { composeRouter } from '../../../main/router/config/compose-router';
import { parseRouterConfig } from '../../../main/router/config/parse-config';
import { deriveCraKey } from '../../../shared/wamp/cra';
import { BENCH_CRA_PASSWORD, BENCH_CRA_SALT, BENCH_TICKET } from './bench-credentials';
import { writeSelfSignedCertificate } from '../../../main/tls/cert-files';
import { rmSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const mode = process.argv[2] ?? 'router';

function serializerFor(kind: string): unknown {
  const s = autobahn.serializer;
  return kind === 'msgpack' ? new s.MsgpackSerializer() : kind === 'cbor' ? new s.CBORSerializer() : new s.JSONSerializer();
}
// Exit normally on SIGTERM so --cpu-prof (see run.ts) gets written.
process.on('SIGTERM', () => process.exit(0));

if (mode === 'callee') {
  // An AutobahnJS callee in its own process, so caller and callee do not share one client core.
  const url = process.argv[3]!;
  const connection = new autobahn.Connection({ url, realm: 'bench', serializers: [serializerFor(process.argv[4] ?? 'json')], max_retries: 0, retry_if_unreachable: false, use_es6_promises: true });
  connection.onopen = (session) => {
    void session.register('bench.echo', (a) => a[0]).then(() => console.log(JSON.stringify({ port: 0 })));
  };
  connection.onclose = () => {
    process.exit(0);
    return true;
  };
  connection.open();
} else if (mode === 'echo') {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: false });
  wss.on('connection', (ws) => ws.on('message', (data, isBinary) => ws.send(data, { binary: isBinary })));
  wss.on('listening', () => {
    const address = wss.address();
    console.log(JSON.stringify({ port: typeof address === 'object' && address ? address.port : 0 }));
  });
} else {
  // The real path: a Crossbar-style config through the same parser and composition as `authbahn router`,
  // so every call/publish goes through the anonymous authenticator and role-permission checks.
  const certDir = await mkdtemp(join(tmpdir(), 'authbahn-bench-tls-'));
  await writeSelfSignedCertificate(certDir);
  process.on('exit', () => rmSync(certDir, { recursive: true, force: true }));
  const plan = parseRouterConfig({
    version: 2,
    workers: [
      {
        type: 'router',
        // The login phase keeps 8 logins in flight from one host (the default allows 4 per authid).
        options: { auth_rate_limit: { max_pending_per_authid: 64, max_pending_per_peer: 64 } },
        realms: [
          {
            name: 'bench',
            roles: [
              {
                name: 'anonymous',
                permissions: [
                  { uri: 'bench.', match: 'prefix', allow: { call: true, register: true, publish: true, subscribe: true } },
                  // The stalled-subscriber phase asks whether the router dropped the stalled session.
                  { uri: 'wamp.session.get', match: 'exact', allow: { call: true } },
                ],
              },
            ],
            // The wildcard phase holds 20,000 patterns in one session (the default cap is 10,000).
            options: { max_subscriptions_per_session: 20_000 },
          },
        ],
        transports: [
          {
            type: 'websocket',
            id: 'ws',
            endpoint: { type: 'tcp', port: 0 },
            auth: {
              anonymous: { type: 'static', role: 'anonymous' },
              // The login phase: the cost of HELLO → WELCOME per method.
              ticket: { type: 'static', principals: { 'bench-ticket': { ticket: BENCH_TICKET, role: 'anonymous' } } },
              wampcra: {
                type: 'static',
                users: {
                  'bench-cra': { secret: BENCH_CRA_PASSWORD, role: 'anonymous' },
                  'bench-cra-salted': {
                    secret: deriveCraKey(BENCH_CRA_PASSWORD, BENCH_CRA_SALT, 1000, 32),
                    salt: BENCH_CRA_SALT,
                    iterations: 1000,
                    keylen: 32,
                    role: 'anonymous',
                  },
                },
              },
            },
          },
          // The same router over RawSocket, and over TLS, for the rawsocket and tls phases.
          { type: 'rawsocket', id: 'rs', endpoint: { type: 'tcp', port: 0 }, auth: { anonymous: { type: 'static', role: 'anonymous' } } },
          { type: 'websocket', id: 'wss', endpoint: { type: 'tcp', port: 0, tls: { key: 'key.pem', certificate: 'cert.pem' } }, auth: { anonymous: { type: 'static', role: 'anonymous' } } },
          { type: 'rawsocket', id: 'rss', endpoint: { type: 'tcp', port: 0, tls: { key: 'key.pem', certificate: 'cert.pem' } }, auth: { anonymous: { type: 'static', role: 'anonymous' } } },
        ],
      },
    ],
  }, 'bench', { baseDir: certDir });
  const { router } = composeRouter(plan);
  const bound = await router.start();
  const port = (id: string) => bound.find((t) => t.id === id)!.port;
  console.log(JSON.stringify({ port: port('ws'), url: bound[0]!.url, rsPort: port('rs'), wssPort: port('wss'), rssPort: port('rss'), ca: join(certDir, 'cert.pem') }));
}
