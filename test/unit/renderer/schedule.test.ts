import { describe, expect, it } from 'vitest';
import { BOUNDARY_SLACK_MS, msUntilNextSecond } from '../../../renderer/features/codes/schedule';

describe('msUntilNextSecond', () => {
  it('fires just after the next whole second', () => {
    expect(msUntilNextSecond(10_250)).toBe(750 + BOUNDARY_SLACK_MS);
    expect(msUntilNextSecond(10_999)).toBe(1 + BOUNDARY_SLACK_MS);
  });

  it('waits a full second when called exactly on a boundary', () => {
    expect(msUntilNextSecond(10_000)).toBe(1_000 + BOUNDARY_SLACK_MS);
  });

  it('always lands in a later second', () => {
    for (const now of [0, 1, 499, 999, 1_700_000_000_123]) {
      const fire = now + msUntilNextSecond(now, 1);
      expect(Math.floor(fire / 1000)).toBe(Math.floor(now / 1000) + 1);
    }
  });
});
