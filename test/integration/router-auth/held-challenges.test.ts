// Issue 10 items 1 and 3 over real sockets: challenges collected before a lockout cannot be answered
// after it, an authid or a peer cannot hold more than a handful of challenges open, and oversized HELLO
// fields are refused before the router keeps or logs them.
import { afterEach, describe, expect, it } from 'vitest';
import { MSG } from '../../../shared/wamp/codes';
import { signCraChallenge } from '../../../shared/wamp/cra';
import type { AuthAttemptEvent } from '../../../main/router/types';
import { RawClient } from '../../support/router/raw-client';
import { AUTH, ROLES } from './fixtures';
import { routerConfig, startRouter, type RunningRouter } from './support';

const roles = { caller: {}, callee: {}, publisher: {}, subscriber: {} };

let r: RunningRouter | undefined;
const clients: RawClient[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.ws.terminate();
  await r?.stop();
  r = undefined;
});

async function connect(url: string): Promise<RawClient> {
  const c = await RawClient.connect(url, 'json');
  clients.push(c);
  return c;
}

type Method = { name: string; authmethod: string; authid: string; answer(challenge: unknown[], right: boolean, i: number): string };
const METHODS: Method[] = [
  { name: 'ticket', authmethod: 'ticket', authid: 'joe', answer: (_c, right, i) => (right ? 'secret!!!' : `guess-${i}`) },
  {
    name: 'wampcra',
    authmethod: 'wampcra',
    authid: 'bob',
    answer: (c, right, i) => signCraChallenge(right ? 'bob-secret' : `wrong-${i}`, (c[2] as { challenge: string }).challenge),
  },
];

