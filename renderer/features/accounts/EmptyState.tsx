import { Button } from '../../components/Button';
import { Icon } from '../../components/Icon';

export function EmptyState({ onAdd, canAdd }: { onAdd: () => void; canAdd: boolean }) {
  return (
    <div className="empty-state" data-testid="empty-state">
      <div className="empty-icon">
        <Icon name="shield" size={40} />
      </div>
      <h2>No accounts yet</h2>
      <p>
        Add an account by pasting an <code>otpauth://</code> link or a Google Authenticator export, or type in the secret
        from the service’s 2FA setup page. Secrets are stored in your system keychain.
      </p>
      <Button variant="primary" icon="plus" onClick={onAdd} disabled={!canAdd} testId="empty-add-account">
        Add your first account
      </Button>
    </div>
  );
}

export function NoMatches({ query, onClear }: { query: string; onClear: () => void }) {
  return (
    <div className="empty-state empty-state-compact" data-testid="no-matches">
      <h2>No accounts match “{query}”</h2>
      <p>Search looks at issuers, labels and tags.</p>
      <Button onClick={onClear}>Clear search</Button>
    </div>
  );
}
