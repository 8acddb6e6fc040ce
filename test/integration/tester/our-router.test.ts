// The tester against our real router (in-process, port 0, configured through the Crossbar-style
// config loader): every authmethod, the failure diagnoses, the probe matrix and every serializer.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TesterProfileDraft, TestResult } from '../../../shared/api/tester-contract';
import { totpCode } from '../../../shared/otp/generate';
import type { Credential } from '../../../main/tester/credentials';
import { resolveCredential } from '../../../main/tester/resolve-credential';
import { runTest } from '../../../main/tester/run-test';
import { TotpReplayMemory } from '../../../main/tester/totp-replay';
import { REDACTED } from '../../../main/tester/trace';
import { ALICE_DERIVED, ALICE_PASSWORD, startOurRouter, testerRouterConfig, TOTP_SECRET, type RunningRouter } from './support/our-router';

let router: RunningRouter;
beforeAll(async () => {
  router = await startOurRouter();
});
afterAll(async () => {
  await router?.stop();
});

const noProbes = { call: [], register: [], publish: [], subscribe: [] };

function draft(over: Partial<TesterProfileDraft> = {}): TesterProfileDraft {
  return { name: 'ours', url: router.url, realm: 'realm1', authmethod: 'anonymous', serializer: 'json', timeoutMs: 3000, probes: noProbes, ...over };
}

function run(profile: TesterProfileDraft, credential: Credential, replay?: TotpReplayMemory): Promise<TestResult> {
  return runTest({ profile, profileId: null, credential, ...(replay ? { replay } : {}) });
}

const sent = (r: TestResult) => r.trace.filter((e) => e.dir !== 'info').map((e) => `${e.dir === 'out' ? '>' : '<'}${e.name}`);

describe('anonymous', () => {
  it('joins and reports the WELCOME details', async () => {
    const r = await run(draft(), { method: 'anonymous' });
    expect(r.outcome).toBe('welcome');
    expect(r.diagnosis.kind).toBe('ok');
    expect(sent(r)).toEqual(['>HELLO', '<WELCOME', '>GOODBYE', '<GOODBYE']);
    expect(r.details.welcome).toMatchObject({ authrole: 'public', authmethod: 'anonymous', authprovider: 'static' });
    expect(Object.keys(r.details.welcome!.roles).sort()).toEqual(['broker', 'dealer']);
    expect(r.details.latency.handshakeMs).toBeGreaterThanOrEqual(0);
    expect(r.warnings).toEqual([]);
  });

  it.each(['json', 'msgpack', 'cbor'] as const)('works with the %s serializer', async (serializer) => {
    const r = await run(draft({ serializer, probes: { ...noProbes, subscribe: ['com.example.public.news'] } }), { method: 'anonymous' });
    expect(r.outcome).toBe('welcome');
    expect(r.details.subprotocol).toBe(`wamp.2.${serializer}`);
    expect(r.probes.map((p) => p.outcome)).toEqual(['allowed']);
  });
});

describe('ticket', () => {
  it('joins with the right ticket, hides it in the trace and notes ws:// on loopback', async () => {
    const r = await run(draft({ authmethod: 'ticket', authid: 'joe' }), { method: 'ticket', ticket: 'secret!!!' });
    expect(r.outcome).toBe('welcome');
    expect(r.details.welcome).toMatchObject({ authid: 'joe', authrole: 'frontend', authmethod: 'ticket' });
    expect(sent(r)).toEqual(['>HELLO', '<CHALLENGE', '>AUTHENTICATE', '<WELCOME', '>GOODBYE', '<GOODBYE']);
    expect(JSON.stringify(r.trace)).not.toContain('secret!!!');
    expect((r.trace.find((e) => e.name === 'AUTHENTICATE')!.content as unknown[])[1]).toBe(REDACTED);
    expect(r.warnings).toEqual([expect.objectContaining({ kind: 'ticket_over_plain_ws', severity: 'info' })]);
  });

  it('diagnoses a wrong ticket', async () => {
    const r = await run(draft({ authmethod: 'ticket', authid: 'joe' }), { method: 'ticket', ticket: 'nope' });
    expect(r.outcome).toBe('abort');
    expect(r.reason).toBe('wamp.error.not_authorized');
    expect(r.diagnosis).toMatchObject({ kind: 'ticket_rejected', title: 'Wrong ticket' });
    expect(r.details.abort?.message).toContain('invalid');
  });

  it('diagnoses a principal whose role the realm does not have', async () => {
    const r = await run(draft({ authmethod: 'ticket', authid: 'ghost' }), { method: 'ticket', ticket: 'boo' });
    expect(r.outcome).toBe('abort');
    expect(r.diagnosis.kind).toBe('no_such_role');
  });
});

