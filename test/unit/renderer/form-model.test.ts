import { describe, expect, it } from 'vitest';
import type { AccountView } from '../../../shared/api/types';
import {
  EMPTY_FORM,
  formFromAccount,
  isEmptyPatch,
  parseInteger,
  parseTags,
  toAccountInput,
  toAccountPatch,
  withType,
} from '../../../renderer/features/add-account/form-model';

const account: AccountView = {
  id: 'acc1',
  type: 'totp',
  issuer: 'GitHub',
  label: 'alice',
  algorithm: 'SHA1',
  digits: 6,
  period: 30,
  counter: 0,
  tags: ['work'],
  order: 0,
  secretBits: 160,
  createdAt: '2025-01-01T00:00:00.000Z',
  updatedAt: '2025-01-01T00:00:00.000Z',
};

describe('parseInteger', () => {
  it('accepts plain integers only', () => {
    expect(parseInteger('30')).toBe(30);
    expect(parseInteger(' 8 ')).toBe(8);
    expect(parseInteger('0')).toBe(0);
    expect(parseInteger('-1')).toBe(-1);
    expect(parseInteger('')).toBeNaN();
    expect(parseInteger('1.5')).toBeNaN();
    expect(parseInteger('30s')).toBeNaN();
    expect(parseInteger('1e3')).toBeNaN();
  });
});

describe('parseTags', () => {
  it('splits on commas, trims, drops empties and case-insensitive duplicates', () => {
    expect(parseTags('work, prod ,  ,Prod,ops')).toEqual(['work', 'prod', 'ops']);
    expect(parseTags('')).toEqual([]);
  });
});

describe('toAccountInput', () => {
  it('converts the typed strings', () => {
    const input = toAccountInput({ ...EMPTY_FORM, issuer: ' GitHub ', label: 'alice ', secret: ' jbsw y3dp ', tags: 'a, b' });
    expect(input).toEqual({
      type: 'totp',
      issuer: 'GitHub',
      label: 'alice',
      secret: 'jbsw y3dp',
      algorithm: 'SHA1',
      digits: 6,
      period: 30,
      counter: 0,
      tags: ['a', 'b'],
    });
  });

  it('only sends a counter for HOTP', () => {
    expect(toAccountInput({ ...EMPTY_FORM, counter: '7' }).counter).toBe(0);
    expect(toAccountInput({ ...EMPTY_FORM, type: 'hotp', counter: '7' }).counter).toBe(7);
  });

  it('turns unparseable numbers into NaN for validation to reject', () => {
    expect(toAccountInput({ ...EMPTY_FORM, period: '' }).period).toBeNaN();
  });
});

describe('withType', () => {
  it('fixes Steam parameters and restores 6 digits when leaving Steam', () => {
    const steam = withType({ ...EMPTY_FORM, digits: '8', algorithm: 'SHA256', period: '60' }, 'steam');
    expect(steam).toMatchObject({ type: 'steam', digits: '5', algorithm: 'SHA1', period: '30' });
    expect(withType(steam, 'totp')).toMatchObject({ type: 'totp', digits: '6' });
  });

  it('keeps other fields when switching between TOTP and HOTP', () => {
    const f = withType({ ...EMPTY_FORM, digits: '8', issuer: 'X' }, 'hotp');
    expect(f).toMatchObject({ type: 'hotp', digits: '8', issuer: 'X' });
  });
});

describe('toAccountPatch', () => {
  it('is empty when nothing changed (and the secret was left empty)', () => {
    const patch = toAccountPatch(account, formFromAccount(account));
    expect(patch).toEqual({});
    expect(isEmptyPatch(patch)).toBe(true);
  });

  it('contains only changed fields', () => {
    const values = { ...formFromAccount(account), label: 'alice@work', tags: 'work, prod' };
    expect(toAccountPatch(account, values)).toEqual({ label: 'alice@work', tags: ['work', 'prod'] });
  });

  it('includes a new secret and changed parameters', () => {
    const values = { ...formFromAccount(account), secret: 'GEZDGNBVGY3TQOJQ', digits: '8', algorithm: 'SHA256' as const };
    expect(toAccountPatch(account, values)).toEqual({ secret: 'GEZDGNBVGY3TQOJQ', digits: 8, algorithm: 'SHA256' });
  });

  it('sends the counter only for HOTP accounts', () => {
    const hotp = { ...account, type: 'hotp' as const, counter: 3 };
    expect(toAccountPatch(hotp, { ...formFromAccount(hotp), counter: '10' })).toEqual({ counter: 10 });
  });

  it('notices removed tags', () => {
    expect(toAccountPatch(account, { ...formFromAccount(account), tags: '' })).toEqual({ tags: [] });
  });
});
