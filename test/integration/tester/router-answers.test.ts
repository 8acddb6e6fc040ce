// Issue 9: the diagnoses for what real routers answered (Crossbar 22.6.1, Nexus 3.2.2, Go's TLS server),
// each replayed by a scripted endpoint on 127.0.0.1 (support/router-replays.ts).
import { afterEach, describe, expect, it } from 'vitest';
import type { TestResult, TesterProfileDraft } from '../../../shared/api/tester-contract';
import type { Credential } from '../../../main/tester/credentials';
import { runTest } from '../../../main/tester/run-test';
import { deriveCraKey } from '../../../shared/wamp/cra';
import {
  closesDuringUpgrade,
  crossbarNoSuchRole,
  crossbarSubprotocolRefusal,
  crossbarUnknownAuthid,
  frontendOnlyRouter,
  goTlsPortAnsweringHttp,
  htmlErrorPage,
  nexusNoAuthenticator,
  nexusTicket,
  nexusWampcra,
  plainPortSilentOnTls,
  unsaltedCraUser,
} from './support/router-replays';
import type { Running } from './support/servers';

const running: Running[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((r) => r.close()));
});

async function start(server: Promise<Running>): Promise<Running> {
  const s = await server;
  running.push(s);
  return s;
}

function profile(url: string, extra: Partial<TesterProfileDraft> = {}): TesterProfileDraft {
  return {
    name: 'replay',
    url,
    realm: 'realm1',
    authmethod: 'anonymous',
    serializer: 'json',
    timeoutMs: 1500,
    probes: { call: [], register: [], publish: [], subscribe: [] },
    ...extra,
  };
}

function run(p: TesterProfileDraft, credential: Credential = { method: 'anonymous' }): Promise<TestResult> {
  return runTest({ profile: p, profileId: null, credential });
}

const text = (r: TestResult) => `${r.diagnosis.title} ${r.diagnosis.explanation} ${r.diagnosis.hint}`;
const frames = (r: TestResult) => r.trace.filter((e) => e.dir !== 'info').map((e) => e.name);

describe('1. unknown authid', () => {
  it.each([
    ['ticket', { method: 'ticket', ticket: 'whatever' }],
    ['wampcra', { method: 'wampcra', secret: 'whatever' }],
  ] as const)('Crossbar (%s): ABORT right after HELLO naming the principal → unknown authid', async (authmethod, credential) => {
    const router = await start(crossbarUnknownAuthid());
    const r = await run(profile(router.url, { authmethod, authid: 'nobody' }), credential);
    expect(frames(r)).toEqual(['HELLO', 'ABORT']);
    expect(r.reason).toBe('wamp.error.not_authorized');
    expect(r.diagnosis).toMatchObject({ kind: 'no_such_principal', title: 'Unknown authid' });
    expect(r.diagnosis.explanation).toContain('"nobody"');
    expect(r.diagnosis.explanation).toContain('no principal with authid "nobody" exists');
    expect(r.details.attempts).toBe(1);
  });

  it('Nexus ticket: an unknown user is refused like a wrong ticket, and the text says the authid may be unknown', async () => {
    const router = await start(nexusTicket({ joe: 'secret!!!' }));
    const r = await run(profile(router.url, { authmethod: 'ticket', authid: 'nobody' }), { method: 'ticket', ticket: 'secret!!!' });
    expect(frames(r)).toEqual(['HELLO', 'CHALLENGE', 'AUTHENTICATE', 'ABORT']);
    expect(r.diagnosis.kind).toBe('ticket_rejected');
    expect(r.diagnosis.explanation).toContain('invalid ticket');
    expect(r.diagnosis.explanation).toMatch(/authid may also be unknown/);
    // Nexus writes the reason into details.error, not details.message.
    expect(r.details.abort?.message).toBe('invalid ticket');
  });

  it('Nexus wampcra: an unknown user gets a normal CHALLENGE; the wrong-secret text says the authid may be unknown', async () => {
    const router = await start(nexusWampcra({ ann: 'ann-secret' }));
    const r = await run(profile(router.url, { authmethod: 'wampcra', authid: 'nobody' }), { method: 'wampcra', secret: 'ann-secret' });
    expect(frames(r)).toEqual(['HELLO', 'CHALLENGE', 'AUTHENTICATE', 'ABORT']);
    expect(r.diagnosis.kind).toBe('cra_signature_invalid');
    expect(r.diagnosis.explanation).toMatch(/authid may also be unknown/);
    expect(r.details.attempts).toBe(1);
  });
});

describe('2. role missing', () => {
  it('Crossbar: names the role from the message and does not claim the session was authenticated', async () => {
    const router = await start(crossbarNoSuchRole());
    const r = await run(profile(router.url, { authmethod: 'ticket', authid: 'joe' }), { method: 'ticket', ticket: 'secret!!!' });
    expect(frames(r)).toEqual(['HELLO', 'ABORT']);
    expect(r.diagnosis.kind).toBe('no_such_role');
    expect(r.diagnosis.title).toBe('Role "nosuchrole" does not exist');
    expect(r.diagnosis.explanation).toContain('role "nosuchrole" is not defined on realm "realm1"');
    expect(r.diagnosis.explanation).toContain('right after HELLO');
    expect(text(r)).not.toMatch(/authenticated the session|accepted the credentials/);
    expect(text(r)).not.toContain('""');
  });
});

