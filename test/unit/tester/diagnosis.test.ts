import { describe, expect, it } from 'vitest';
import { DIAGNOSIS_KINDS } from '../../../shared/api/tester-contract';
import { diagnose } from '../../../main/tester/diagnosis';
import { abortKind, describeTarget } from '../../../main/tester/run-test';
import { classifyOpenError } from '../../../main/tester/ws-client';
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
    expect(describeTarget('ws://127.0.0.1:8080/ws')).toEqual({ host: '127.0.0.1:8080', tls: false, loopback: true });
    expect(describeTarget('ws://[::1]:8080/ws').loopback).toBe(true);
    expect(describeTarget('ws://localhost/ws').loopback).toBe(true);
    expect(describeTarget('wss://router.example.com/ws')).toEqual({ host: 'router.example.com', tls: true, loopback: false });
  });
});
