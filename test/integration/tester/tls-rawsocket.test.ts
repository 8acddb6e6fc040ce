// The connection tester (engine and `authbahn test`, in-process) against our router's TLS and RawSocket
// transports: rs://, rss://, unix:, wss:// with --ca / --pin / --insecure, and the diagnoses of an
// untrusted certificate, a certificate for another name, a pin mismatch and a RawSocket serializer refusal.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TesterProfileDraft } from '../../../shared/api/tester-contract';
import { main } from '../../../main/cli';
import { composeRouter } from '../../../main/router/config/compose-router';
import { parseRouterConfig } from '../../../main/router/config/parse-config';
import type { Router } from '../../../main/router/router';
import type { BoundTransport } from '../../../main/router/types';
import { runTest } from '../../../main/tester/run-test';
import { writeSelfSignedCertificate, type WrittenCertificate } from '../../../main/tls/cert-files';

let dir: string;
let router: Router;
let bound: Record<string, BoundTransport>;
let fingerprint: string;
let caFile: string;
let otherCert: WrittenCertificate;

async function cli(argv: string[]) {
  let out = '';
  let err = '';
  const code = await main(argv, { stdout: (t) => void (out += t), stderr: (t) => void (err += t), env: { AUTHBAHN_DATA_DIR: join(dir, 'data') }, untilSignal: () => Promise.resolve() });
  return { code, out, err };
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'authbahn-tester-tls-'));
  // The certificate comes from `authbahn router cert`, as a user would make it.
  const made = await cli(['router', 'cert', '--out', join(dir, 'tls')]);
  expect(made.code, made.err).toBe(0);
  fingerprint = /SHA-256 fingerprint: (\S+)/.exec(made.out)![1]!;
  caFile = join(dir, 'tls', 'cert.pem');
  const tls = { key: 'tls/key.pem', certificate: 'tls/cert.pem' };
  // A second certificate for a name the tester will not use.
  otherCert = await writeSelfSignedCertificate(join(dir, 'other'), { dnsNames: ['router.example'], ipAddresses: [] });
  const plan = parseRouterConfig(
    {
      version: 2,
      workers: [
        {
          type: 'router',
          realms: [{ name: 'realm1', roles: [{ name: 'anonymous', permissions: [{ uri: 'com.', match: 'prefix', allow: { call: true, subscribe: true } }] }] }],
          transports: [
            { type: 'websocket', id: 'wss', endpoint: { type: 'tcp', port: 0, tls } },
            { type: 'rawsocket', id: 'rs', endpoint: { type: 'tcp', port: 0 }, serializers: ['msgpack', 'cbor'] },
            { type: 'rawsocket', id: 'rss', endpoint: { type: 'tcp', port: 0, tls } },
            { type: 'rawsocket', id: 'unix', endpoint: { type: 'unix', path: 'router.sock' } },
            { type: 'websocket', id: 'ws', endpoint: { type: 'tcp', port: 0 } },
            { type: 'websocket', id: 'other', endpoint: { type: 'tcp', port: 0, tls: { key: 'other/key.pem', certificate: 'other/cert.pem' } } },
          ],
        },
      ],
    },
    'config.json',
    { baseDir: dir },
  );
  ({ router } = composeRouter(plan, { shutdownGraceMs: 300 }));
  bound = Object.fromEntries((await router.start()).map((t) => [t.id, t]));
});

afterAll(async () => {
  await router?.stop();
  await rm(dir, { recursive: true, force: true });
});

const profile = (url: string, extra: Partial<TesterProfileDraft> = {}): TesterProfileDraft => ({
  name: 't',
  url,
  realm: 'realm1',
  authmethod: 'anonymous',
  serializer: 'cbor',
  timeoutMs: 3000,
  probes: { call: [], register: [], publish: [], subscribe: ['com.topic'] },
  ...extra,
});
const anonymous = { method: 'anonymous' } as const;

describe('RawSocket URLs', () => {
  it.each(['rs', 'unix'] as const)('%s: joins, probes and traces the RawSocket handshake', async (id) => {
    const result = await runTest({ profile: profile(bound[id]!.url), profileId: null, credential: anonymous });
    expect(result.outcome, JSON.stringify(result.diagnosis)).toBe('welcome');
    expect(result.probes[0]).toMatchObject({ action: 'subscribe', outcome: 'allowed' });
    expect(result.details).toMatchObject({ transport: 'rawsocket', tls: false, subprotocol: 'wamp.2.cbor' });
    expect(result.trace.map((e) => e.name)).toEqual(expect.arrayContaining(['CONNECT', 'TCP', 'HANDSHAKE', 'OPEN', 'HELLO', 'WELCOME']));
  });

  it('diagnoses a RawSocket serializer refusal', async () => {
    const result = await runTest({ profile: profile(bound.rs!.url, { serializer: 'json' }), profileId: null, credential: anonymous });
    expect(result).toMatchObject({ outcome: 'no_connection', reason: 'rawsocket_serializer_refused' });
    expect(result.diagnosis.explanation).toContain('json');
    expect(result.diagnosis.hint).toContain('"serializers"');
  });

  it('explains rs:// to a WebSocket port and ws:// to a RawSocket port', async () => {
    const rsToWs = await runTest({ profile: profile(bound.ws!.url.replace(/^ws:\/\/([^/]+)\/ws$/, 'rs://$1')), profileId: null, credential: anonymous });
    expect(rsToWs.reason).toBe('not_rawsocket');
    expect(rsToWs.diagnosis.hint).toMatch(/ws:\/\/127\.0\.0\.1:\d+\/ws/);
    const wsToRs = await runTest({ profile: profile(bound.rs!.url.replace('rs://', 'ws://') + '/ws'), profileId: null, credential: anonymous });
    expect(wsToRs.outcome).toBe('no_connection');
    expect(JSON.stringify(wsToRs.diagnosis)).toMatch(/RawSocket/);
  });

  it('names a missing Unix socket', async () => {
    const result = await runTest({ profile: profile(`unix:${join(dir, 'nothing.sock')}`), profileId: null, credential: anonymous });
    expect(result).toMatchObject({ outcome: 'no_connection', reason: 'connection_refused' });
    expect(result.diagnosis.title).toBe('Unix socket not reachable');
  });
});

