import { describe, expect, it } from 'vitest';
import { DraftKeeper } from '../../../renderer/features/router/draft-keeper';

describe('DraftKeeper', () => {
  it('gives an unsaved draft back once, onto the saved text it was edited from', () => {
    const keeper = new DraftKeeper();
    keeper.keep('{"a":1}', '{"a":2}');
    expect(keeper.take('{"a":1}')).toBe('{"a":2}');
    expect(keeper.take('{"a":1}')).toBeNull();
  });

  it('drops the draft when the saved config changed meanwhile, and keeps nothing for an unchanged draft', () => {
    const keeper = new DraftKeeper();
    keeper.keep('{"a":1}', '{"a":2}');
    expect(keeper.take('{"a":3}')).toBeNull();
    keeper.keep('{"a":1}', '{"a":1}');
    expect(keeper.take('{"a":1}')).toBeNull();
  });
});
