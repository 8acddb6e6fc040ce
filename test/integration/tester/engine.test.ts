// The tester engine against real sockets: every connection-level failure kind, plus small scripted
// WAMP peers for the handshake paths that need a router with specific semantics (old-Crossbar
// salted WAMP-CRA, which our router does not emulate).
import { afterEach, describe, expect, it } from 'vitest';
import type { TesterProfileDraft } from '../../../shared/api/tester-contract';
import { MSG } from '../../../shared/wamp/codes';
import { buildCraChallenge, deriveCraKey, signCraChallenge } from '../../../shared/wamp/cra';
import type { Credential } from '../../../main/tester/credentials';
import { resolveCredential } from '../../../main/tester/resolve-credential';
import { runTest } from '../../../main/tester/run-test';
import { REDACTED } from '../../../main/tester/trace';
import { closedPort, decodeFrame, httpOnlyServer, sendFrame, silentTcpServer, tlsWsServer, wsServer, type Running } from './support/servers';

const running: Running[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((r) => r.close()));
});

function profile(url: string, extra: Partial<TesterProfileDraft> = {}): TesterProfileDraft {
  return {
    name: 'engine test',
    url,
    realm: 'realm1',
    authmethod: 'anonymous',
    serializer: 'json',
    timeoutMs: 1500,
    probes: { call: [], register: [], publish: [], subscribe: [] },
    ...extra,
  };
}

const anonymous: Credential = { method: 'anonymous' };

describe('connection failures', () => {
  it('reports a refused connection on a closed port', async () => {
    const port = await closedPort();
    const result = await runTest({ profile: profile(`ws://127.0.0.1:${port}/ws`), profileId: null, credential: anonymous });
    expect(result.outcome).toBe('no_connection');
    expect(result.reason).toBe('connection_refused');
    expect(result.diagnosis.title).toBe('Connection refused');
    expect(result.details.latency.connectMs).toBeNull();
  });

  it('times out when the TCP server never answers the upgrade', async () => {
    const server = await silentTcpServer();
    running.push(server);
    const result = await runTest({ profile: profile(server.url, { timeoutMs: 300 }), profileId: null, credential: anonymous });
    expect(result.reason).toBe('connect_timeout');
    expect(result.diagnosis.explanation).toContain('300 ms');
  });

  it('times out when a WebSocket server accepts but never answers HELLO', async () => {
    const server = await wsServer({});
    running.push(server);
    const result = await runTest({ profile: profile(server.url, { timeoutMs: 300 }), profileId: null, credential: anonymous });
    expect(result.outcome).toBe('no_connection');
    expect(result.reason).toBe('handshake_timeout');
    expect(result.details.subprotocol).toBe('wamp.2.json');
    expect(result.trace.filter((e) => e.dir === 'out').map((e) => e.name)).toEqual(['HELLO']);
  });

  it('explains a server that only speaks another subprotocol', async () => {
    const server = await wsServer({ handleProtocols: () => 'mqtt' });
    running.push(server);
    const result = await runTest({ profile: profile(server.url), profileId: null, credential: anonymous });
    expect(result.reason).toBe('no_common_subprotocol');
    expect(result.diagnosis.explanation).toContain('wamp.2.json');
  });

  it('explains a server that accepts the WebSocket without any subprotocol', async () => {
    const server = await wsServer({ handleProtocols: () => false });
    running.push(server);
    const result = await runTest({ profile: profile(server.url, { serializer: 'cbor' }), profileId: null, credential: anonymous });
    expect(result.reason).toBe('no_common_subprotocol');
    expect(result.diagnosis.explanation).toContain('wamp.2.cbor');
  });

  it('recognises a Crossbar-style 400 that names the subprotocol mismatch', async () => {
    const server = await httpOnlyServer(400, 'this server only speaks WebSocket subprotocols wamp.2.json');
    running.push(server);
    const result = await runTest({ profile: profile(server.url, { serializer: 'msgpack' }), profileId: null, credential: anonymous });
    expect(result.reason).toBe('no_common_subprotocol');
  });

  it('reports a plain HTTP endpoint', async () => {
    const server = await httpOnlyServer(404, 'no such page');
    running.push(server);
    const result = await runTest({ profile: profile(server.url), profileId: null, credential: anonymous });
    expect(result.reason).toBe('http_error');
    expect(result.diagnosis.explanation).toContain('404');
  });

  it('rejects non-WebSocket URLs without connecting', async () => {
    const result = await runTest({ profile: profile('http://127.0.0.1:1/ws'), profileId: null, credential: anonymous });
    expect(result.reason).toBe('invalid_url');
  });

  it('reports garbage frames as a protocol error', async () => {
    const server = await wsServer({ onConnection: (ws) => ws.on('message', () => ws.send('this is not json')) });
    running.push(server);
    const result = await runTest({ profile: profile(server.url), profileId: null, credential: anonymous });
    expect(result.reason).toBe('protocol_error');
    expect(result.trace.some((e) => e.name === 'UNDECODABLE')).toBe(true);
  });

  it('reports a connection the server closes without ABORT', async () => {
    const server = await wsServer({ onConnection: (ws) => ws.on('message', () => ws.close(1002, 'bye')) });
    running.push(server);
    const result = await runTest({ profile: profile(server.url), profileId: null, credential: anonymous });
    expect(result.reason).toBe('connection_closed');
    expect(result.diagnosis.explanation).toContain('1002');
  });
});

