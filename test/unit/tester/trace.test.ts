import { describe, expect, it } from 'vitest';
import { plain, redact, REDACTED, Tracer } from '../../../main/tester/trace';

describe('trace', () => {
  it('hides the AUTHENTICATE signature and ticket-like fields', () => {
    expect(redact([5, 'my-ticket', {}])).toEqual([5, REDACTED, {}]);
    expect(redact([1, 'realm1', { authmethods: ['ticket'], authextra: { ticket: 'x', other: 'y' } }])).toEqual([
      1,
      'realm1',
      { authmethods: ['ticket'], authextra: { ticket: REDACTED, other: 'y' } },
    ]);
  });

  it('turns msgpack/CBOR values into plain JSON', () => {
    const value = plain({ bytes: new Uint8Array([1, 2, 3]), big: 2n ** 60n, map: new Map([[1, 'a']]), nan: Number.NaN });
    expect(value).toEqual({ bytes: '<3 bytes>', big: '1152921504606846976', map: { '1': 'a' }, nan: 'NaN' });
    expect(JSON.parse(JSON.stringify(value))).toEqual(value);
  });

  it('caps huge payloads', () => {
    const out = plain({ s: 'x'.repeat(5000), list: Array.from({ length: 500 }, (_, i) => i) }) as { s: string; list: unknown[] };
    expect(out.s.length).toBeLessThan(2100);
    expect(out.list).toHaveLength(201);
  });

  it('stamps entries relative to the start with name and size', () => {
    let t = 100;
    const tracer = new Tracer(() => t);
    t = 112.34;
    tracer.frame('out', [1, 'realm1', {}], 20);
    t = 130;
    tracer.frame('in', [2, 7, {}], 10);
    tracer.info('NOTE', 'hello');
    expect(tracer.entries).toEqual([
      { t: 12.3, dir: 'out', name: 'HELLO', code: 1, content: [1, 'realm1', {}], bytes: 20 },
      { t: 30, dir: 'in', name: 'WELCOME', code: 2, content: [2, 7, {}], bytes: 10 },
      { t: 30, dir: 'info', name: 'NOTE', text: 'hello' },
    ]);
  });
});
