import { describe, expect, it } from 'vitest';
import { totpCode } from '../../../../shared/otp/generate';
import { MemorySecretStore } from '../../../../main/vault/memory-secret-store';
import { VaultSecretResolver, routerSecretKey } from '../../../../main/router/auth/secret-refs';
import type { AuthEvent } from '../../../../main/router/auth/transport-authenticator';
import type { HelloOutcome, Welcome, Abort } from '../../../../main/router/auth/types';
import type { AccountRecord } from '../../../../main/accounts/account-record';
import { accountSecretKey } from '../../../../main/vault/secret-store';
import { authenticatorFor, hello } from './support';

async function complete(outcome: HelloOutcome, signature: string): Promise<Welcome | Abort> {
  if (outcome.kind !== 'challenge') throw new Error(`expected a challenge, got ${JSON.stringify(outcome)}`);
  expect(outcome.authmethod).toBe('ticket');
  expect(outcome.extra).toEqual({});
  return outcome.authenticate(signature, {});
}

const staticTicket = { ticket: { type: 'static', principals: { joe: { ticket: 'secret!!!', role: 'frontend' } } } };

describe('ticket authentication (static)', () => {
  it('welcomes the right ticket with Crossbar identity fields', async () => {
    const { authenticator } = authenticatorFor(staticTicket);
    const result = await complete(await authenticator.hello(hello({ realm: 'realm1', authid: 'joe', authmethods: ['ticket'] })), 'secret!!!');
    expect(result).toEqual({
      kind: 'welcome',
      identity: { realm: 'realm1', authid: 'joe', authrole: 'frontend', authmethod: 'ticket', authprovider: 'static' },
    });
  });

  it('refuses a wrong ticket with wamp.error.not_authorized (as Crossbar)', async () => {
    const { authenticator } = authenticatorFor(staticTicket);
    const result = await complete(await authenticator.hello(hello({ realm: 'realm1', authid: 'joe', authmethods: ['ticket'] })), 'secret!!');
    // The abort names the method it refused, for the router's login log.
    expect(result).toEqual({ kind: 'abort', reason: 'wamp.error.not_authorized', message: 'ticket in static WAMP-Ticket authentication is invalid', authmethod: 'ticket' });
  });

  it('refuses an unknown principal at HELLO and an unknown realm with no_such_realm', async () => {
    const { authenticator } = authenticatorFor(staticTicket);
    expect(await authenticator.hello(hello({ realm: 'realm1', authid: 'mallory', authmethods: ['ticket'] }))).toMatchObject({
      kind: 'abort',
      reason: 'wamp.error.not_authorized',
      message: 'no principal with authid "mallory" exists',
    });
    expect(await authenticator.hello(hello({ realm: 'nope', authid: 'joe', authmethods: ['ticket'] }))).toMatchObject({
      kind: 'abort',
      reason: 'wamp.error.no_such_realm',
    });
  });

  it('answers no_auth_method when none of the offered methods is configured', async () => {
    const { authenticator } = authenticatorFor(staticTicket);
    expect(await authenticator.hello(hello({ realm: 'realm1', authid: 'joe', authmethods: ['wampcra', 'cryptosign'] }))).toEqual({
      kind: 'abort',
      reason: 'wamp.error.no_auth_method',
      message: 'cannot authenticate using any of the offered authmethods ["wampcra","cryptosign"]',
    });
    // No authmethods in HELLO means anonymous, which this transport does not offer.
    expect(await authenticator.hello(hello({ realm: 'realm1' }))).toMatchObject({ reason: 'wamp.error.no_auth_method' });
  });

  it("picks the first method the transport supports in the client's order", async () => {
    const { authenticator } = authenticatorFor({ ...staticTicket, anonymous: { type: 'static', role: 'anonymous' } });
    const first = await authenticator.hello(hello({ realm: 'realm1', authid: 'joe', authmethods: ['cryptosign', 'ticket', 'anonymous'] }));
    expect(first.kind).toBe('challenge');
    const second = await authenticator.hello(hello({ realm: 'realm1', authid: 'joe', authmethods: ['anonymous', 'ticket'] }));
    expect(second).toMatchObject({ kind: 'welcome', identity: { authmethod: 'anonymous', authrole: 'anonymous' } });
  });

  it('accepts AUTHENTICATE only once per challenge', async () => {
    const { authenticator } = authenticatorFor(staticTicket);
    const outcome = await authenticator.hello(hello({ realm: 'realm1', authid: 'joe', authmethods: ['ticket'] }));
    if (outcome.kind !== 'challenge') throw new Error('expected challenge');
    expect((await outcome.authenticate('secret!!!', {})).kind).toBe('welcome');
    expect(await outcome.authenticate('secret!!!', {})).toMatchObject({ kind: 'abort', reason: 'wamp.error.protocol_violation' });
  });

  it('rate-limits failed logins per authid without checking the ticket, and logs without secrets', async () => {
    let t = 5_000_000;
    const events: AuthEvent[] = [];
    const { authenticator } = authenticatorFor(staticTicket, { now: () => t, onAuthEvent: (e) => events.push(e) }, {
      auth_rate_limit: { max_failures_per_authid: 3, max_failures_per_peer: 50, lockout: 60_000 },
    });
    for (let i = 0; i < 3; i += 1) {
      const r = await complete(await authenticator.hello(hello({ realm: 'realm1', authid: 'joe', authmethods: ['ticket'] })), `guess${i}`);
      expect(r).toMatchObject({ reason: 'wamp.error.not_authorized' });
    }
    // Locked: even the right ticket is refused at HELLO, without a challenge.
    const locked = await authenticator.hello(hello({ realm: 'realm1', authid: 'joe', authmethods: ['ticket'] }));
    expect(locked).toEqual({
      kind: 'abort',
      reason: 'wamp.error.authentication_failed',
      message: 'too many failed logins for authid "joe"; try again later (in 60 s)',
      authmethod: 'ticket',
    });
    t += 60_000;
    const again = await complete(await authenticator.hello(hello({ realm: 'realm1', authid: 'joe', authmethods: ['ticket'] })), 'secret!!!');
    expect(again.kind).toBe('welcome');
    expect(JSON.stringify(events)).not.toContain('secret!!!');
    expect(JSON.stringify(events)).not.toContain('guess');
    expect(events.filter((e) => e.outcome === 'abort')).toHaveLength(4);
    expect(events.at(-1)).toMatchObject({ outcome: 'welcome', authid: 'joe', authmethod: 'ticket', authrole: 'frontend', transportId: 't1' });
  });

  it('reads a ticket from the keychain ({"keychain": NAME}) and reports a missing item without a strike', async () => {
    const store = new MemorySecretStore();
    await store.set(routerSecretKey('joe-ticket'), 'from keychain');
    const secrets = new VaultSecretResolver({ secrets: store, accounts: async () => [] });
    const { authenticator } = authenticatorFor(
      { ticket: { type: 'static', principals: { joe: { ticket: { keychain: 'joe-ticket' }, role: 'frontend' }, ann: { ticket: { keychain: 'missing' }, role: 'frontend' } } } },
      { secrets },
    );
    expect((await complete(await authenticator.hello(hello({ realm: 'realm1', authid: 'joe', authmethods: ['ticket'] })), 'from keychain')).kind).toBe('welcome');
    const missing = await complete(await authenticator.hello(hello({ realm: 'realm1', authid: 'ann', authmethods: ['ticket'] })), 'x');
    expect(missing).toMatchObject({ kind: 'abort', reason: 'wamp.error.authentication_failed' });
    expect((missing as Abort).message).toContain('keychain item "router:missing" does not exist');
  });
});

