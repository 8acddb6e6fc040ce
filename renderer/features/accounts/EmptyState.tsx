import { Button } from '../../components/Button';
import { Icon, type IconName } from '../../components/Icon';
import type { AddMethod } from '../add-account/add-methods';

/** Every way to add an account, each opening the Add dialog on its tab — a new user sees them all at once. */
const WAYS: { method: AddMethod; icon: IconName; title: string; text: string }[] = [
  {
    method: 'qr',
    icon: 'qr',
    title: 'Scan a QR code',
    text: 'From a screenshot or photo of the QR code a service shows when you turn on two-factor sign-in: drop, paste or pick the image.',
  },
  {
    method: 'uri',
    icon: 'copy',
    title: 'Paste a link',
    text: 'An otpauth:// link, or the otpauth-migration:// text of a Google Authenticator export.',
  },
  {
    method: 'file',
    icon: 'download',
    title: 'Import from another app',
    text: 'An export from Aegis, 2FAS, andOTP, Bitwarden, Ente Auth, FreeOTP, Proton and more, or an Authbahn backup.',
  },
  {
    method: 'manual',
    icon: 'key',
    title: 'Enter the secret',
    text: 'Type the setup key from the service’s two-factor page (“can’t scan the code?”).',
  },
];

export function EmptyState({ onAdd, canAdd }: { onAdd: (method: AddMethod) => void; canAdd: boolean }) {
  return (
    <section className="empty-state" data-testid="empty-state" aria-labelledby="empty-state-title">
      <div className="empty-icon">
        <Icon name="shield" size={40} />
      </div>
      <h2 id="empty-state-title">No accounts yet</h2>
      <p>Add your first account in any of these ways. Secrets are stored in your system keychain.</p>
      <ul className="add-ways" aria-label="Ways to add an account">
        {WAYS.map((way) => (
          <li key={way.method}>
            <button type="button" className="add-way" disabled={!canAdd} data-testid={`empty-add-${way.method}`} onClick={() => onAdd(way.method)}>
              <span className="add-way-icon" aria-hidden="true">
                <Icon name={way.icon} size={20} />
              </span>
              <span className="add-way-text">
                <span className="add-way-title">{way.title}</span>
                <span className="add-way-help">{way.text}</span>
              </span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function NoMatches({ query, tag, onClear }: { query: string; tag?: string | null; onClear: () => void }) {
  return (
    <div className="empty-state empty-state-compact" data-testid="no-matches">
      <h2>{tag ? `No accounts tagged “${tag}” match “${query}”` : `No accounts match “${query}”`}</h2>
      <p>Search looks at issuers, labels and tags.</p>
      <Button onClick={onClear}>Clear search</Button>
    </div>
  );
}
