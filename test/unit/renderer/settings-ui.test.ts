// Pure parts of the settings, lock and export UI, and the commands the UI tells people to run.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../../main/cli/commands';
import { aegisFileName } from '../../../renderer/features/export/exclusions';
import { shouldReport } from '../../../renderer/features/lock/activity-throttle';
import { newPasswordError } from '../../../renderer/features/settings/password-rules';
import { applyTheme } from '../../../renderer/features/settings/theme';

const RENDERER = resolve(import.meta.dirname, '..', '..', '..', 'renderer');
const files = (dir: string): string[] =>
  readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? files(join(dir, n)) : /\.tsx?$/.test(n) ? [join(dir, n)] : []));

describe('commands named in the UI', () => {
  // Regression (issue 8): the Export dialog told people to run `authbahn import`, which does not exist.
  it('every `authbahn COMMAND` the UI mentions is a real top-level command', () => {
    const mentioned = files(RENDERER).flatMap((f) => [...readFileSync(f, 'utf8').matchAll(/<code>authbahn ([a-z-]+)/g)].map((m) => `${m[1]} (${f})`));
    expect(mentioned.length).toBeGreaterThan(0);
    for (const m of mentioned) expect(Object.keys(COMMANDS), m).toContain(m.split(' ')[0]);
  });
});

describe('settings UI helpers', () => {
  it('new passwords: long enough and typed the same twice', () => {
    expect(newPasswordError('abc', 'abc', 4)).toBe('At least 4 characters');
    expect(newPasswordError('abcd', 'abce', 4)).toBe('The two passwords differ');
    expect(newPasswordError('abcd', 'abcd', 4)).toBeNull();
  });

  it('theme: system removes the override, light/dark set data-theme', () => {
    const root = { dataset: {} as DOMStringMap };
    applyTheme(root, 'dark');
    expect(root.dataset.theme).toBe('dark');
    applyTheme(root, 'system');
    expect(root.dataset.theme).toBeUndefined();
  });

  it('activity reports are throttled', () => {
    expect(shouldReport(0, 1000, 15_000)).toBe(true);
    expect(shouldReport(1000, 10_000, 15_000)).toBe(false);
    expect(shouldReport(1000, 16_000, 15_000)).toBe(true);
  });

  it('Aegis export file names say whether they are encrypted', () => {
    expect(aegisFileName(new Date(2025, 0, 5), true)).toBe('authbahn-aegis-backup-2025-01-05.json');
    expect(aegisFileName(new Date(2025, 0, 5), false)).toBe('authbahn-aegis-plain-2025-01-05.json');
  });
});
