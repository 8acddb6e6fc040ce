import { describe, expect, it } from 'vitest';
import { DIAGNOSIS_KINDS } from '../../../shared/api/tester-contract';
import { diagnose } from '../../../main/tester/diagnosis';
import { abortKind, abortMessage, describeTarget, namedInMessage } from '../../../main/tester/run-test';
import { classifyHttpAnswer, cleanExcerpt } from '../../../main/tester/http-answer';
import { classifyOpenError, openTimeout } from '../../../main/tester/ws-client';
import type { Credential } from '../../../main/tester/credentials';

const errnoError = (code: string, message: string) => Object.assign(new Error(message), { code });

describe('diagnose', () => {
  it('has a title, explanation and hint in plain words for every kind', () => {
    for (const kind of DIAGNOSIS_KINDS) {
      const d = diagnose(kind, {});
      expect(d.kind).toBe(kind);
      expect(d.title.length, kind).toBeGreaterThan(5);
      expect(d.explanation.length, kind).toBeGreaterThan(20);
      expect(d.hint.length, kind).toBeGreaterThan(10);
      expect(`${d.title} ${d.explanation} ${d.hint}`, kind).not.toMatch(/undefined|\[object Object\]/);
    }
  });

  it('puts the facts into the words', () => {
    expect(diagnose('no_such_realm', { realm: 'realm9' }).explanation).toContain('"realm9"');
    expect(diagnose('handshake_timeout', { timeoutMs: 750, error: 'the HELLO' }).explanation).toContain('750 ms');
    expect(diagnose('no_such_role', { authrole: 'ghost', realm: 'r' }).explanation).toContain('"ghost"');
  });

  it('warns harder about a ticket over ws:// to a remote host than to loopback', () => {
    expect(diagnose('ticket_over_plain_ws', { loopback: false, host: 'router.example.com' }).severity).toBe('warning');
    expect(diagnose('ticket_over_plain_ws', { loopback: true }).severity).toBe('info');
  });

  it('names the DNS host without the port', () => {
    const d = diagnose('dns_failure', { host: 'nonexistent.invalid:18280', hostname: 'nonexistent.invalid', error: 'ENOTFOUND' });
    expect(d.explanation).toContain('"nonexistent.invalid"');
    expect(d.explanation).not.toContain('18280');
  });

  it('does not add the certificate sentence when the port speaks plain ws://', () => {
    const plainPort = diagnose('tls_failure', { plainPort: true, url: 'wss://h:8080/ws', error: 'the server did not answer in TLS' });
    expect(`${plainPort.explanation} ${plainPort.hint}`).not.toMatch(/self-signed|certificate/i);
    expect(plainPort.hint).toContain('ws://h:8080/ws');
    expect(diagnose('tls_failure', { error: 'OpenSSL: certificate verify failed' }).explanation).toMatch(/self-signed/);
  });

  it('tells a connect timeout before TCP from one after the upgrade request', () => {
    expect(diagnose('connect_timeout', { phase: 'connecting', timeoutMs: 5000 }).explanation).toContain('TCP connection itself got no answer');
    const upgrade = diagnose('connect_timeout', { phase: 'upgrade_sent', timeoutMs: 5000 });
    expect(upgrade.explanation).toContain('upgrade request got no answer');
    expect(upgrade.explanation).not.toMatch(/firewall/);
  });

  it('says only what the trace shows about a missing role', () => {
    const early = diagnose('no_such_role', { authrole: 'nosuchrole', realm: 'realm1', authenticated: false });
    expect(early.explanation).toContain('right after HELLO');
    expect(early.explanation).not.toContain('authenticated');
    expect(diagnose('no_such_role', { authrole: 'x', authenticated: true }).explanation).toContain('accepted the credentials');
    expect(diagnose('no_such_role', { authrole: null, realm: 'r' }).explanation).not.toContain('""');
  });

  it('makes denied probes an error naming them', () => {
    const d = diagnose('probe_denied', { denied: ['call a.b (denied)', 'publish c.d (denied)', 'subscribe e (no answer)', 'register f (denied)'] });
    expect(d.severity).toBe('error');
    expect(d.title).toBe('4 probes not allowed: call a.b (denied), publish c.d (denied), subscribe e (no answer) and 1 more');
  });

  it('tells a salted CRA failure apart from an unsalted one', () => {
    expect(diagnose('cra_signature_invalid', { salted: true }).explanation).toContain('neither matched');
    expect(diagnose('cra_signature_invalid', { salted: false }).explanation).not.toContain('neither matched');
  });
});