describe('3. method not accepted', () => {
  it('Nexus: "could not authenticate with any method" right after HELLO for anonymous → method not accepted', async () => {
    const router = await start(nexusNoAuthenticator());
    const r = await run(profile(router.url));
    expect(frames(r)).toEqual(['HELLO', 'ABORT']);
    expect(r.reason).toBe('wamp.error.authentication_failed');
    expect(r.diagnosis.kind).toBe('no_auth_method');
    expect(r.diagnosis.explanation).toContain('"anonymous"');
    expect(r.diagnosis.explanation).toContain('could not authenticate with any method');
    expect(text(r)).not.toMatch(/check the authid and the secret/i);
  });

  it('Nexus: the same answer for ticket (no ticket authenticator) is not blamed on the secret', async () => {
    const router = await start(nexusNoAuthenticator());
    const r = await run(profile(router.url, { authmethod: 'ticket', authid: 'joe' }), { method: 'ticket', ticket: 'secret!!!' });
    expect(r.diagnosis.kind).toBe('no_auth_method');
    expect(r.diagnosis.explanation).toContain('"ticket"');
    expect(r.diagnosis.explanation).toContain('before any CHALLENGE');
  });
});

describe('4. no common serializer', () => {
  it('Crossbar: HTTP 400 naming its subprotocols → names what the server speaks and what was offered', async () => {
    const router = await start(crossbarSubprotocolRefusal());
    const r = await run(profile(router.url, { serializer: 'msgpack' }));
    expect(r.outcome).toBe('no_connection');
    expect(r.diagnosis.kind).toBe('no_common_subprotocol');
    expect(r.diagnosis.explanation).toContain('The server speaks wamp.2.json.batched, wamp.2.json');
    expect(r.diagnosis.explanation).toContain('the tester offered wamp.2.msgpack');
    expect(r.diagnosis.explanation).toContain('(it refused the upgrade with HTTP 400)');
    expect(r.diagnosis.hint).toContain('"json"');
    expect(text(r)).not.toMatch(/check the path/i);
  });
});

describe('5. wss:// to a plain ws:// port', () => {
  it('TCP connects, the ClientHello gets no answer → TLS diagnosis, not a connect timeout', async () => {
    const router = await start(plainPortSilentOnTls());
    const r = await run(profile(router.url, { timeoutMs: 400 }));
    expect(r.reason).toBe('tls_failure');
    expect(r.diagnosis.kind).toBe('tls_failure');
    expect(r.diagnosis.explanation).toContain('TLS handshake got no answer');
    expect(r.diagnosis.explanation).toContain('plain ws://');
    expect(r.diagnosis.hint).toContain(router.url.replace('wss://', 'ws://'));
    // 8: no stock sentence about certificates that contradicts it.
    expect(text(r)).not.toMatch(/self-signed|certificate/i);
    expect(r.trace.some((e) => e.name === 'TCP')).toBe(true);
  });

  it('a ws:// server that never answers the upgrade is still a connect timeout, saying TCP was accepted', async () => {
    const router = await start(plainPortSilentOnTls());
    const r = await run(profile(router.url.replace('wss://', 'ws://'), { timeoutMs: 300 }));
    expect(r.reason).toBe('connect_timeout');
    expect(r.diagnosis.explanation).toContain('TCP connection');
    expect(r.diagnosis.explanation).toContain('upgrade request got no answer');
    expect(r.diagnosis.explanation).not.toMatch(/firewall/i);
  });
});

describe('6. salt options for an unsalted user', () => {
  const options = { salt: 'pepper', iterations: 100, keylen: 16 };

  it('reports craKey "unsalted" and notes that the salt options do not apply', async () => {
    const router = await start(unsaltedCraUser('bob', 'bob-secret'));
    const r = await run(profile(router.url, { authmethod: 'wampcra', authid: 'bob', cra: options }), { method: 'wampcra', secret: 'bob-secret', cra: options });
    expect(r.outcome).toBe('welcome');
    expect(r.details.craKey).toBe('unsalted');
    expect(r.warnings.map((w) => w.kind)).toEqual(['cra_salt_options_unused']);
    expect(r.warnings[0]).toMatchObject({ severity: 'info', title: 'The salt options do not apply to this user' });
    expect(JSON.stringify(r.warnings)).not.toContain('CHALLENGE carries a salt');
    expect(r.details.attempts).toBe(2);
  });

  it('a wrong secret with salt options says which two keys were tried', async () => {
    const router = await start(unsaltedCraUser('bob', 'bob-secret'));
    const r = await run(profile(router.url, { authmethod: 'wampcra', authid: 'bob', cra: options }), { method: 'wampcra', secret: 'nope', cra: options });
    expect(r.diagnosis.kind).toBe('cra_signature_invalid');
    expect(r.diagnosis.explanation).toContain("profile's salt options");
    expect(r.details.craKey).toBeNull();
  });

  it('still uses the salt options for a router that stores a salted key but sends no salt', async () => {
    const derived = deriveCraKey('carol-password', options.salt, options.iterations, options.keylen);
    const router = await start(unsaltedCraUser('carol', derived));
    const r = await run(profile(router.url, { authmethod: 'wampcra', authid: 'carol', cra: options }), {
      method: 'wampcra',
      secret: 'carol-password',
      cra: options,
    });
    expect(r.outcome).toBe('welcome');
    expect(r.details.craKey).toBe('password');
    expect(r.details.attempts).toBe(1);
    expect(r.warnings).toEqual([]);
  });
});

