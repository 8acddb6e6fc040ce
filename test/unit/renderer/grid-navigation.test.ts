// Where arrow keys, Home and End move focus in the roving-tab-stop grids (accounts, history, profiles).
import { describe, expect, it } from 'vitest';
import { columnIn, gridTarget, type GridNavOptions } from '../../../renderer/components/grid-navigation';

// Accounts: a TOTP row has no "next" button; an HOTP row has one; the first row's "up" is disabled.
const ROWS = [
  ['name', 'code', 'qr', 'edit', 'delete', 'down'],
  ['name', 'code', 'next', 'qr', 'edit', 'delete', 'up', 'down'],
  ['name', 'code', 'qr', 'edit', 'delete', 'up'],
];
const ACCOUNTS: GridNavOptions = { ctrl: false, homeEnd: 'rows', defaultColumn: 'code' };

describe('gridTarget', () => {
  it('moves up and down in the same column, without wrapping at the edges', () => {
    expect(gridTarget(ROWS, { row: 0, col: 1 }, 'ArrowDown', ACCOUNTS)).toEqual({ row: 1, col: 1 });
    expect(gridTarget(ROWS, { row: 1, col: 4 }, 'ArrowDown', ACCOUNTS)).toEqual({ row: 2, col: 3 }); // edit → edit
    expect(gridTarget(ROWS, { row: 0, col: 1 }, 'ArrowUp', ACCOUNTS)).toBeNull();
    expect(gridTarget(ROWS, { row: 2, col: 1 }, 'ArrowDown', ACCOUNTS)).toBeNull();
  });

  it('lands on the default column when the next row lacks the current one', () => {
    // "next" exists only in the HOTP row; "up" is missing in the first row.
    expect(gridTarget(ROWS, { row: 1, col: 2 }, 'ArrowDown', ACCOUNTS)).toEqual({ row: 2, col: 1 });
    expect(gridTarget(ROWS, { row: 1, col: 6 }, 'ArrowUp', ACCOUNTS)).toEqual({ row: 0, col: 1 });
  });

  it('moves left and right within the row and stops at its ends', () => {
    expect(gridTarget(ROWS, { row: 0, col: 1 }, 'ArrowRight', ACCOUNTS)).toEqual({ row: 0, col: 2 });
    expect(gridTarget(ROWS, { row: 0, col: 1 }, 'ArrowLeft', ACCOUNTS)).toEqual({ row: 0, col: 0 });
    expect(gridTarget(ROWS, { row: 0, col: 0 }, 'ArrowLeft', ACCOUNTS)).toBeNull();
    expect(gridTarget(ROWS, { row: 0, col: 5 }, 'ArrowRight', ACCOUNTS)).toBeNull();
  });

  it('Home/End go to the first/last row in a list of records, to the row ends in a data grid', () => {
    expect(gridTarget(ROWS, { row: 1, col: 1 }, 'End', ACCOUNTS)).toEqual({ row: 2, col: 1 });
    expect(gridTarget(ROWS, { row: 2, col: 3 }, 'Home', ACCOUNTS)).toEqual({ row: 0, col: 3 });
    const data: GridNavOptions = { ctrl: false, homeEnd: 'cells' };
    expect(gridTarget(ROWS, { row: 1, col: 3 }, 'Home', data)).toEqual({ row: 1, col: 0 });
    expect(gridTarget(ROWS, { row: 1, col: 3 }, 'End', data)).toEqual({ row: 1, col: 7 });
    expect(gridTarget(ROWS, { row: 1, col: 3 }, 'End', { ...data, ctrl: true })).toEqual({ row: 2, col: 2 }); // qr → qr
  });

  it('skips rows without items and ignores other keys', () => {
    const rows = [['a'], [], ['a']];
    expect(gridTarget(rows, { row: 0, col: 0 }, 'ArrowDown', ACCOUNTS)).toEqual({ row: 2, col: 0 });
    expect(gridTarget(rows, { row: 2, col: 0 }, 'ArrowUp', ACCOUNTS)).toEqual({ row: 0, col: 0 });
    expect(gridTarget(rows, { row: 0, col: 0 }, 'Enter', ACCOUNTS)).toBeNull();
    expect(gridTarget(rows, { row: 1, col: 0 }, 'ArrowDown', ACCOUNTS)).toBeNull();
  });
});

describe('columnIn', () => {
  it('prefers the same key, then the default column, then the nearest index', () => {
    expect(columnIn(['x', 'code', 'y'], 'y', 0, 'code')).toBe(2);
    expect(columnIn(['x', 'code', 'y'], 'z', 0, 'code')).toBe(1);
    expect(columnIn(['x', 'y'], 'z', 5)).toBe(1);
  });
});
