// Brand and the links between the app's sections; every screen's header starts with it.
import { LockButton } from '../lock/LockButton';
import { useSection } from './useSection';
import { hashForSection, SECTIONS } from './sections';

export function SectionNav() {
  const current = useSection();
  return (
    <div className="section-nav">
      <div className="brand">
        <svg className="brand-mark" width="22" height="22" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
          <path d="M12 2.5 4 5.7v5.8c0 4.9 3.4 8.9 8 10 4.6-1.1 8-5.1 8-10V5.7l-8-3.2Z" className="brand-shield" />
          <path d="M8.2 12.2h7.6M12 8.4v7.6" className="brand-cross" />
        </svg>
        <span className="brand-name">Authbahn</span>
      </div>
      <nav aria-label="Sections">
        <ul className="section-links">
          {SECTIONS.map((s) => (
            <li key={s.key}>
              <a
                href={hashForSection(s.key)}
                className="section-link"
                aria-current={s.key === current ? 'page' : undefined}
                data-testid={`section-${s.key}`}
              >
                {s.label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <LockButton />
    </div>
  );
}