describe('classifyOpenError', () => {
  it('maps socket, DNS, TLS and WebSocket errors to failure kinds', () => {
    expect(classifyOpenError(errnoError('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:9'), false).kind).toBe('connection_refused');
    expect(classifyOpenError(errnoError('ENOTFOUND', 'getaddrinfo ENOTFOUND nohost'), false).kind).toBe('dns_failure');
    expect(classifyOpenError(errnoError('EAI_AGAIN', 'getaddrinfo EAI_AGAIN nohost'), false).kind).toBe('dns_failure');
    expect(classifyOpenError(errnoError('DEPTH_ZERO_SELF_SIGNED_CERT', 'self-signed certificate'), true).kind).toBe('tls_failure');
    expect(classifyOpenError(errnoError('ERR_TLS_CERT_ALTNAME_INVALID', "Hostname/IP does not match certificate's altnames"), true).kind).toBe('tls_failure');
    expect(classifyOpenError(errnoError('EPROTO', 'wrong version number'), true).kind).toBe('tls_failure');
    expect(classifyOpenError(new Error('Server sent no subprotocol'), false).kind).toBe('no_common_subprotocol');
    expect(classifyOpenError(new Error('Server sent an invalid subprotocol'), false).kind).toBe('no_common_subprotocol');
    expect(classifyOpenError(errnoError('ECONNRESET', 'socket hang up'), false).kind).toBe('connection_closed');
    expect(classifyOpenError(new Error('Invalid Sec-WebSocket-Accept header'), false).kind).toBe('http_error');
  });

  it('marks a TLS failure that means "plain port", and a hang-up after the upgrade request', () => {
    const wrongVersion = classifyOpenError(errnoError('EPROTO', 'write EPROTO 80:error:0A00010B:SSL routines:ssl3_get_record:wrong version number:../ssl/record/ssl3_record.c:354:'), true);
    expect(wrongVersion).toMatchObject({ kind: 'tls_failure', plainPort: true });
    expect(classifyOpenError(errnoError('CERT_HAS_EXPIRED', 'certificate has expired'), true).plainPort).toBeUndefined();
    expect(classifyOpenError(errnoError('ECONNRESET', 'socket hang up'), false, 'upgrade_sent').kind).toBe('closed_during_upgrade');
    expect(classifyOpenError(errnoError('ECONNRESET', 'socket hang up'), false, 'connecting').kind).toBe('connection_closed');
  });

  it('tells timeouts apart by how far the opening got', () => {
    expect(openTimeout('connecting', true, 500)).toMatchObject({ kind: 'connect_timeout', phase: 'connecting' });
    expect(openTimeout('tcp_connected', true, 500)).toMatchObject({ kind: 'tls_failure', plainPort: true });
    expect(openTimeout('tcp_connected', true, 500).error).toContain('TLS handshake got no answer within 500 ms');
    expect(openTimeout('upgrade_sent', false, 500)).toMatchObject({ kind: 'connect_timeout', phase: 'upgrade_sent' });
  });
});

describe('HTTP answers to the upgrade', () => {
  it('reads Crossbar\'s refusal from the status line and lists the subprotocols it names', () => {
    const failure = classifyHttpAnswer(400, 'This server only speaks WebSocket subprotocols wamp.2.json.batched, wamp.2.json', '', false);
    expect(failure.kind).toBe('no_common_subprotocol');
    expect(failure.http?.serverProtocols).toEqual(['wamp.2.json.batched', 'wamp.2.json']);
  });

  it('recognises plain HTTP sent to a TLS port (Go, nginx)', () => {
    expect(classifyHttpAnswer(400, 'Bad Request', 'Client sent an HTTP request to an HTTPS server.\n', false).kind).toBe('tls_required');
    expect(classifyHttpAnswer(400, 'Bad Request', '<html><body><h1>400 Bad Request</h1>The plain HTTP request was sent to HTTPS port</body></html>', false).kind).toBe('tls_required');
    expect(classifyHttpAnswer(404, 'Not Found', 'nothing here', false)).toMatchObject({ kind: 'http_error', http: { status: 'HTTP 404 Not Found', excerpt: 'nothing here' } });
  });

  it('cleans an HTML page into one line cut at a word', () => {
    const page = `<html><head><title>Oops</title><style>p{color:red}</style></head><body>\n<h1>Bad&nbsp;Gateway</h1>\n<p>${'word '.repeat(60)}</p><!-- hidden --></body></html>`;
    const excerpt = cleanExcerpt(page, 60)!;
    expect(excerpt.startsWith('Bad Gateway word word')).toBe(true);
    expect(excerpt.endsWith('word…')).toBe(true);
    expect(excerpt.length).toBeLessThanOrEqual(61);
    expect(excerpt).not.toMatch(/[<>]|Oops|color|hidden/);
    expect(cleanExcerpt('<html><head><title>Only a title</title></head></html>')).toBe('Only a title');
    expect(cleanExcerpt('   ')).toBeNull();
    expect(cleanExcerpt('a &#99999999; b &#x41; &unknown;')).toBe('a b A &unknown;');
  });
});