describe('TLS trust', () => {
  it.each(['wss', 'rss'] as const)('%s: refuses the self-signed certificate by default and says --ca or --pin, sending nothing', async (id) => {
    const result = await runTest({ profile: profile(bound[id]!.url), profileId: null, credential: anonymous });
    expect(result).toMatchObject({ outcome: 'no_connection', reason: 'tls_failure' });
    expect(result.diagnosis.title).toMatch(/self-signed/);
    expect(result.diagnosis.hint).toContain(`--pin ${fingerprint}`);
    expect(result.details.certificateSha256).toBe(fingerprint);
    // Nothing of WebSocket or WAMP went out.
    expect(result.trace.filter((e) => e.dir === 'out')).toEqual([]);
  });

  it.each(['wss', 'rss'] as const)('%s: joins with --ca FILE and with --pin', async (id) => {
    const withCa = await runTest({ profile: profile(bound[id]!.url, { tls: { caFile } }), profileId: null, credential: anonymous });
    expect(withCa.outcome, JSON.stringify(withCa.diagnosis)).toBe('welcome');
    expect(withCa.details).toMatchObject({ tls: true, certificateSha256: fingerprint });
    const pinned = await runTest({ profile: profile(bound[id]!.url, { tls: { pin: fingerprint.replace(/:/g, '').toLowerCase() } }), profileId: null, credential: anonymous });
    expect(pinned.outcome).toBe('welcome');
    expect(pinned.warnings).toEqual([]);
  });

  it('a certificate for other names: --ca does not help, the diagnosis says so; --pin does', async () => {
    const result = await runTest({ profile: profile(bound.other!.url, { tls: { caFile: otherCert.certFile } }), profileId: null, credential: anonymous });
    expect(result.reason).toBe('tls_failure');
    expect(result.details.certificateSha256).toBe(otherCert.fingerprint256);
    expect(result.diagnosis.title).toBe('Certificate for another host name');
    expect(result.diagnosis.explanation).toContain('DNS:router.example');
    expect(result.diagnosis.hint).toMatch(/--ca does not help/);
    const pinned = await runTest({ profile: profile(bound.other!.url, { tls: { pin: otherCert.fingerprint256 } }), profileId: null, credential: anonymous });
    expect(pinned.outcome).toBe('welcome');
  });

  it('a pin mismatch is refused and explained', async () => {
    const result = await runTest({ profile: profile(bound.rss!.url, { tls: { pin: 'ab'.repeat(32) } }), profileId: null, credential: anonymous });
    expect(result.reason).toBe('tls_failure');
    expect(result.diagnosis.title).toBe('Certificate does not match the pin');
  });

  it('--insecure connects and warns; a CA file that cannot be read is its own error', async () => {
    const result = await runTest({ profile: profile(bound.wss!.url, { tls: { insecure: true } }), profileId: null, credential: anonymous });
    expect(result.outcome).toBe('welcome');
    expect(result.warnings.map((w) => w.kind)).toContain('tls_insecure');
    const missing = await runTest({ profile: profile(bound.wss!.url, { tls: { caFile: join(dir, 'missing.pem') } }), profileId: null, credential: anonymous });
    expect(missing.reason).toBe('tls_failure');
    expect(missing.diagnosis.explanation).toContain('cannot read the CA file');
  });
});

describe('authbahn test (in-process CLI)', () => {
  it('--ca and --pin reach rss:// and wss://; without them exit 2 with the advice', async () => {
    const ok = await cli(['test', '--url', bound.rss!.url, '--realm', 'realm1', '--serializer', 'cbor', '--ca', caFile]);
    expect(ok.code, ok.out).toBe(0);
    expect(ok.out).toContain('RawSocket open');
    const pinned = await cli(['test', '--url', bound.wss!.url, '--realm', 'realm1', '--pin', fingerprint]);
    expect(pinned.code, pinned.out).toBe(0);
    const refused = await cli(['test', '--url', bound.wss!.url, '--realm', 'realm1']);
    expect(refused.code).toBe(2);
    expect(refused.out).toContain('--pin');
  });

  it('--insecure prints a warning on stderr', async () => {
    const r = await cli(['test', '--url', bound.rss!.url, '--realm', 'realm1', '--insecure', '--serializer', 'msgpack']);
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/warning: --insecure/);
    expect(r.out).toMatch(/TLS certificate not verified/);
  });

  it('a serializer refusal on unix: exits 2 with its own diagnosis', async () => {
    const r = await cli(['test', '--url', bound.rs!.url, '--realm', 'realm1', '--json']);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.out)).toMatchObject({ reason: 'rawsocket_serializer_refused', diagnosis: { title: 'RawSocket serializer not accepted' } });
  });
});