describe('TOTP as ticket', () => {
  const SECRET = 'JBSWY3DPEHPK3PXP';
  const now = 1_700_000_012_000;
  const code = (atMs: number) => totpCode(SECRET, atMs, 30, 'SHA1', 6);

  it('accepts the current code (±1 step), refuses a replay and a wrong code; secret case-insensitive', async () => {
    const { authenticator } = authenticatorFor(
      { ticket: { type: 'static', principals: { joe: { ticket: { totp: SECRET.toLowerCase() }, role: 'frontend' } } } },
      { now: () => now },
    );
    const login = async (ticket: string) =>
      complete(await authenticator.hello(hello({ realm: 'realm1', authid: 'joe', authmethods: ['ticket'] })), ticket);
    expect((await login(code(now - 30_000))).kind).toBe('welcome');
    expect((await login(code(now))).kind).toBe('welcome');
    expect(await login(code(now))).toEqual({
      kind: 'abort',
      reason: 'wamp.error.not_authorized',
      message: 'this TOTP code has already been used; wait for the next code',
      authmethod: 'ticket',
    });
    expect(await login(code(now - 60_000))).toMatchObject({ reason: 'wamp.error.not_authorized', message: 'TOTP code in WAMP-Ticket authentication is invalid' });
    expect((await login(code(now + 30_000))).kind).toBe('welcome');
  });

  it('uses an authenticator account by "issuer:label" with its own digits and period', async () => {
    const store = new MemorySecretStore();
    const account: AccountRecord = {
      id: 'acc-1', type: 'totp', issuer: 'Router', label: 'joe', algorithm: 'SHA256', digits: 8, period: 60,
      counter: 0, order: 0, tags: [], secretBits: 80, createdAt: '2024-01-01T00:00:00Z', updatedAt: '2024-01-01T00:00:00Z',
    };
    await store.set(accountSecretKey('acc-1'), SECRET);
    const secrets = new VaultSecretResolver({ secrets: store, accounts: async () => [account] });
    const { authenticator } = authenticatorFor(
      { ticket: { type: 'static', principals: { joe: { ticket: { totp: { account: 'router:JOE' } }, role: 'frontend' } } } },
      { now: () => now, secrets },
    );
    const outcome = await authenticator.hello(hello({ realm: 'realm1', authid: 'joe', authmethods: ['ticket'] }));
    expect((await complete(outcome, totpCode(SECRET, now, 60, 'SHA256', 8))).kind).toBe('welcome');
  });
});