describe('WAMP-CRA', () => {
  it('joins with an unsalted secret', async () => {
    const r = await run(draft({ authmethod: 'wampcra', authid: 'bob' }), { method: 'wampcra', secret: 'bob-secret' });
    expect(r.outcome).toBe('welcome');
    expect(r.details.craKey).toBe('unsalted');
    expect(r.details.welcome).toMatchObject({ authid: 'bob', authmethod: 'wampcra' });
  });

  it('diagnoses a wrong unsalted secret without a second attempt', async () => {
    const r = await run(draft({ authmethod: 'wampcra', authid: 'bob' }), { method: 'wampcra', secret: 'wrong' });
    expect(r.outcome).toBe('abort');
    expect(r.diagnosis.kind).toBe('cra_signature_invalid');
    expect(r.details.attempts).toBe(1);
  });

  it('salted: the password works the standard way', async () => {
    const r = await run(draft({ authmethod: 'wampcra', authid: 'alice' }), { method: 'wampcra', secret: ALICE_PASSWORD });
    expect(r.outcome).toBe('welcome');
    expect(r.details.craKey).toBe('password');
    expect(r.details.attempts).toBe(1);
    expect(r.details.welcome?.authrole).toBe('backend');
  });

  it('salted: finds out that the router expects the derived key when given the config secret', async () => {
    const r = await run(draft({ authmethod: 'wampcra', authid: 'alice' }), { method: 'wampcra', secret: ALICE_DERIVED });
    expect(r.outcome).toBe('welcome');
    expect(r.details.craKey).toBe('derived-key');
    expect(r.details.attempts).toBe(2);
    expect(r.warnings.map((w) => w.kind)).toEqual(['cra_key_is_derived']);
    expect(sent(r).filter((s) => s === '>HELLO')).toHaveLength(2);
  });

  it('salted: a wrong secret fails both interpretations', async () => {
    const r = await run(draft({ authmethod: 'wampcra', authid: 'alice' }), { method: 'wampcra', secret: 'not-it' });
    expect(r.outcome).toBe('abort');
    expect(r.diagnosis.kind).toBe('cra_signature_invalid');
    expect(r.diagnosis.explanation).toContain('neither matched');
    expect(r.details.attempts).toBe(2);
  });
});