describe.each(METHODS)('$name over sockets', (m) => {
  it('a lock reached while challenges are held refuses their AUTHENTICATE, the right secret included; extra HELLOs are refused', async () => {
    r = await startRouter(routerConfig(AUTH, ROLES, { workerOptions: { auth_rate_limit: { max_failures_per_authid: 3, max_failures_per_peer: 100 } } }));
    // 10 connections try to collect a challenge each: only 4 (max_pending_per_authid) get one.
    const conns = await Promise.all(Array.from({ length: 10 }, () => connect(r!.url)));
    for (const c of conns) c.send([MSG.HELLO, 'realm1', { roles, authmethods: [m.authmethod], authid: m.authid }]);
    const first = await Promise.all(conns.map((c) => c.next()));
    const held = conns.filter((_, i) => first[i]![0] === MSG.CHALLENGE);
    const challenges = first.filter((msg) => msg[0] === MSG.CHALLENGE);
    expect(held).toHaveLength(4);
    for (const msg of first.filter((x) => x[0] === MSG.ABORT)) {
      expect(msg).toEqual([
        MSG.ABORT,
        { message: `too many logins for authid "${m.authid}" are waiting for AUTHENTICATE (at most 4); answer or close them first (auth_rate_limit.max_pending_per_authid)` },
        'wamp.error.authentication_failed',
      ]);
    }

    // Three wrong answers at once reach the lock…
    held.slice(0, 3).forEach((c, i) => c.send([MSG.AUTHENTICATE, m.answer(challenges[i]!, false, i), {}]));
    const wrong = await Promise.all(held.slice(0, 3).map((c) => c.next(MSG.ABORT)));
    for (const a of wrong) expect(a[2]).toBe('wamp.error.not_authorized');
    // …and the right answer on a challenge collected before it is refused, unchecked.
    held[3]!.send([MSG.AUTHENTICATE, m.answer(challenges[3]!, true, 3), {}]);
    const refused = await held[3]!.next();
    expect(refused[0]).toBe(MSG.ABORT);
    expect(refused[2]).toBe('wamp.error.authentication_failed');
    expect((refused[1] as { message: string }).message).toMatch(new RegExp(`too many failed logins for authid "${m.authid}"; try again later`));
    expect(r.events.filter((e) => e.outcome === 'welcome')).toHaveLength(0);
  });

  it('a challenge whose connection closes frees its slot', async () => {
    r = await startRouter(routerConfig(AUTH, ROLES));
    const held: RawClient[] = [];
    for (let i = 0; i < 4; i += 1) {
      const c = await connect(r.url);
      c.send([MSG.HELLO, 'realm1', { roles, authmethods: [m.authmethod], authid: m.authid }]);
      expect((await c.next())[0]).toBe(MSG.CHALLENGE);
      held.push(c);
    }
    const extra = await connect(r.url);
    extra.send([MSG.HELLO, 'realm1', { roles, authmethods: [m.authmethod], authid: m.authid }]);
    expect((await extra.next())[0]).toBe(MSG.ABORT);

    held[0]!.ws.close();
    await held[0]!.closed;
    // The router notices the close asynchronously; the next HELLO gets a challenge and can log in.
    let got: unknown[] = [];
    for (let attempt = 0; attempt < 50; attempt += 1) {
      const c = await connect(r.url);
      c.send([MSG.HELLO, 'realm1', { roles, authmethods: [m.authmethod], authid: m.authid }]);
      got = await c.next();
      if (got[0] === MSG.CHALLENGE) {
        c.send([MSG.AUTHENTICATE, m.answer(got, true, 0), {}]);
        expect((await c.next())[0]).toBe(MSG.WELCOME);
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(got[0]).toBe(MSG.CHALLENGE);
  });
});

describe('HELLO size limits', () => {
  it('refuses 1 MB authids, realms, authextra and long authmethods lists with invalid_argument, and logs only a bounded prefix', async () => {
    r = await startRouter(routerConfig(AUTH, ROLES));
    const attempts: AuthAttemptEvent[] = [];
    r.router.on('auth', (e) => attempts.push(e));
    const mb = 'a'.repeat(1024 * 1024);
    const cases: [string, Record<string, unknown>, string][] = [
      ['realm1', { authmethods: ['ticket'], authid: `${mb}-1` }, 'HELLO.Details.authid is 1048578 characters long; this router accepts at most 256'],
      [`com.${mb}`, { authmethods: ['ticket'], authid: 'joe' }, 'HELLO.Realm is 1048580 characters long; this router accepts at most 256'],
      ['realm1', { authmethods: ['ticket'], authid: 'joe', authextra: { blob: mb } }, 'HELLO.Details.authextra is larger than 4096 bytes as JSON; this router accepts at most that'],
      ['realm1', { authmethods: Array.from({ length: 100 }, () => 'ticket'), authid: 'joe' }, 'HELLO.Details.authmethods has 100 entries; this router accepts at most 16'],
      ['realm1', { authmethods: ['ticket'], authid: 'joe', authrole: mb }, 'HELLO.Details.authrole is 1048576 characters long; this router accepts at most 256'],
    ];
    for (const [realm, details, message] of cases) {
      const c = await connect(r.url);
      c.send([MSG.HELLO, realm, { roles, ...details }]);
      expect(await c.next()).toEqual([MSG.ABORT, { message }, 'wamp.error.invalid_argument']);
    }
    // Nothing of the 1 MB values was kept: not by the limiter, not in the login events.
    expect(r.built.limiter.footprint().keyChars).toBeLessThan(1000);
    expect(r.events).toHaveLength(0); // the authenticator never saw them
    expect(attempts).toHaveLength(cases.length);
    expect(JSON.stringify(attempts).length).toBeLessThan(cases.length * 2000);

    // A normal login still works.
    const ok = await connect(r.url);
    ok.send([MSG.HELLO, 'realm1', { roles, authmethods: ['ticket'], authid: 'joe' }]);
    expect((await ok.next())[0]).toBe(MSG.CHALLENGE);
    ok.send([MSG.AUTHENTICATE, 'secret!!!', {}]);
    expect((await ok.next())[0]).toBe(MSG.WELCOME);
  });

  it('20 HELLOs with unique 1 MB authids leave the limiter small', async () => {
    r = await startRouter(routerConfig(AUTH, ROLES));
    const mb = 'b'.repeat(1024 * 1024);
    for (let i = 0; i < 20; i += 1) {
      const c = await connect(r.url);
      c.send([MSG.HELLO, 'realm1', { roles, authmethods: ['ticket'], authid: `${i}${mb}` }]);
      expect((await c.next())[2]).toBe('wamp.error.invalid_argument');
      c.ws.terminate();
    }
    expect(r.built.limiter.footprint()).toMatchObject({ entries: 0, pendingKeys: 0 });
  });
});
