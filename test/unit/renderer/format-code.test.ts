import { describe, expect, it } from 'vitest';
import { groupCode, placeholderCode, spacedCode } from '../../../renderer/features/codes/format-code';

describe('groupCode', () => {
  it('splits 6 digits 3+3 and 8 digits 4+4', () => {
    expect(groupCode('123456')).toEqual(['123', '456']);
    expect(groupCode('12345678')).toEqual(['1234', '5678']);
  });

  it('puts the longer group first for 7 digits', () => {
    expect(groupCode('1234567')).toEqual(['1234', '567']);
  });

  it('keeps Steam codes (5 characters) whole', () => {
    expect(groupCode('5X2BQ')).toEqual(['5X2BQ']);
  });

  it('never loses or adds characters', () => {
    for (const code of ['0', '12', '123456', '1234567', '12345678', 'ABCDE']) {
      expect(groupCode(code).join('')).toBe(code);
    }
    expect(groupCode('')).toEqual([]);
  });

  it('spaces the groups for screen readers', () => {
    expect(spacedCode('287082')).toBe('287 082');
    expect(spacedCode('94287082')).toBe('9428 7082');
  });

  it('builds a placeholder of the right length, bounded', () => {
    expect(placeholderCode(6)).toBe('••••••');
    expect(placeholderCode(5)).toHaveLength(5);
    expect(placeholderCode(1000)).toHaveLength(10);
    expect(placeholderCode(-3)).toBe('');
  });
});
