// The current section's name as the page's h1. Visually hidden: the section links in the header already
// show where you are, but screen reader users navigate by headings and need one level-1 heading per page.
import { SECTIONS } from './sections';
import { useSection } from './useSection';

export function SectionHeading() {
  const current = useSection();
  const label = SECTIONS.find((s) => s.key === current)?.label ?? 'Authbahn';
  return <h1 className="visually-hidden">{label}</h1>;
}
