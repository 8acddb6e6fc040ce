import type { Ref } from 'react';
import { Button } from '../../components/Button';
import { SearchBox } from '../accounts/SearchBox';

export interface AppHeaderProps {
  query: string;
  onQuery: (q: string) => void;
  searchRef: Ref<HTMLInputElement>;
  accountCount: number;
  canAdd: boolean;
  onAdd: () => void;
  onExport: () => void;
}

export function AppHeader({ query, onQuery, searchRef, accountCount, canAdd, onAdd, onExport }: AppHeaderProps) {
  return (
    <header className="app-header">
      <div className="brand">
        <svg className="brand-mark" width="22" height="22" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
          <path d="M12 2.5 4 5.7v5.8c0 4.9 3.4 8.9 8 10 4.6-1.1 8-5.1 8-10V5.7l-8-3.2Z" className="brand-shield" />
          <path d="M8.2 12.2h7.6M12 8.4v7.6" className="brand-cross" />
        </svg>
        <span className="brand-name">Authbahn</span>
      </div>
      <SearchBox ref={searchRef} value={query} onChange={onQuery} />
      <div className="header-actions">
        <Button icon="export" onClick={onExport} disabled={accountCount === 0} testId="export-button">
          Export
        </Button>
        <Button variant="primary" icon="plus" onClick={onAdd} disabled={!canAdd} testId="add-account-button">
          Add account
        </Button>
      </div>
    </header>
  );
}
