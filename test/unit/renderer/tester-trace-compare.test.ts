// "Compare two runs": traces aligned by step (direction + name), gaps where only one run has a step.
import { describe, expect, it } from 'vitest';
import type { TraceEntry } from '../../../shared/api/tester-contract';
import { alignTraces } from '../../../renderer/features/tester/trace-compare';

const out = (name: string, content: unknown = [name]): TraceEntry => ({ t: 0, dir: 'out', name, content });
const inn = (name: string, content: unknown = [name]): TraceEntry => ({ t: 0, dir: 'in', name, content });
const info = (name: string, text: string): TraceEntry => ({ t: 0, dir: 'info', name, text });

const shape = (rows: ReturnType<typeof alignTraces>) => rows.map((r) => [r.left?.name ?? '-', r.right?.name ?? '-', r.kind]);

describe('alignTraces', () => {
  it('pairs equal steps and marks changed content', () => {
    const a = [info('START', 'x'), out('HELLO'), inn('WELCOME', [2, 1, {}])];
    const b = [info('START', 'x'), out('HELLO'), inn('WELCOME', [2, 7, {}])];
    expect(shape(alignTraces(a, b))).toEqual([
      ['START', 'START', 'same'],
      ['HELLO', 'HELLO', 'same'],
      ['WELCOME', 'WELCOME', 'changed'],
    ]);
  });

  it('leaves a gap where only one run has a step, keeping the rest aligned', () => {
    const ticket = [out('HELLO'), inn('CHALLENGE'), out('AUTHENTICATE'), inn('ABORT'), info('CLOSED', 'c')];
    const anonymous = [out('HELLO'), inn('WELCOME'), out('GOODBYE'), inn('GOODBYE'), info('CLOSED', 'c')];
    const rows = alignTraces(ticket, anonymous);
    expect(rows[0]).toMatchObject({ kind: 'same' });
    expect(rows.at(-1)).toMatchObject({ kind: 'same' });
    expect(rows.filter((r) => r.kind === 'only')).toHaveLength(6);
    // Every entry of both sides appears once, in order.
    expect(rows.flatMap((r) => (r.left ? [r.left] : []))).toEqual(ticket);
    expect(rows.flatMap((r) => (r.right ? [r.right] : []))).toEqual(anonymous);
  });

  it('handles empty traces', () => {
    expect(alignTraces([], [])).toEqual([]);
    expect(shape(alignTraces([out('HELLO')], []))).toEqual([['HELLO', '-', 'only']]);
  });
});
