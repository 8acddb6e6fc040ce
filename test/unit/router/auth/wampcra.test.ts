import autobahn from 'autobahn';
import { describe, expect, it } from 'vitest';
import { deriveCraKey, signCraChallenge } from '../../../../shared/wamp/cra';
import { CRA_NONCE_BYTES } from '../../../../main/router/auth/wampcra';
import { WampCallError, type HelloOutcome, type RouterCaller } from '../../../../main/router/auth/types';
import { authenticatorFor, hello } from './support';

// AutobahnJS's own WAMP-CRA functions: the router must accept what the reference client computes.
const { auth_cra } = autobahn as unknown as {
  auth_cra: { sign(key: string, challenge: string): string; derive_key(secret: string, salt: string, iterations?: number, keylen?: number): string };
};

function challengeOf(outcome: HelloOutcome) {
  if (outcome.kind !== 'challenge') throw new Error(`expected a challenge, got ${JSON.stringify(outcome)}`);
  expect(outcome.authmethod).toBe('wampcra');
  return { outcome, challenge: outcome.extra.challenge as string };
}

/** Runs a JS function as the "registered procedure" — the router core is exercised in the integration tests. */
class FunctionCaller implements RouterCaller {
  calls: { realm: string; procedure: string; args: unknown[] }[] = [];
  constructor(private readonly fn: (args: unknown[]) => unknown) {}
  async call(realm: string, procedure: string, args: unknown[]) {
    this.calls.push({ realm, procedure, args });
    return this.fn(args);
  }
}

describe('WAMP-CRA (static)', () => {
  const users = { joe: { secret: 'secret2', role: 'frontend' } };

  it('sends a Crossbar-shaped challenge and accepts the AutobahnJS signature', async () => {
    const now = Date.UTC(2024, 0, 2, 3, 4, 5, 678);
    const { authenticator } = authenticatorFor({ wampcra: { type: 'static', users } }, { now: () => now });
    const info = hello({ realm: 'realm1', authid: 'joe', authmethods: ['wampcra'] });
    const { outcome, challenge } = challengeOf(await authenticator.hello(info));
    const parsed = JSON.parse(challenge);
    expect(Object.keys(parsed)).toEqual(['authid', 'authrole', 'authmethod', 'authprovider', 'nonce', 'timestamp', 'session']);
    expect(parsed).toMatchObject({ authid: 'joe', authrole: 'frontend', authmethod: 'wampcra', authprovider: 'static', session: info.sessionId, timestamp: '2024-01-02T03:04:05.678Z' });
    expect(Buffer.from(parsed.nonce, 'base64')).toHaveLength(CRA_NONCE_BYTES);
    expect(CRA_NONCE_BYTES).toBeGreaterThanOrEqual(32);
    expect(outcome.kind === 'challenge' && outcome.extra.salt).toBe(undefined);
    const result = await (outcome.kind === 'challenge' ? outcome.authenticate(auth_cra.sign('secret2', challenge), {}) : undefined);
    expect(result).toEqual({ kind: 'welcome', identity: { realm: 'realm1', authid: 'joe', authrole: 'frontend', authmethod: 'wampcra', authprovider: 'static' } });
  });

  it('uses fresh nonces and refuses a wrong signature with not_authorized', async () => {
    const { authenticator } = authenticatorFor({ wampcra: { type: 'static', users } });
    const a = challengeOf(await authenticator.hello(hello({ realm: 'realm1', authid: 'joe', authmethods: ['wampcra'] })));
    const b = challengeOf(await authenticator.hello(hello({ realm: 'realm1', authid: 'joe', authmethods: ['wampcra'] })));
    expect(JSON.parse(a.challenge).nonce).not.toBe(JSON.parse(b.challenge).nonce);
    // A signature of another challenge (replayed AUTHENTICATE) is wrong for this one.
    const r = a.outcome.kind === 'challenge' ? await a.outcome.authenticate(signCraChallenge('secret2', b.challenge), {}) : undefined;
    expect(r).toEqual({ kind: 'abort', reason: 'wamp.error.not_authorized', message: 'WAMP-CRA signature is invalid', authmethod: 'wampcra' });
  });

  it('salted: sends salt/iterations/keylen and treats the configured secret as the derived key', async () => {
    const derived = deriveCraKey('secret2', 'salt123', 100, 16);
    expect(derived).toBe(auth_cra.derive_key('secret2', 'salt123', 100, 16));
    const { authenticator } = authenticatorFor({
      wampcra: { type: 'static', users: { joe: { secret: derived, role: 'frontend', salt: 'salt123', iterations: 100, keylen: 16 } } },
    });
    const { outcome, challenge } = challengeOf(await authenticator.hello(hello({ realm: 'realm1', authid: 'joe', authmethods: ['wampcra'] })));
    if (outcome.kind !== 'challenge') throw new Error();
    expect(outcome.extra).toEqual({ challenge, salt: 'salt123', iterations: 100, keylen: 16 });
    const key = auth_cra.derive_key('secret2', 'salt123', 100, 16);
    expect((await outcome.authenticate(auth_cra.sign(key, challenge), {})).kind).toBe('welcome');
  });

  it('refuses an unknown user and a role the realm does not define', async () => {
    const { authenticator } = authenticatorFor({ wampcra: { type: 'static', users: { ...users, eve: { secret: 'x', role: 'other', realm: 'realm2' } } } });
    expect(await authenticator.hello(hello({ realm: 'realm1', authid: 'bob', authmethods: ['wampcra'] }))).toMatchObject({ reason: 'wamp.error.not_authorized' });
    // eve is bound to realm2 (principal realm overrides HELLO.realm, as in Crossbar), where "other" exists.
    const eve = await authenticator.hello(hello({ realm: 'realm1', authid: 'eve', authmethods: ['wampcra'] }));
    expect(eve.kind).toBe('challenge');
  });
});