describe('abortKind', () => {
  const ticket: Credential = { method: 'ticket', ticket: 't' };
  const cra: Credential = { method: 'wampcra', secret: 's' };
  const totp: Credential = { method: 'totp', source: 'x', codeAt: async () => ({ code: '123456', validUntil: 0 }) };

  it('uses the standard URIs first', () => {
    expect(abortKind('wamp.error.no_such_realm', false, ticket, null, null)).toBe('no_such_realm');
    expect(abortKind('wamp.error.no_such_role', true, cra, null, null)).toBe('no_such_role');
    expect(abortKind('wamp.error.no_auth_method', false, ticket, null, null)).toBe('no_auth_method');
    expect(abortKind('wamp.error.no_such_principal', false, cra, null, null)).toBe('no_such_principal');
    expect(abortKind('com.example.banned', true, ticket, null, null)).toBe('aborted');
  });

  it('names the rejected credential after AUTHENTICATE', () => {
    expect(abortKind('wamp.error.authentication_failed', true, ticket, null, null)).toBe('ticket_rejected');
    expect(abortKind('wamp.error.not_authorized', true, cra, null, null)).toBe('cra_signature_invalid');
    expect(abortKind('wamp.error.not_authorized', false, cra, null, null)).toBe('not_authorized');
  });

  it('a cryptosign key refused at HELLO is a rejected key: the public key is the credential there', async () => {
    const { cryptosignKeyFromHex } = await import('../../../main/tester/cryptosign');
    const cryptosign: Credential = { method: 'cryptosign', key: cryptosignKeyFromHex('11'.repeat(32)) };
    const message = 'extra.pubkey provided does not match any one of authorized_keys for the principal';
    expect(abortKind('wamp.error.not_authorized', false, cryptosign, message, null)).toBe('cryptosign_rejected');
    expect(abortKind('wamp.error.not_authorized', true, cryptosign, 'signed message has invalid signature', null)).toBe('cryptosign_rejected');
    expect(abortKind('wamp.error.not_authorized', false, cryptosign, 'no principal with authid "nobody" exists', null)).toBe('no_such_principal');
  });

  it('reads an unknown authid and a refused method from the router\'s message (Crossbar, Nexus)', () => {
    const anonymous: Credential = { method: 'anonymous' };
    expect(abortKind('wamp.error.not_authorized', false, ticket, 'no principal with authid "nobody" exists', null)).toBe('no_such_principal');
    expect(abortKind('wamp.error.not_authorized', false, cra, 'no principal with authid "nobody" exists', null)).toBe('no_such_principal');
    expect(abortKind('wamp.error.authentication_failed', false, ticket, 'could not authenticate with any method', null)).toBe('no_auth_method');
    expect(abortKind('wamp.error.authentication_failed', false, anonymous, null, null)).toBe('no_auth_method');
    expect(abortKind('wamp.error.not_authorized', false, ticket, null, null)).toBe('not_authorized');
    // After a CHALLENGE, a rejection is about the secret (and the wording says the authid may be unknown).
    expect(abortKind('wamp.error.authentication_failed', true, ticket, 'invalid ticket', null)).toBe('ticket_rejected');
  });

  it('takes the message from "message" or Nexus\'s "error", and the names quoted in it', () => {
    expect(abortMessage({ message: 'm', error: 'e' })).toBe('m');
    expect(abortMessage({ error: 'could not authenticate with any method' })).toBe('could not authenticate with any method');
    expect(abortMessage({})).toBeNull();
    expect(namedInMessage('realm "realm1" has no role "nosuchrole"')).toEqual({ role: 'nosuchrole' });
    expect(namedInMessage("role 'ghost' is not defined on realm 'realm1'")).toEqual({ role: 'ghost' });
    expect(namedInMessage('no principal with authid "nobody" exists')).toEqual({ authid: 'nobody' });
  });

  it('tells reused, expired and wrong TOTP codes apart', () => {
    const fresh = { code: '1', secondsLeft: 20, sentBefore: false };
    expect(abortKind('wamp.error.authentication_failed', true, totp, 'TOTP code replay', fresh)).toBe('totp_reused');
    expect(abortKind('wamp.error.authentication_failed', true, totp, null, { ...fresh, sentBefore: true })).toBe('totp_reused');
    expect(abortKind('wamp.error.authentication_failed', true, totp, null, { ...fresh, secondsLeft: 0.5 })).toBe('totp_expired');
    expect(abortKind('wamp.error.authentication_failed', true, totp, null, fresh)).toBe('totp_rejected');
  });
});

