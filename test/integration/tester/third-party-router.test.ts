// The tester against a router we did not write: fox-wamp (npm, a maintained Node WAMP router), started
// in-process on 127.0.0.1 with ticket and WAMP-CRA verified by its auth-handler hooks. The CRA check on
// the router side uses AutobahnJS's auth_cra, so neither side of that handshake is our code. fox-wamp
// speaks JSON only: asking for msgpack must be diagnosed as "no common serializer", not as a crash.
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import autobahn from 'autobahn';
import FoxRouter from 'fox-wamp';
import type { Server } from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TesterProfileDraft } from '../../../shared/api/tester-contract';
import type { Credential } from '../../../main/tester/credentials';
import { runTest } from '../../../main/tester/run-test';

const TICKET = 'fox-ticket-1';
const CRA_SECRET = 'fox-cra-secret';

let server: Server;
let url: string;

beforeAll(async () => {
  const router = new FoxRouter();
  server = router.listenWAMP(
    { port: 0, host: '127.0.0.1' },
    {
      getAuthMethods: () => ['ticket', 'wampcra'],
      ticket_auth: (_realm, details, ticket, _extra, done) =>
        details.authid === 'joe' && ticket === TICKET ? done(undefined, { role: 'user' }) : done(new Error('wrong ticket')),
      wampcra_extra: (_realm, details, done) => {
        const challenge = JSON.stringify({ authid: details.authid, authrole: 'user', authmethod: 'wampcra', authprovider: 'fox', nonce: randomBytes(32).toString('base64'), timestamp: new Date().toISOString(), session: 1 });
        details.challenge = challenge; // fox-wamp keeps these details per session until AUTHENTICATE
        done(undefined, { challenge });
      },
      wampcra_auth: (_realm, details, signature, _extra, done) =>
        details.authid === 'ann' && signature === autobahn.auth_cra.sign(CRA_SECRET, String(details.challenge))
          ? done(undefined, { role: 'user' })
          : done(new Error('bad signature')),
    },
  );
  await new Promise<void>((resolve) => (server.address() ? resolve() : server.once('listening', () => resolve())));
  url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});

afterAll(async () => {
  for (const client of server?.clients ?? []) client.terminate();
  await new Promise((resolve) => server?.close(resolve));
});

const noProbes = { call: [], register: [], publish: [], subscribe: [] };
const draft = (over: Partial<TesterProfileDraft>): TesterProfileDraft => ({
  name: 'fox-wamp',
  url,
  realm: 'realm1',
  authmethod: 'ticket',
  serializer: 'json',
  timeoutMs: 5000,
  probes: noProbes,
  ...over,
});
const run = (profile: TesterProfileDraft, credential: Credential) => runTest({ profile, profileId: null, credential });
const names = (r: Awaited<ReturnType<typeof run>>) => r.trace.filter((e) => e.dir !== 'info').map((e) => e.name);

describe('connection tester against fox-wamp', () => {
  it('logs in with the right ticket and maps what the role may do', async () => {
    const r = await run(draft({ authid: 'joe', probes: { ...noProbes, subscribe: ['com.example.news'], call: ['com.example.nothing'] } }), {
      method: 'ticket',
      ticket: TICKET,
    });
    expect(r.outcome).toBe('welcome');
    expect(r.details.welcome).toMatchObject({ authid: 'joe', authmethod: 'ticket' });
    expect(names(r).slice(0, 4)).toEqual(['HELLO', 'CHALLENGE', 'AUTHENTICATE', 'WELCOME']);
    expect(JSON.stringify(r.trace)).not.toContain(TICKET);
    const byAction = Object.fromEntries(r.probes.map((p) => [p.action, p]));
    expect(byAction.subscribe?.outcome).toBe('allowed');
    // Nothing registered: allowed by authorization, answered with no_such_procedure.
    expect(byAction.call).toMatchObject({ outcome: 'allowed', answer: 'wamp.error.no_such_procedure' });
  });

  it('explains a wrong ticket, whatever ABORT reason the router uses', async () => {
    const r = await run(draft({ authid: 'joe' }), { method: 'ticket', ticket: 'not-it' });
    expect(r.outcome).toBe('abort');
    expect(r.reason).toBe('wamp.error.authentication_failed');
    expect(r.diagnosis.kind).toBe('ticket_rejected');
    expect(names(r)).toEqual(['HELLO', 'CHALLENGE', 'AUTHENTICATE', 'ABORT']);
  });

  it('signs a WAMP-CRA challenge the way AutobahnJS verifies it, and explains a wrong secret', async () => {
    const ok = await run(draft({ authmethod: 'wampcra', authid: 'ann' }), { method: 'wampcra', secret: CRA_SECRET });
    expect(ok.outcome).toBe('welcome');
    expect(ok.details.welcome).toMatchObject({ authid: 'ann', authmethod: 'wampcra' });
    expect(ok.details.craKey).toBe('unsalted');

    const wrong = await run(draft({ authmethod: 'wampcra', authid: 'ann' }), { method: 'wampcra', secret: 'guess' });
    expect(wrong.outcome).toBe('abort');
    expect(wrong.diagnosis.kind).toBe('cra_signature_invalid');
  });

  it('says no auth method matches when the router offers none of ours', async () => {
    const r = await run(draft({ authmethod: 'anonymous' }), { method: 'anonymous' });
    expect(r.outcome).toBe('abort');
    expect(r.reason).toBe('wamp.error.no_auth_method');
    expect(r.diagnosis.kind).toBe('no_auth_method');
  });

  it('diagnoses a serializer the router does not speak', async () => {
    const r = await run(draft({ authid: 'joe', serializer: 'msgpack' }), { method: 'ticket', ticket: TICKET });
    expect(r.outcome).toBe('no_connection');
    expect(r.diagnosis.kind).toBe('no_common_subprotocol');
  });
});
