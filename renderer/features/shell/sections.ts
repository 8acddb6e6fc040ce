// The app's top-level sections. The current one lives in the URL fragment (#section=router), so the
// browser's back button and a reload keep it, and links/tests can open a section directly. The web
// bridge's #token=… is taken out of the fragment before the UI renders, so the two never collide.
export const SECTIONS = [
  { key: 'authenticator', label: 'Authenticator' },
  { key: 'router', label: 'Router' },
  { key: 'tester', label: 'Tester' },
  { key: 'settings', label: 'Settings' },
] as const;

export type SectionKey = (typeof SECTIONS)[number]['key'];

export const DEFAULT_SECTION: SectionKey = 'authenticator';

export function sectionFromHash(hash: string): SectionKey {
  const value = new URLSearchParams(hash.replace(/^#/, '')).get('section');
  return SECTIONS.find((s) => s.key === value)?.key ?? DEFAULT_SECTION;
}

export function hashForSection(key: SectionKey): string {
  return key === DEFAULT_SECTION ? '#' : `#section=${key}`;
}
