// Issue 10 item 1: the failed-login backoff must hold at AUTHENTICATE, not only at HELLO. Before the fix,
// many connections could each collect a CHALLENGE and then answer all at once: every answer was checked
// (3000 TOTP guesses in 2.7 s) and the right one got WELCOME although the authid was locked meanwhile.
import { describe, expect, it } from 'vitest';
import { totpCode } from '../../../../shared/otp/generate';
import { signCraChallenge } from '../../../../shared/wamp/cra';
import type { Abort, Challenge, HelloOutcome, Welcome } from '../../../../main/router/auth/types';
import { authenticatorFor, hello } from './support';

const NOW = 1_700_000_012_000;
const TOTP_SECRET = 'JBSWY3DPEHPK3PXP';

interface MethodCase {
  name: string;
  auth: unknown;
  authmethod: string;
  /** The message of an ABORT that means "the secret was checked and was wrong". */
  wrongMessage: string;
  sign(challenge: Challenge, secret: 'right' | 'wrong', i: number): string;
}

const CASES: MethodCase[] = [
  {
    name: 'ticket',
    auth: { ticket: { type: 'static', principals: { joe: { ticket: 'right-ticket', role: 'frontend' } } } },
    authmethod: 'ticket',
    wrongMessage: 'ticket in static WAMP-Ticket authentication is invalid',
    sign: (_c, secret, i) => (secret === 'right' ? 'right-ticket' : `guess-${i}`),
  },
  {
    name: 'TOTP ticket',
    auth: { ticket: { type: 'static', principals: { joe: { ticket: { totp: TOTP_SECRET }, role: 'frontend' } } } },
    authmethod: 'ticket',
    wrongMessage: 'TOTP code in WAMP-Ticket authentication is invalid',
    sign: (_c, secret, i) => {
      const right = totpCode(TOTP_SECRET, NOW, 30, 'SHA1', 6);
      if (secret === 'right') return right;
      const guess = String(i).padStart(6, '0');
      return guess === right ? '999999' : guess;
    },
  },
  {
    name: 'wampcra',
    auth: { wampcra: { type: 'static', users: { joe: { secret: 'cra-secret', role: 'frontend' } } } },
    authmethod: 'wampcra',
    wrongMessage: 'WAMP-CRA signature is invalid',
    sign: (c, secret, i) => signCraChallenge(secret === 'right' ? 'cra-secret' : `wrong-${i}`, c.extra.challenge as string),
  },
];

function challenged(outcome: HelloOutcome): Challenge {
  if (outcome.kind !== 'challenge') throw new Error(`expected a challenge, got ${JSON.stringify(outcome)}`);
  return outcome;
}

const peer = (i: number) => `tcp4:127.0.0.1:${40_000 + i}`;