describe('WAMP-CRA (dynamic)', () => {
  it('calls authenticate(realm, authid, details) at HELLO and uses the returned secret, salt and role', async () => {
    const key = deriveCraKey('pw', 'NaCl', 10, 32);
    const caller = new FunctionCaller(([realm, authid]) =>
      realm === 'realm1' && authid === 'joe' ? { secret: key, role: 'backend', salt: 'NaCl', iterations: 10, keylen: 32, extra: { team: 'a' } } : null,
    );
    const { authenticator, built } = authenticatorFor({ wampcra: { type: 'dynamic', authenticator: 'com.example.authenticate' } });
    built.caller.bind(caller);
    const info = hello({ realm: 'realm1', authid: 'joe', authmethods: ['wampcra'] });
    const { outcome, challenge } = challengeOf(await authenticator.hello(info));
    expect(caller.calls[0]).toMatchObject({ realm: 'realm1', procedure: 'com.example.authenticate', args: ['realm1', 'joe', { session: info.sessionId, authmethod: 'wampcra' }] });
    expect((caller.calls[0]!.args[2] as { transport: { peer: string } }).transport.peer).toBe('tcp4:127.0.0.1:40000');
    if (outcome.kind !== 'challenge') throw new Error();
    expect(JSON.parse(challenge)).toMatchObject({ authprovider: 'dynamic', authrole: 'backend' });
    const result = await outcome.authenticate(auth_cra.sign(auth_cra.derive_key('pw', 'NaCl', 10, 32), challenge), {});
    expect(result).toMatchObject({ kind: 'welcome', identity: { authid: 'joe', authrole: 'backend', authprovider: 'dynamic', authextra: { team: 'a' } } });
  });

  it("turns the authenticator's ApplicationError into the ABORT reason and message", async () => {
    const caller = new FunctionCaller(() => {
      throw new WampCallError('com.example.no_such_user', ['no user "joe"']);
    });
    const { authenticator, built } = authenticatorFor({ wampcra: { type: 'dynamic', authenticator: 'com.example.authenticate' } });
    built.caller.bind(caller);
    expect(await authenticator.hello(hello({ realm: 'realm1', authid: 'joe', authmethods: ['wampcra'] }))).toEqual({
      kind: 'abort',
      reason: 'com.example.no_such_user',
      message: 'no user "joe"',
      authmethod: 'wampcra',
    });
  });
});

describe('dynamic ticket and anonymous', () => {
  it('calls the ticket authenticator at AUTHENTICATE with details.ticket and accepts a role string', async () => {
    const caller = new FunctionCaller(([, , details]) => ((details as { ticket: string }).ticket === 'good' ? 'frontend' : { role: 'nope' }));
    const { authenticator, built } = authenticatorFor({ ticket: { type: 'dynamic', authenticator: 'com.example.auth', 'authenticator-realm': 'realm2' } });
    built.caller.bind(caller);
    const first = await authenticator.hello(hello({ realm: 'realm1', authid: 'joe', authmethods: ['ticket'] }));
    if (first.kind !== 'challenge') throw new Error();
    expect(await first.authenticate('good', {})).toMatchObject({ kind: 'welcome', identity: { realm: 'realm1', authrole: 'frontend', authprovider: 'dynamic' } });
    expect(caller.calls[0]!.realm).toBe('realm2');
    const second = await authenticator.hello(hello({ realm: 'realm1', authid: 'joe', authmethods: ['ticket'] }));
    if (second.kind !== 'challenge') throw new Error();
    expect(await second.authenticate('bad', {})).toEqual({ kind: 'abort', reason: 'wamp.error.no_such_role', message: 'realm "realm1" has no role "nope"', authmethod: 'ticket' });
  });

  it('asks a dynamic anonymous authenticator at HELLO, which may pick the authid and role', async () => {
    const caller = new FunctionCaller(([realm, authid, details]) => {
      expect(realm).toBe('realm1');
      expect(authid).toMatch(/^[3-9A-Y]{4}-/);
      expect(details).toMatchObject({ authmethod: 'anonymous' });
      return { role: 'frontend', authid: 'guest-1' };
    });
    const { authenticator, built } = authenticatorFor({ anonymous: { type: 'dynamic', authenticator: 'com.example.anon' } });
    built.caller.bind(caller);
    expect(await authenticator.hello(hello({ realm: 'realm1', authmethods: ['anonymous'] }))).toEqual({
      kind: 'welcome',
      identity: { realm: 'realm1', authid: 'guest-1', authrole: 'frontend', authmethod: 'anonymous', authprovider: 'dynamic' },
    });
  });

  it('gives anonymous clients a random authid and the configured role; without auth section role "anonymous"', async () => {
    const { authenticator } = authenticatorFor(undefined);
    const a = await authenticator.hello(hello({ realm: 'realm1', authid: 'admin', authmethods: ['ticket'] }));
    expect(a).toMatchObject({ kind: 'welcome', identity: { authrole: 'anonymous', authmethod: 'anonymous', authprovider: 'static' } });
    expect(a.kind === 'welcome' && a.identity.authid).toMatch(/^[3-9A-Y]{4}(-[3-9A-Y]{4}){5}$/);
    const b = await authenticator.hello(hello({ realm: 'realm2' }));
    expect(b).toMatchObject({ kind: 'abort', reason: 'wamp.error.no_such_role', message: 'realm "realm2" has no role "anonymous"' });
  });
});
