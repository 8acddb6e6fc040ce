import type { Ref } from 'react';
import { Button } from '../../components/Button';
import { SearchBox } from '../accounts/SearchBox';
import { SectionNav } from './SectionNav';

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
      <SectionNav />
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
