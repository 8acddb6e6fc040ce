import { describe, expect, it } from 'vitest';
import type { ProbeResult, TestResult, TraceEntry } from '../../../shared/api/tester-contract';
import {
  craKeyText,
  formatMs,
  latestByProfile,
  probeCellDetail,
  probeCounts,
  probeMatrix,
  summaryCounts,
  summaryRows,
  traceContent,
  traceOffset,
  tracePreview,
} from '../../../renderer/features/tester/result-view';

const probe = (action: ProbeResult['action'], uri: string, outcome: ProbeResult['outcome'], answer: string): ProbeResult => ({
  action,
  uri,
  outcome,
  answer,
  note: '',
  latencyMs: 1.2,
});

const result = (id: string, profileId: string | null, outcome: TestResult['outcome'], over: Partial<TestResult> = {}): TestResult => ({
  id,
  profileId,
  profileName: `profile ${id}`,
  startedAt: '2026-01-01T00:00:00.000Z',
  outcome,
  reason: outcome === 'welcome' ? 'welcome' : 'wamp.error.not_authorized',
  diagnosis: { kind: outcome === 'welcome' ? 'ok' : 'ticket_rejected', severity: outcome === 'welcome' ? 'ok' : 'error', title: 'T', explanation: 'E', hint: 'H' },
  warnings: [],
  details: {
    url: 'ws://127.0.0.1:1/ws',
    realm: 'realm1',
    authmethod: 'ticket',
    authid: 'joe',
    authrole: null,
    serializer: 'json',
    subprotocol: 'wamp.2.json',
    tls: false,
    latency: { connectMs: 2.5, handshakeMs: 12, totalMs: 20 },
    welcome: null,
    abort: null,
    craKey: null,
    attempts: 1,
  },
  trace: [],
  probes: [],
  ...over,
});

describe('tester result view', () => {
  it('builds the probe matrix with one row per URI and one column per action', () => {
    const probes = [
      probe('subscribe', 'com.example.topic', 'allowed', 'SUBSCRIBED'),
      probe('call', 'com.example.add2', 'denied', 'wamp.error.not_authorized'),
      probe('publish', 'com.example.topic', 'denied', 'wamp.error.not_authorized'),
      probe('register', 'com.example.add2', 'error', 'wamp.error.procedure_already_exists'),
    ];
    const rows = probeMatrix(probes);
    expect(rows.map((r) => r.uri)).toEqual(['com.example.add2', 'com.example.topic']);
    expect(rows[0]!.cells.map((c) => c?.outcome ?? null)).toEqual(['denied', 'error', null, null]);
    expect(rows[1]!.cells.map((c) => c?.outcome ?? null)).toEqual([null, null, 'denied', 'allowed']);
    expect(probeCounts(probes)).toEqual({ allowed: 1, denied: 2, error: 1, timeout: 0 });
    expect(probeCellDetail(probes[1]!)).toBe('wamp.error.not_authorized');
    expect(probeCellDetail(probes[0]!)).toBeNull();
  });

  it('formats trace lines: offset, preview and the decoded content', () => {
    const hello: TraceEntry = { t: 0.4, dir: 'out', name: 'HELLO', code: 1, content: [1, 'realm1', { authmethods: ['ticket'] }], bytes: 40 };
    const info: TraceEntry = { t: 3, dir: 'info', name: 'OPEN', text: 'WebSocket open' };
    expect(traceOffset(hello.t)).toBe('+0.4 ms');
    expect(tracePreview(hello)).toBe('[1,"realm1",{"authmethods":["ticket"]}]');
    expect(tracePreview(hello, 10)).toHaveLength(10);
    expect(tracePreview(info)).toBe('WebSocket open');
    expect(traceContent(info)).toBeNull();
    expect(JSON.parse(traceContent(hello)!)).toEqual(hello.content);
  });

  it('formats latencies and the WAMP-CRA key interpretation', () => {
    expect(formatMs(null)).toBe('–');
    expect(formatMs(2.345)).toBe('2.3 ms');
    expect(formatMs(45.6)).toBe('46 ms');
    expect(formatMs(1500)).toBe('1.50 s');
    expect(craKeyText('derived-key')).toMatch(/already-derived key/);
    expect(craKeyText('password')).toMatch(/password/);
    expect(craKeyText(null)).toBeNull();
  });

  it('summarises a batch and keeps the latest result per profile', () => {
    const results = [
      result('a', 'p1', 'abort'),
      result('b', 'p2', 'welcome', {
        warnings: [
          { kind: 'ticket_over_plain_ws', severity: 'info', title: '', explanation: '', hint: '' },
          { kind: 'probe_denied', severity: 'warning', title: '', explanation: '', hint: '' },
        ],
      }),
      result('c', 'p1', 'welcome'),
      result('d', null, 'no_connection'),
    ];
    const rows = summaryRows(results);
    expect(rows.map((r) => r.outcomeLabel)).toEqual(['Aborted', 'Welcome', 'Welcome', 'No connection']);
    expect(rows[1]!.warnings).toBe(1);
    expect(rows[0]!.handshake).toBe('12 ms');
    expect(summaryCounts(results)).toEqual({ welcome: 2, abort: 1, no_connection: 1 });
    const latest = latestByProfile(results);
    expect([...latest.keys()]).toEqual(['p1', 'p2']);
    expect(latest.get('p1')!.id).toBe('c');
  });
});