describe.each(CASES)('$name: held challenges', (m) => {
  it('answered all at once, they get no more guesses than the authid limit, and the lock refuses the right secret too', async () => {
    const maxFailures = 3;
    const { authenticator } = authenticatorFor(m.auth, { now: () => NOW }, {
      // Pending caps out of the way: this test is about the check at AUTHENTICATE.
      auth_rate_limit: { max_failures_per_authid: maxFailures, max_failures_per_peer: 1000, max_pending_per_authid: 100, max_pending_per_peer: 100, lockout: 60_000 },
    });
    const held: Challenge[] = [];
    for (let i = 0; i < 25; i += 1) held.push(challenged(await authenticator.hello(hello({ realm: 'realm1', authid: 'joe', authmethods: [m.authmethod] }, peer(i)))));

    // 24 wrong answers at once…
    const wrong = await Promise.all(held.slice(0, 24).map((c, i) => c.authenticate(m.sign(c, 'wrong', i), {})));
    const checked = wrong.filter((r) => r.kind === 'abort' && r.message === m.wrongMessage);
    expect(checked).toHaveLength(maxFailures);
    for (const r of wrong) expect(r).toMatchObject({ kind: 'abort' });
    const refused = wrong.filter((r) => r.kind === 'abort' && r.message !== m.wrongMessage) as Abort[];
    expect(refused).toHaveLength(24 - maxFailures);
    for (const r of refused) expect(r).toMatchObject({ reason: 'wamp.error.authentication_failed', message: expect.stringMatching(/^too many failed/) });

    // …then the right one, on a challenge collected before the lock: refused without being checked.
    const last = held[24]!;
    const right = await last.authenticate(m.sign(last, 'right', 24), {});
    expect(right).toMatchObject({ kind: 'abort', reason: 'wamp.error.authentication_failed', message: expect.stringMatching(/too many failed logins for authid "joe"/) });
  });

  it('concurrent answers get exactly as many guesses as sequential ones', async () => {
    const guessesUntilLocked = async (concurrent: boolean): Promise<number> => {
      const { authenticator } = authenticatorFor(m.auth, { now: () => NOW }, {
        auth_rate_limit: { max_failures_per_authid: 4, max_failures_per_peer: 1000, max_pending_per_authid: 100, max_pending_per_peer: 100 },
      });
      const attempt = async (i: number): Promise<Welcome | Abort> => {
        const outcome = await authenticator.hello(hello({ realm: 'realm1', authid: 'joe', authmethods: [m.authmethod] }, peer(i)));
        if (outcome.kind !== 'challenge') return outcome;
        return outcome.authenticate(m.sign(outcome, 'wrong', i), {});
      };
      let results: (Welcome | Abort)[] = [];
      if (concurrent) {
        const held = await Promise.all(Array.from({ length: 20 }, (_, i) => authenticator.hello(hello({ realm: 'realm1', authid: 'joe', authmethods: [m.authmethod] }, peer(i)))));
        results = await Promise.all(held.map((o, i) => (o.kind === 'challenge' ? o.authenticate(m.sign(o, 'wrong', i), {}) : Promise.resolve(o))));
      } else {
        for (let i = 0; i < 20; i += 1) results.push(await attempt(i));
      }
      return results.filter((r) => r.kind === 'abort' && r.message === m.wrongMessage).length;
    };
    const sequential = await guessesUntilLocked(false);
    expect(sequential).toBe(4);
    expect(await guessesUntilLocked(true)).toBe(sequential);
  });

  it('caps pending challenges per authid (default 4) and per peer host (default 8), with a clear ABORT', async () => {
    const principals = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`u${i}`, i]));
    const auth =
      m.authmethod === 'wampcra'
        ? { wampcra: { type: 'static', users: { joe: { secret: 's', role: 'frontend' }, ...Object.fromEntries(Object.keys(principals).map((u) => [u, { secret: 's', role: 'frontend' }])) } } }
        : { ticket: { type: 'static', principals: { joe: { ticket: 't', role: 'frontend' }, ...Object.fromEntries(Object.keys(principals).map((u) => [u, { ticket: 't', role: 'frontend' }])) } } };
    const { authenticator } = authenticatorFor(auth, { now: () => NOW });
    const helloJoe = (p: string) => authenticator.hello(hello({ realm: 'realm1', authid: 'joe', authmethods: [m.authmethod] }, p));

    const joe: HelloOutcome[] = [];
    for (let i = 0; i < 6; i += 1) joe.push(await helloJoe(`tcp4:10.0.${i}.1:1`));
    expect(joe.slice(0, 4).map((o) => o.kind)).toEqual(['challenge', 'challenge', 'challenge', 'challenge']);
    expect(joe[4]).toEqual({
      kind: 'abort',
      reason: 'wamp.error.authentication_failed',
      message: 'too many logins for authid "joe" are waiting for AUTHENTICATE (at most 4); answer or close them first (auth_rate_limit.max_pending_per_authid)',
      authmethod: m.authmethod,
    });
    // Answering a challenge (even wrongly) or ending its session frees its slot.
    await challenged(joe[0]!).authenticate('nope', {});
    challenged(joe[1]!).cancel?.();
    expect((await helloJoe('tcp4:10.0.9.1:1')).kind).toBe('challenge');
    expect((await helloJoe('tcp4:10.0.9.1:2')).kind).toBe('challenge');
    expect((await helloJoe('tcp4:10.0.9.1:3')).kind).toBe('abort');

    // Per peer host: 8 open challenges from one address, whatever the authids.
    const fromOneHost: HelloOutcome[] = [];
    for (let i = 0; i < 9; i += 1) fromOneHost.push(await authenticator.hello(hello({ realm: 'realm1', authid: `u${i}`, authmethods: [m.authmethod] }, `tcp4:192.0.2.1:${i}`)));
    expect(fromOneHost.slice(0, 8).every((o) => o.kind === 'challenge')).toBe(true);
    expect(fromOneHost[8]).toMatchObject({ kind: 'abort', reason: 'wamp.error.authentication_failed', message: expect.stringContaining('too many logins for this peer are waiting for AUTHENTICATE (at most 8)') });
    expect((await authenticator.hello(hello({ realm: 'realm1', authid: 'u8', authmethods: [m.authmethod] }, 'tcp4:192.0.2.2:1'))).kind).toBe('challenge');
  });
});
