import { describe, expect, it } from 'vitest';
import type { TestResult } from '../../../shared/api/tester-contract';
import { diagnose } from '../../../main/tester/diagnosis';
import { buildReport } from '../../../main/tester/report';
import { REDACTED } from '../../../main/tester/trace';

function result(over: Partial<TestResult> = {}): TestResult {
  return {
    id: 'r1',
    profileId: 'p1',
    profileName: 'Crossbar | staging',
    startedAt: '2026-01-01T00:00:00.000Z',
    outcome: 'welcome',
    reason: 'welcome',
    diagnosis: diagnose('ok', { realm: 'realm1', authrole: 'frontend' }),
    warnings: [diagnose('ticket_over_plain_ws', { loopback: false, host: 'staging:8080' })],
    details: {
      url: 'ws://staging:8080/ws',
      realm: 'realm1',
      authmethod: 'ticket',
      authid: 'joe',
      authrole: null,
      serializer: 'json',
      subprotocol: 'wamp.2.json',
      tls: false,
      latency: { connectMs: 1.2, handshakeMs: 3.4, totalMs: 9 },
      welcome: { session: 7, authid: 'joe', authrole: 'frontend', authmethod: 'ticket', authprovider: 'static', authextra: null, roles: { broker: {}, dealer: {} } },
      abort: null,
      craKey: null,
      attempts: 1,
    },
    trace: [
      { t: 0.5, dir: 'out', name: 'HELLO', code: 1, content: [1, 'realm1', { authmethods: ['ticket'] }], bytes: 40 },
      { t: 1.5, dir: 'in', name: 'CHALLENGE', code: 4, content: [4, 'ticket', {}], bytes: 15 },
      { t: 1.6, dir: 'out', name: 'AUTHENTICATE', code: 5, content: [5, REDACTED, {}], bytes: 20 },
      { t: 3.9, dir: 'in', name: 'WELCOME', code: 2, content: [2, 7, {}], bytes: 30 },
    ],
    probes: [
      { action: 'call', uri: 'com.example.add2', outcome: 'allowed', answer: 'wamp.error.no_such_procedure', note: 'Allowed by authorization, but nothing is registered under this URI.', latencyMs: 1 },
      { action: 'register', uri: 'com.example.add2', outcome: 'denied', answer: 'wamp.error.not_authorized', note: 'Denied', latencyMs: 1 },
    ],
    ...over,
  };
}

const meta = { version: '1.2.3', generatedAt: '2026-01-01T00:00:10.000Z' };

describe('reports', () => {
  it('exports JSON with every result', () => {
    const file = buildReport([result(), result({ id: 'r2' })], 'json', meta);
    expect(file.mimeType).toBe('application/json');
    expect(file.fileName).toMatch(/^authbahn-test-report-.*\.json$/);
    const parsed = JSON.parse(file.content);
    expect(parsed.generator).toBe('Authbahn 1.2.3');
    expect(parsed.results.map((r: TestResult) => r.id)).toEqual(['r1', 'r2']);
  });

  it('exports Markdown with summary, diagnosis, WELCOME, probe matrix and trace', () => {
    const md = buildReport([result()], 'markdown', meta).content;
    expect(md).toContain('# WAMP connection test report');
    expect(md).toContain('| Crossbar \\| staging | ws://staging:8080/ws | realm1 | ticket | ✅ welcome | welcome | 3.4 ms |');
    expect(md).toContain('### Connected and joined the realm');
    expect(md).toContain('Ticket sent unencrypted over the network');
    expect(md).toContain('| authprovider | static |');
    expect(md).toContain('| call | com.example.add2 | ✅ allowed | wamp.error.no_such_procedure |');
    expect(md).toContain('| register | com.example.add2 | 🚫 denied |');
    expect(md).toMatch(/→ AUTHENTICATE +\[5,"•••",\{\}\]/);
  });

  it('says so when there is nothing to report', () => {
    expect(buildReport([], 'markdown', meta).content).toContain('No test results.');
  });
});