/** A scripted router: WAMP-CRA with a salt, storing `configSecret` either as the password or as the derived key. */
async function craPeer(configSecret: string, stores: 'password' | 'derived-key'): Promise<Running> {
  const salt = 'salt123';
  const iterations = 100;
  const keylen = 16;
  return wsServer({
    onConnection: (ws, serializer) => {
      let challenge = '';
      ws.on('message', (data: Buffer, isBinary) => {
        const message = decodeFrame(serializer!, data, isBinary);
        if (message[0] === MSG.HELLO) {
          challenge = buildCraChallenge({
            authid: 'alice',
            authrole: 'user',
            authprovider: 'static',
            nonce: 'n0nce',
            timestamp: '2026-01-01T00:00:00.000Z',
            session: 42,
          });
          sendFrame(ws, serializer!, [MSG.CHALLENGE, 'wampcra', { challenge, salt, iterations, keylen }]);
        } else if (message[0] === MSG.AUTHENTICATE) {
          const key = stores === 'password' ? deriveCraKey(configSecret, salt, iterations, keylen) : configSecret;
          if (message[1] === signCraChallenge(key, challenge)) {
            sendFrame(ws, serializer!, [
              MSG.WELCOME,
              42,
              { authid: 'alice', authrole: 'user', authmethod: 'wampcra', authprovider: 'static', roles: { broker: {}, dealer: {} } },
            ]);
          } else {
            sendFrame(ws, serializer!, [MSG.ABORT, { message: 'signature invalid' }, 'wamp.error.not_authorized']);
          }
        } else if (message[0] === MSG.GOODBYE) {
          sendFrame(ws, serializer!, [MSG.GOODBYE, {}, 'wamp.close.goodbye_and_out']);
        }
      });
    },
  });
}

describe('salted WAMP-CRA key interpretation (scripted peers)', () => {
  const craProfile = (url: string) => profile(url, { authmethod: 'wampcra', authid: 'alice' });

  it('says the router derives the key from the password', async () => {
    const peer = await craPeer('secret2', 'password');
    running.push(peer);
    const result = await runTest({ profile: craProfile(peer.url), profileId: null, credential: { method: 'wampcra', secret: 'secret2' } });
    expect(result.outcome).toBe('welcome');
    expect(result.details.craKey).toBe('password');
    expect(result.details.attempts).toBe(1);
    const authenticate = result.trace.find((e) => e.name === 'AUTHENTICATE');
    expect((authenticate?.content as unknown[])[1]).toBe(REDACTED);
  });

  it('detects a router that stores the derived key (old Crossbar) with a second attempt', async () => {
    const derived = deriveCraKey('secret2', 'salt123', 100, 16);
    const peer = await craPeer(derived, 'derived-key');
    running.push(peer);
    const result = await runTest({ profile: craProfile(peer.url), profileId: null, credential: { method: 'wampcra', secret: derived } });
    expect(result.outcome).toBe('welcome');
    expect(result.details.craKey).toBe('derived-key');
    expect(result.details.attempts).toBe(2);
    expect(result.warnings.map((w) => w.kind)).toContain('cra_key_is_derived');
    expect(result.trace.filter((e) => e.name === 'HELLO')).toHaveLength(2);
    expect(result.trace.some((e) => e.name === 'RETRY')).toBe(true);
  });

  it('reports an invalid signature after both interpretations fail', async () => {
    const peer = await craPeer('secret2', 'password');
    running.push(peer);
    const result = await runTest({ profile: craProfile(peer.url), profileId: null, credential: { method: 'wampcra', secret: 'wrong' } });
    expect(result.outcome).toBe('abort');
    expect(result.diagnosis.kind).toBe('cra_signature_invalid');
    expect(result.diagnosis.explanation).toContain('neither matched');
    expect(result.details.attempts).toBe(2);
  });
});

