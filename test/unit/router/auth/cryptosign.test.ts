// WAMP-Cryptosign in the router: static principals (by authid, by public key alone, keychain-key
// references), dynamic authenticators, Crossbar's refusals, tls-unique channel binding, and the
// failed-login limiter. Signatures are made with node:crypto's Ed25519 the way Autobahn makes them:
// hex(signature ‖ message), message = challenge (XOR the channel id when bound).
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { privateKeyFromSeed, rawPublicKey, signEd25519, toHex } from '../../../../main/keys/ed25519';
import type { SecretResolver } from '../../../../main/router/auth/secret-refs';
import { NO_VAULT } from '../../../../main/router/auth/secret-refs';
import { WampCallError, type HelloOutcome, type RouterCaller } from '../../../../main/router/auth/types';
import { authenticatorFor, hello } from './support';

function keyPair(fill: number) {
  const privateKey = privateKeyFromSeed(new Uint8Array(32).fill(fill));
  return { privateKey, pubkey: toHex(rawPublicKey(privateKey)) };
}
const alice = keyPair(1);
const bob = keyPair(2);
const mallory = keyPair(3);

/** What Autobahn sends in AUTHENTICATE for a CHALLENGE (channelId: Autobahn's tls-unique channel id). */
function autobahnSignature(key: ReturnType<typeof keyPair>, challengeHex: string, channelId?: Uint8Array): string {
  let message = Buffer.from(challengeHex, 'hex');
  if (channelId) message = Buffer.from(message.map((b, i) => b ^ channelId[i]!));
  return toHex(signEd25519(key.privateKey, message)) + message.toString('hex');
}

function challengeOf(outcome: HelloOutcome) {
  if (outcome.kind !== 'challenge') throw new Error(`expected a challenge, got ${JSON.stringify(outcome)}`);
  expect(outcome.authmethod).toBe('cryptosign');
  expect(outcome.extra.challenge).toMatch(/^[0-9a-f]{64}$/);
  return outcome;
}

const staticAuth = (extraKeys: unknown[] = []) => ({
  cryptosign: {
    type: 'static',
    principals: {
      alice: { authorized_keys: [alice.pubkey, ...extraKeys], role: 'frontend' },
      bob: { authorized_keys: [bob.pubkey.toUpperCase()], role: 'backend', realm: 'realm1' },
    },
  },
});

const csHello = (fields: { authid?: string; pubkey?: string; channel_binding?: unknown; realm?: string }, peer?: string) =>
  hello(
    {
      realm: fields.realm ?? 'realm1',
      authmethods: ['cryptosign'],
      ...(fields.authid !== undefined ? { authid: fields.authid } : {}),
      authextra: {
        ...(fields.pubkey !== undefined ? { pubkey: fields.pubkey } : {}),
        ...('channel_binding' in fields ? { channel_binding: fields.channel_binding } : {}),
      },
    },
    peer,
  );