describe('7. closed during the upgrade', () => {
  it('says the server closed during the upgrade (not a WebSocket server, or TLS-only)', async () => {
    const router = await start(closesDuringUpgrade());
    const r = await run(profile(router.url));
    expect(r.outcome).toBe('no_connection');
    expect(r.diagnosis.kind).toBe('closed_during_upgrade');
    expect(r.diagnosis.title).toBe('Connection closed during the WebSocket upgrade');
    expect(r.diagnosis.explanation).toMatch(/not a WebSocket server, or it speaks only TLS/);
    expect(r.diagnosis.hint).toContain('wss://');
    expect(text(r)).not.toContain('without a WAMP WELCOME or ABORT');
  });
});

describe('8. HTTP error pages, HTTPS ports, host names', () => {
  it('shows the status and a cleaned one-line excerpt of an HTML page', async () => {
    const router = await start(htmlErrorPage());
    const r = await run(profile(router.url));
    expect(r.diagnosis.kind).toBe('http_error');
    expect(r.diagnosis.explanation).toContain('HTTP 404 Not Found');
    expect(r.diagnosis.explanation).toContain('HTTP 404 Not Found ("Not Found The requested URL /wamp was not found on this server.');
    expect(r.diagnosis.explanation).not.toMatch(/[<>]|&nbsp;|&amp;|font-family|dataLayer/);
    expect(r.diagnosis.explanation).toMatch(/\w…"\)/);
    const excerpt = /\("(.*)"\)/.exec(r.diagnosis.explanation)![1]!;
    expect(excerpt.length).toBeLessThanOrEqual(161);
  });

  it('Go\'s "Client sent an HTTP request to an HTTPS server" → use wss://', async () => {
    const router = await start(goTlsPortAnsweringHttp());
    const r = await run(profile(router.url));
    expect(r.reason).toBe('tls_required');
    expect(r.diagnosis.title).toBe('This port expects TLS (wss://)');
    expect(r.diagnosis.explanation).toContain('HTTP 400 Bad Request');
    expect(r.diagnosis.explanation).toContain('Client sent an HTTP request to an HTTPS server.');
    expect(r.diagnosis.hint).toContain(router.url.replace('ws://', 'wss://'));
  });

  it('names the host without the port when DNS fails', async () => {
    const r = await run(profile('ws://nonexistent.invalid:18280/ws'));
    expect(r.reason).toBe('dns_failure');
    expect(r.diagnosis.explanation).toContain('"nonexistent.invalid"');
    expect(r.diagnosis.explanation).not.toContain('18280');
  });
});

describe('9. requested role differs from the welcomed one', () => {
  it('adds an info note naming both roles', async () => {
    const router = await start(frontendOnlyRouter());
    const r = await run(profile(router.url, { authrole: 'backend' }));
    expect(r.outcome).toBe('welcome');
    expect(r.diagnosis.kind).toBe('ok');
    const note = r.warnings.find((w) => w.kind === 'authrole_differs');
    expect(note).toMatchObject({ severity: 'info', title: 'Requested role "backend", welcomed as "frontend"' });
  });

  it('says nothing when no role was requested', async () => {
    const router = await start(frontendOnlyRouter());
    const r = await run(profile(router.url));
    expect(r.warnings).toEqual([]);
  });
});

describe('10. denied probes', () => {
  it('make the diagnosis itself: kind probe_denied, severity error, title naming the denied probes', async () => {
    const router = await start(frontendOnlyRouter());
    const r = await run(profile(router.url, { probes: { call: ['org.other.proc'], register: [], publish: [], subscribe: ['com.example.news', 'org.other.news'] } }));
    expect(r.outcome).toBe('welcome');
    expect(r.probes.map((p) => p.outcome)).toEqual(['allowed', 'denied', 'denied']);
    expect(r.diagnosis).toMatchObject({ kind: 'probe_denied', severity: 'error' });
    expect(r.diagnosis.title).toBe('2 probes not allowed: subscribe org.other.news (denied), call org.other.proc (denied)');
    expect(text(r)).not.toMatch(/needs no fix/);
    expect(r.warnings.map((w) => w.kind)).not.toContain('probe_denied');
  });
});
