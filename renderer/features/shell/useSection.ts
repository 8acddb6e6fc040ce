import { useEffect, useState } from 'react';
import { sectionFromHash, type SectionKey } from './sections';

/** The section named in location.hash, updated on hashchange (links, back/forward). */
export function useSection(): SectionKey {
  const [section, setSection] = useState<SectionKey>(() => sectionFromHash(window.location.hash));
  useEffect(() => {
    const onChange = () => setSection(sectionFromHash(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return section;
}