describe('WAMP-Cryptosign (static)', () => {
  it('welcomes a client signing the challenge, by authid and by public key alone', async () => {
    const { authenticator } = authenticatorFor(staticAuth());
    const c = challengeOf(await authenticator.hello(csHello({ authid: 'alice', pubkey: alice.pubkey })));
    expect(c.extra.channel_binding).toBeNull();
    expect(await c.authenticate(autobahnSignature(alice, c.extra.challenge as string), {})).toEqual({
      kind: 'welcome',
      identity: { realm: 'realm1', authid: 'alice', authrole: 'frontend', authmethod: 'cryptosign', authprovider: 'static' },
    });
    // No authid: the key finds the principal (uppercase hex in the config and in HELLO both match).
    const byKey = challengeOf(await authenticator.hello(csHello({ pubkey: bob.pubkey.toUpperCase() })));
    expect(await byKey.authenticate(autobahnSignature(bob, byKey.extra.challenge as string), {})).toMatchObject({
      kind: 'welcome',
      identity: { authid: 'bob', authrole: 'backend' },
    });
  });

  it('refuses unknown keys, wrong principals, bad and bogus signatures like Crossbar (not_authorized)', async () => {
    const { authenticator } = authenticatorFor(staticAuth());
    const refused = (message: string) => ({ kind: 'abort', reason: 'wamp.error.not_authorized', message, authmethod: 'cryptosign' });
    expect(await authenticator.hello(csHello({ pubkey: mallory.pubkey }))).toEqual(
      refused('cannot identify client: no authid requested and no principal found for provided extra.pubkey'),
    );
    expect(await authenticator.hello(csHello({ authid: 'alice', pubkey: bob.pubkey }))).toEqual(
      refused('extra.pubkey provided does not match any one of authorized_keys for the principal'),
    );
    expect(await authenticator.hello(csHello({ authid: 'carol', pubkey: alice.pubkey }))).toEqual(refused('no principal with authid "carol" exists'));
    expect(await authenticator.hello(csHello({}))).toEqual(refused('cannot identify client: no authid requested and no extra.pubkey provided'));
    expect(await authenticator.hello(csHello({ pubkey: 'abc' }))).toEqual(refused('extra.pubkey must be an Ed25519 public key: 32 bytes in hex (64 hex digits)'));

    // Mallory claims alice's key but signs with her own.
    let c = challengeOf(await authenticator.hello(csHello({ authid: 'alice', pubkey: alice.pubkey })));
    expect(await c.authenticate(autobahnSignature(mallory, c.extra.challenge as string), {})).toEqual(refused('signed message has invalid signature'));
    // A valid signature of another challenge (replayed from an earlier login).
    const earlier = challengeOf(await authenticator.hello(csHello({ authid: 'alice', pubkey: alice.pubkey })));
    c = challengeOf(await authenticator.hello(csHello({ authid: 'alice', pubkey: alice.pubkey })));
    expect(await c.authenticate(autobahnSignature(alice, earlier.extra.challenge as string), {})).toEqual(refused('message signed is bogus'));
    earlier.cancel?.();
    c = challengeOf(await authenticator.hello(csHello({ authid: 'alice', pubkey: alice.pubkey })));
    expect(await c.authenticate('00'.repeat(64), {})).toEqual(refused('signed message has invalid length (was 64, but should have been 96)'));
    c = challengeOf(await authenticator.hello(csHello({ authid: 'alice', pubkey: alice.pubkey })));
    expect(await c.authenticate('zz', {})).toEqual(refused('signed message is invalid (not a HEX encoded string)'));
  });

  it('refuses a key listed for two principals when the client sends no authid', async () => {
    const { authenticator } = authenticatorFor({
      cryptosign: {
        type: 'static',
        principals: { a: { authorized_keys: [alice.pubkey], role: 'frontend' }, b: { authorized_keys: [alice.pubkey], role: 'backend' } },
      },
    });
    expect(await authenticator.hello(csHello({ pubkey: alice.pubkey }))).toMatchObject({
      reason: 'wamp.error.not_authorized',
      message: 'cannot infer client identity from pubkey: multiple authids in principal database have this pubkey',
    });
    // With an authid it is unambiguous.
    challengeOf(await authenticator.hello(csHello({ authid: 'b', pubkey: alice.pubkey })));
  });

  it('accepts {"keychain-key": NAME}: the public key of a stored key, looked up on every login', async () => {
    const stored = new Map([['laptop', mallory.pubkey]]);
    const secrets: SecretResolver = {
      ...NO_VAULT,
      keyPublicKey: async (name) => {
        const key = stored.get(name);
        if (!key) throw new Error(`there is no stored key "${name}"`);
        return key;
      },
    };
    const { authenticator } = authenticatorFor(staticAuth([{ 'keychain-key': 'laptop' }]), { secrets });
    const c = challengeOf(await authenticator.hello(csHello({ authid: 'alice', pubkey: mallory.pubkey })));
    expect(await c.authenticate(autobahnSignature(mallory, c.extra.challenge as string), {})).toMatchObject({ kind: 'welcome', identity: { authid: 'alice' } });
    // The stored key is gone: the router's own problem, reported as such (no strike for the client).
    stored.clear();
    expect(await authenticator.hello(csHello({ authid: 'alice', pubkey: mallory.pubkey }))).toMatchObject({
      reason: 'wamp.error.authentication_failed',
      message: 'the authorized keys cannot be checked: stored key laptop: there is no stored key "laptop"',
    });
    // alice's inline key still works without the stored one.
    challengeOf(await authenticator.hello(csHello({ authid: 'alice', pubkey: alice.pubkey })));
  });

  it('binds to the TLS channel with tls-unique, and refuses tls-unique on a transport without TLS', async () => {
    const { authenticator } = authenticatorFor(staticAuth());
    expect(await authenticator.hello(csHello({ authid: 'alice', pubkey: alice.pubkey, channel_binding: 'tls-unique' }))).toMatchObject({
      kind: 'abort',
      reason: 'wamp.error.not_authorized',
      message: expect.stringContaining('channel binding "tls-unique" requested, but this transport is not TLS'),
    });
    expect(await authenticator.hello(csHello({ authid: 'alice', pubkey: alice.pubkey, channel_binding: 'tls-server-end-point' }))).toMatchObject({
      reason: 'wamp.error.not_authorized',
      message: 'invalid channel binding type "tls-server-end-point" requested (supported: "tls-unique", or none)',
    });

    const channelId = new Uint8Array(createHash('sha256').update('tls finished message').digest());
    const tlsHello = () => {
      const h = csHello({ authid: 'alice', pubkey: alice.pubkey, channel_binding: 'tls-unique' });
      return { ...h, transport: { ...h.transport, channelId: { 'tls-unique': channelId } } };
    };
    let c = challengeOf(await authenticator.hello(tlsHello()));
    expect(c.extra.channel_binding).toBe('tls-unique');
    expect(await c.authenticate(autobahnSignature(alice, c.extra.challenge as string, channelId), {})).toMatchObject({ kind: 'welcome' });
    // A signature made for another channel (a relayed login) does not fit this one.
    c = challengeOf(await authenticator.hello(tlsHello()));
    expect(await c.authenticate(autobahnSignature(alice, c.extra.challenge as string), {})).toMatchObject({ message: 'message signed is bogus' });
  });

  it('counts wrong keys and signatures as failed logins: the limiter locks the authid out', async () => {
    const { authenticator } = authenticatorFor(staticAuth(), {}, { auth_rate_limit: { max_failures_per_authid: 2, lockout: 60_000 } });
    for (let i = 0; i < 2; i += 1) {
      const c = challengeOf(await authenticator.hello(csHello({ authid: 'alice', pubkey: alice.pubkey })));
      expect(await c.authenticate(autobahnSignature(mallory, c.extra.challenge as string), {})).toMatchObject({ reason: 'wamp.error.not_authorized' });
    }
    // Locked: even the right key is refused now, at HELLO.
    expect(await authenticator.hello(csHello({ authid: 'alice', pubkey: alice.pubkey }))).toMatchObject({
      reason: 'wamp.error.authentication_failed',
      message: expect.stringContaining('too many failed logins for authid "alice"'),
    });
  });

  it('caps the challenges one peer may hold open', async () => {
    const { authenticator } = authenticatorFor(staticAuth(), {}, { auth_rate_limit: { max_pending_per_peer: 2 } });
    challengeOf(await authenticator.hello(csHello({ pubkey: alice.pubkey })));
    challengeOf(await authenticator.hello(csHello({ pubkey: bob.pubkey })));
    expect(await authenticator.hello(csHello({ pubkey: alice.pubkey }))).toMatchObject({
      reason: 'wamp.error.authentication_failed',
      message: expect.stringContaining('waiting for AUTHENTICATE'),
    });
  });
});

