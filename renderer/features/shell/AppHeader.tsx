// The authenticator's header: section links and the list-wide actions. The search box is not here but
// right above the list it filters, so Tab from it reaches the results next (not Export, Add and banners).
import { Button } from '../../components/Button';
import { SectionNav } from './SectionNav';

export interface AppHeaderProps {
  accountCount: number;
  canAdd: boolean;
  onAdd: () => void;
  onExport: () => void;
}

export function AppHeader({ accountCount, canAdd, onAdd, onExport }: AppHeaderProps) {
  return (
    <header className="app-header">
      <SectionNav />
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
