import { describe, expect, it } from 'vitest';
import { DEFAULT_SECTION, hashForSection, SECTIONS, sectionFromHash } from '../../../renderer/features/shell/sections';

describe('sections in the URL fragment', () => {
  it('round-trips every section through its hash', () => {
    for (const s of SECTIONS) expect(sectionFromHash(hashForSection(s.key))).toBe(s.key);
  });

  it('falls back to the authenticator for no, unknown or hostile values', () => {
    for (const hash of ['', '#', '#section=', '#section=__proto__', '#section=constructor', '#foo=router', '#section=ROUTER']) {
      expect(sectionFromHash(hash)).toBe(DEFAULT_SECTION);
    }
  });

  it('reads the section next to other fragment parameters', () => {
    expect(sectionFromHash('#a=1&section=tester')).toBe('tester');
  });
});
