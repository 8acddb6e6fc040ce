import { describe, expect, it } from 'vitest';
import { ringDashOffset, ringState, URGENT_MS } from '../../../renderer/components/ring';

const from = 1_700_000_010_000; // a 30 s window boundary
const until = from + 30_000;

describe('ringState', () => {
  it('is full at the start of the window', () => {
    const s = ringState(from, until, from);
    expect(s.fraction).toBe(1);
    expect(s.secondsLeft).toBe(30);
    expect(s.elapsedMs).toBe(0);
    expect(s.urgent).toBe(false);
  });

  it('counts whole seconds up, as a person reads a countdown', () => {
    expect(ringState(from, until, from + 200).secondsLeft).toBe(30);
    expect(ringState(from, until, from + 1_000).secondsLeft).toBe(29);
    expect(ringState(from, until, until - 1).secondsLeft).toBe(1);
  });

  it('turns urgent in the last five seconds, not before', () => {
    expect(ringState(from, until, until - URGENT_MS - 1).urgent).toBe(false);
    expect(ringState(from, until, until - URGENT_MS).urgent).toBe(true);
    expect(ringState(from, until, until - 1_000).urgent).toBe(true);
  });

  it('clamps times outside the window', () => {
    const late = ringState(from, until, until + 5_000);
    expect(late.fraction).toBe(0);
    expect(late.remainingMs).toBe(0);
    expect(late.secondsLeft).toBe(1);
    const early = ringState(from, until, from - 5_000);
    expect(early.fraction).toBe(1);
    expect(early.elapsedMs).toBe(0);
  });

  it('reports the share of time left for other periods too', () => {
    const s = ringState(0, 60_000, 15_000);
    expect(s.fraction).toBe(0.75);
    expect(s.totalMs).toBe(60_000);
    expect(s.elapsedMs).toBe(15_000);
  });

  it('does not divide by zero for an empty window', () => {
    expect(Number.isFinite(ringState(5, 5, 5).fraction)).toBe(true);
  });
});

describe('ringDashOffset', () => {
  it('maps the remaining share to a pathLength=100 offset', () => {
    expect(ringDashOffset(1)).toBe(0);
    expect(ringDashOffset(0)).toBe(100);
    expect(ringDashOffset(0.25)).toBe(75);
    expect(ringDashOffset(2)).toBe(0);
    expect(ringDashOffset(-1)).toBe(100);
  });
});