describe('describeTarget', () => {
  it('recognises loopback hosts and TLS', () => {
    expect(describeTarget('ws://127.0.0.1:8080/ws')).toEqual({ host: '127.0.0.1:8080', hostname: '127.0.0.1', tls: false, loopback: true, transport: 'websocket' });
    expect(describeTarget('ws://[::1]:8080/ws')).toMatchObject({ hostname: '::1', loopback: true });
    expect(describeTarget('ws://localhost/ws').loopback).toBe(true);
    expect(describeTarget('wss://router.example.com/ws')).toEqual({ host: 'router.example.com', hostname: 'router.example.com', tls: true, loopback: false, transport: 'websocket' });
  });

  it('knows the RawSocket forms: rs://, rss:// and unix: (always local)', () => {
    expect(describeTarget('rs://127.0.0.1:9000')).toEqual({ host: '127.0.0.1:9000', hostname: '127.0.0.1', tls: false, loopback: true, transport: 'rawsocket' });
    expect(describeTarget('rss://router.example.com:9443')).toMatchObject({ tls: true, loopback: false, transport: 'rawsocket' });
    expect(describeTarget('unix:/run/authbahn/router.sock')).toMatchObject({ host: '/run/authbahn/router.sock', tls: false, loopback: true, transport: 'rawsocket' });
  });
});

describe('TLS certificate diagnoses name the option that helps', () => {
  const fingerprint = 'AB:'.repeat(31) + 'AB';
  it('self-signed → --ca or --pin with the fingerprint', () => {
    const d = diagnose('tls_failure', { host: '127.0.0.1:8443', tlsProblem: { kind: 'self_signed', code: 'DEPTH_ZERO_SELF_SIGNED_CERT', fingerprint } });
    expect(d.title).toMatch(/self-signed/);
    expect(d.explanation).toContain(fingerprint);
    expect(d.hint).toContain('--ca');
    expect(d.hint).toContain(`--pin ${fingerprint}`);
  });
  it('wrong host → a listed name, a certificate for the host, or --pin (not --ca)', () => {
    const d = diagnose('tls_failure', { hostname: '192.0.2.7', tlsProblem: { kind: 'wrong_host', names: 'DNS:localhost, IP Address:127.0.0.1', fingerprint } });
    expect(d.explanation).toContain('DNS:localhost, IP Address:127.0.0.1');
    expect(d.hint).toContain('authbahn router cert');
    expect(d.hint).toContain('--pin');
    expect(d.hint).toMatch(/--ca does not help/);
  });
  it('unknown CA → --ca CA-FILE; pin mismatch says it may be someone in between', () => {
    expect(diagnose('tls_failure', { tlsProblem: { kind: 'untrusted', fingerprint } }).hint).toContain('--ca CA-FILE');
    expect(diagnose('tls_failure', { tlsProblem: { kind: 'pin_mismatch', fingerprint } }).explanation).toMatch(/something between/);
  });
  it('--insecure is a warning that names the safer options', () => {
    const d = diagnose('tls_insecure', { hostname: 'localhost', tlsProblem: { kind: 'self_signed', fingerprint } });
    expect(d.severity).toBe('warning');
    expect(d.hint).toContain(`--pin ${fingerprint}`);
  });
});

describe('RawSocket diagnoses', () => {
  it('a serializer refusal names the serializer and the config key', () => {
    const d = diagnose('rawsocket_serializer_refused', { offered: ['wamp.2.cbor'], transport: 'rawsocket' });
    expect(d.explanation).toContain('cbor');
    expect(d.hint).toContain('"serializers"');
  });
  it('an HTTP answer on rs:// points at ws://', () => {
    const d = diagnose('not_rawsocket', { url: 'rs://127.0.0.1:8080', host: '127.0.0.1:8080', error: 'the server answered with HTTP ("HTTP/1.1 400 Bad Request")' });
    expect(d.hint).toContain('ws://127.0.0.1:8080/ws');
  });
});