describe('WAMP-Cryptosign (dynamic)', () => {
  function withAuthenticator(answer: (args: unknown[]) => unknown) {
    const calls: unknown[][] = [];
    const { authenticator, built } = authenticatorFor({ cryptosign: { type: 'dynamic', authenticator: 'com.example.authenticate' } });
    const caller: RouterCaller = {
      call: async (_realm, procedure, args) => {
        expect(procedure).toBe('com.example.authenticate');
        calls.push(args);
        return answer(args);
      },
    };
    built.caller.bind(caller);
    return { authenticator, calls };
  }

  it('calls the authenticator at HELLO with authextra.pubkey and verifies against the pubkey it returns', async () => {
    const { authenticator, calls } = withAuthenticator(() => ({ role: 'backend', authid: 'device-7', pubkey: alice.pubkey }));
    const c = challengeOf(await authenticator.hello(csHello({ pubkey: alice.pubkey })));
    expect(calls[0]).toEqual([
      'realm1',
      null,
      expect.objectContaining({ authmethod: 'cryptosign', authextra: { pubkey: alice.pubkey }, authid: null }),
    ]);
    expect(await c.authenticate(autobahnSignature(alice, c.extra.challenge as string), {})).toMatchObject({
      kind: 'welcome',
      identity: { authid: 'device-7', authrole: 'backend', authprovider: 'dynamic', authmethod: 'cryptosign' },
    });
  });

  it('passes an ApplicationError on as the ABORT, and refuses an answer without a pubkey', async () => {
    const denied = withAuthenticator(() => {
      throw new WampCallError('com.example.unknown_device', ['no such device']);
    });
    expect(await denied.authenticator.hello(csHello({ pubkey: alice.pubkey }))).toMatchObject({
      kind: 'abort',
      reason: 'com.example.unknown_device',
      message: 'no such device',
    });
    const forgetful = withAuthenticator(() => ({ role: 'backend' }));
    expect(await forgetful.authenticator.hello(csHello({ pubkey: alice.pubkey }))).toMatchObject({
      reason: 'wamp.error.authentication_failed',
      message: expect.stringContaining('returned no valid "pubkey"'),
    });
    const other = withAuthenticator(() => ({ role: 'backend', pubkey: bob.pubkey }));
    expect(await other.authenticator.hello(csHello({ pubkey: alice.pubkey }))).toMatchObject({
      reason: 'wamp.error.not_authorized',
      message: 'extra.pubkey provided does not match the public key the authenticator returned for this principal',
    });
  });
});