describe('TLS', () => {
  it('explains wss:// to a server that speaks plain ws://', async () => {
    const server = await wsServer({});
    running.push(server);
    const result = await runTest({ profile: profile(server.url.replace('ws://', 'wss://')), profileId: null, credential: anonymous });
    expect(result.reason).toBe('tls_failure');
    expect(result.diagnosis.explanation).toContain('plain ws://');
  });

  it('explains a self-signed certificate', async () => {
    const server = await tlsWsServer();
    running.push(server);
    const result = await runTest({ profile: profile(server.url), profileId: null, credential: anonymous });
    expect(result.outcome).toBe('no_connection');
    expect(result.reason).toBe('tls_failure');
    expect(result.diagnosis.explanation).toMatch(/self-signed/i);
  });
});

describe('WAMP-Cryptosign (scripted peer verifying with TweetNaCl, as AutobahnJS does)', () => {
  /** Admits the one public key it knows if the signature over its random challenge verifies. */
  async function cryptosignPeer(authorizedPubkeyHex: string): Promise<Running> {
    const nacl = (await import('tweetnacl')).default;
    return wsServer({
      onConnection: (ws, serializer) => {
        const challenge = nacl.randomBytes(32);
        let pubkey = '';
        ws.on('message', (data: Buffer, isBinary) => {
          const message = decodeFrame(serializer!, data, isBinary);
          if (message[0] === MSG.HELLO) {
            pubkey = String((message[2] as { authextra?: { pubkey?: string } }).authextra?.pubkey ?? '');
            sendFrame(ws, serializer!, [MSG.CHALLENGE, 'cryptosign', { challenge: Buffer.from(challenge).toString('hex'), channel_binding: null }]);
          } else if (message[0] === MSG.AUTHENTICATE) {
            const signed = new Uint8Array(Buffer.from(String(message[1]), 'hex'));
            const opened = pubkey === authorizedPubkeyHex ? nacl.sign.open(signed, new Uint8Array(Buffer.from(pubkey, 'hex'))) : null;
            if (opened && Buffer.from(opened).equals(Buffer.from(challenge))) {
              sendFrame(ws, serializer!, [MSG.WELCOME, 7, { authid: 'device-1', authrole: 'device', authmethod: 'cryptosign', authprovider: 'static' }]);
            } else {
              sendFrame(ws, serializer!, [MSG.ABORT, { message: 'invalid signature' }, 'wamp.error.not_authorized']);
            }
          } else if (message[0] === MSG.GOODBYE) {
            sendFrame(ws, serializer!, [MSG.GOODBYE, {}, 'wamp.close.goodbye_and_out']);
          }
        });
      },
    });
  }

  const seedHex = '4d57d97a68f555696620a6d849c0ce582568518d729eb753dc7c732de2804510';

  it('announces the public key and signs the challenge the way NaCl verifies', async () => {
    const nacl = (await import('tweetnacl')).default;
    const pubkey = Buffer.from(nacl.sign.keyPair.fromSeed(new Uint8Array(Buffer.from(seedHex, 'hex'))).publicKey).toString('hex');
    const peer = await cryptosignPeer(pubkey);
    running.push(peer);
    const p = profile(peer.url, { authmethod: 'cryptosign', serializer: 'msgpack' });
    const result = await runTest({ profile: p, profileId: null, credential: resolveCredential(p, seedHex, { profileId: null, now: Date.now }) });
    expect(result.outcome).toBe('welcome');
    expect(result.details.welcome).toMatchObject({ authmethod: 'cryptosign', authrole: 'device' });
    const hello = result.trace.find((e) => e.name === 'HELLO')!.content as [number, string, { authmethods: string[]; authextra: { pubkey: string } }];
    expect(hello[2].authmethods).toEqual(['cryptosign']);
    expect(hello[2].authextra.pubkey).toBe(pubkey);
  });

  it('diagnoses a key the router does not accept', async () => {
    const peer = await cryptosignPeer('00'.repeat(32));
    running.push(peer);
    const p = profile(peer.url, { authmethod: 'cryptosign' });
    const result = await runTest({ profile: p, profileId: null, credential: resolveCredential(p, seedHex, { profileId: null, now: Date.now }) });
    expect(result.outcome).toBe('abort');
    expect(result.diagnosis.kind).toBe('cryptosign_rejected');
  });

  it('refuses a malformed private key before connecting', async () => {
    const p = profile('ws://127.0.0.1:9/ws', { authmethod: 'cryptosign' });
    const result = await runTest({ profile: p, profileId: null, credential: resolveCredential(p, 'xyz', { profileId: null, now: Date.now }) });
    expect(result).toMatchObject({ outcome: 'no_connection', reason: 'missing_secret' });
    expect(result.diagnosis.explanation).toContain('64 hex digits');
  });
});