describe('TOTP as ticket', () => {
  const profile = () => draft({ authmethod: 'totp', authid: 'ann' });

  /** Both logins must fall into one 30 s window, or the second gets a fresh code. */
  async function awayFromWindowEnd(): Promise<void> {
    const left = 30_000 - (Date.now() % 30_000);
    if (left < 5000) await new Promise((resolve) => setTimeout(resolve, left + 200));
  }

  it('joins with the current code, then reports the same code as reused', async () => {
    await awayFromWindowEnd();
    const replay = new TotpReplayMemory();
    const credential = resolveCredential(profile(), TOTP_SECRET, { profileId: null, now: Date.now });
    const first = await run(profile(), credential, replay);
    expect(first.outcome).toBe('welcome');
    expect(first.details.welcome).toMatchObject({ authid: 'ann', authrole: 'frontend' });
    expect(JSON.stringify(first.trace)).not.toContain(totpCode(TOTP_SECRET, Date.now(), 30, 'SHA1', 6));

    const second = await run(profile(), credential, replay);
    expect(second.outcome).toBe('abort');
    expect(second.diagnosis.kind).toBe('totp_reused');
  });

  it('recognises the router\'s replay refusal without the tester\'s own memory', async () => {
    await awayFromWindowEnd();
    const credential = resolveCredential(profile(), TOTP_SECRET, { profileId: null, now: Date.now });
    await run(profile(), credential);
    const again = await run(profile(), credential);
    expect(again.diagnosis.kind).toBe('totp_reused');
    expect(again.details.abort?.message).toContain('already been used');
  });

  it('diagnoses a code from the wrong secret', async () => {
    const credential = resolveCredential(profile(), 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', { profileId: null, now: Date.now });
    const r = await run(profile(), credential);
    expect(r.outcome).toBe('abort');
    expect(['totp_rejected', 'totp_expired']).toContain(r.diagnosis.kind);
  });
});

describe('realm, authmethod and probes', () => {
  it('diagnoses an unknown realm', async () => {
    const r = await run(draft({ realm: 'nope' }), { method: 'anonymous' });
    expect(r.outcome).toBe('abort');
    expect(r.reason).toBe('wamp.error.no_such_realm');
    expect(r.diagnosis.kind).toBe('no_such_realm');
    expect(r.diagnosis.explanation).toContain('"nope"');
  });

  it('diagnoses an authmethod the transport does not offer', async () => {
    const strict = await startOurRouter(testerRouterConfig({ anonymous: false }));
    try {
      const r = await run(draft({ url: strict.url }), { method: 'anonymous' });
      expect(r.outcome).toBe('abort');
      expect(r.diagnosis.kind).toBe('no_auth_method');
    } finally {
      await strict.stop();
    }
  });

  it('shows the permission matrix of a role with allowed and denied actions', async () => {
    const r = await run(
      draft({
        authmethod: 'ticket',
        authid: 'joe',
        probes: {
          call: ['com.example.add2', 'org.other.proc'],
          register: ['com.example.add2'],
          publish: ['com.example.news', 'org.other.news'],
          subscribe: ['com.example.news', 'org.other.news'],
        },
      }),
      { method: 'ticket', ticket: 'secret!!!' },
    );
    expect(r.outcome).toBe('welcome');
    const matrix = Object.fromEntries(r.probes.map((p) => [`${p.action} ${p.uri}`, [p.outcome, p.answer]]));
    expect(matrix).toEqual({
      'call com.example.add2': ['allowed', 'wamp.error.no_such_procedure'],
      'call org.other.proc': ['denied', 'wamp.error.not_authorized'],
      'register com.example.add2': ['denied', 'wamp.error.not_authorized'],
      'publish com.example.news': ['allowed', 'PUBLISHED'],
      'publish org.other.news': ['denied', 'wamp.error.not_authorized'],
      'subscribe com.example.news': ['allowed', 'SUBSCRIBED'],
      'subscribe org.other.news': ['denied', 'wamp.error.not_authorized'],
    });
    expect(r.probes.find((p) => p.action === 'call' && p.outcome === 'allowed')?.note).toContain('nothing is registered');
    // Denied probes fail the run (exit code 1), so they are the diagnosis, not a side note.
    expect(r.diagnosis).toMatchObject({ kind: 'probe_denied', severity: 'error' });
    expect(r.diagnosis.title).toMatch(/^4 probes not allowed: /);
    expect(r.warnings.map((w) => w.kind)).not.toContain('probe_denied');
  });

  it('calls a procedure another session registered (RESULT) and reports an existing registration as allowed', async () => {
    const backend = draft({ authmethod: 'wampcra', authid: 'alice', probes: { ...noProbes, register: ['com.example.taken'] } });
    // A first tester session registers and unregisters at once, so use AutobahnJS to hold a registration.
    const autobahn = (await import('autobahn')).default as unknown as AutobahnModule;
    const connection = new autobahn.Connection({
      url: router.url,
      realm: 'realm1',
      authmethods: ['wampcra'],
      authid: 'alice',
      onchallenge: (_session: unknown, _method: string, extra: { challenge: string; salt: string; iterations: number; keylen: number }) =>
        autobahn.auth_cra.sign(autobahn.auth_cra.derive_key(ALICE_PASSWORD, extra.salt, extra.iterations, extra.keylen), extra.challenge),
      max_retries: 0,
    });
    const session = await new Promise<AutobahnSession>((resolve, reject) => {
      connection.onopen = (s: AutobahnSession) => resolve(s);
      connection.onclose = (reason: string) => {
        reject(new Error(`autobahn closed: ${reason}`));
        return true;
      };
      connection.open();
    });
    try {
      await session.register('com.example.taken', () => 42);
      const r = await run({ ...backend, probes: { ...noProbes, register: ['com.example.taken'], call: ['com.example.taken'] } }, { method: 'wampcra', secret: ALICE_PASSWORD });
      expect(r.probes.map((p) => [p.action, p.outcome, p.answer])).toEqual([
        ['register', 'allowed', 'wamp.error.procedure_already_exists'],
        ['call', 'allowed', 'RESULT'],
      ]);
      expect(r.trace.some((e) => e.name === 'RESULT' && JSON.stringify(e.content).includes('42'))).toBe(true);
    } finally {
      await new Promise<void>((resolve) => {
        connection.onclose = () => {
          resolve();
          return true;
        };
        connection.close();
      });
    }
  });
});

interface AutobahnSession {
  register(procedure: string, fn: () => unknown): Promise<unknown>;
}
interface AutobahnModule {
  Connection: new (options: Record<string, unknown>) => { open(): void; close(): void; onopen: unknown; onclose: unknown };
  auth_cra: { sign(key: string, challenge: string): string; derive_key(secret: string, salt: string, iterations: number, keylen: number): string };
}
