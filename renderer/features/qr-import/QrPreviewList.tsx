// What a scan found: the accounts with a tick each (existing ones marked and unticked), the Google
// Authenticator export parts still missing, codes that are not authenticator codes, and problems.
import type { QrPreviewAccount, QrScanPreview } from '../../../shared/api/qr-contract';
import { Icon } from '../../components/Icon';
import { parametersText, ShortSecretWarning, TYPE_LABEL } from '../accounts/AccountFacts';
import { accountName } from '../accounts/names';
import type { LocalProblem } from './useQrScan';

export interface QrPreviewListProps {
  preview: QrScanPreview | null;
  problems: LocalProblem[];
  selected: ReadonlySet<string>;
  onToggle: (key: string, on: boolean) => void;
  onSetAll: (on: boolean) => void;
}

export function QrPreviewList({ preview, problems, selected, onToggle, onSetAll }: QrPreviewListProps) {
  const accounts = preview?.accounts ?? [];
  const errors = [...problems, ...(preview?.errors ?? [])];
  const images = preview?.sources.length ?? 0;
  const allTicked = accounts.length > 0 && accounts.every((a) => selected.has(a.key));
  const failed = new Set(errors.map((e) => e.source));
  const empty = (preview?.sources ?? []).filter((s) => s.codes === 0 && !failed.has(s.name));

  return (
    <div className="qr-results">
      {preview && (
        <div className="preview" data-testid="qr-preview">
          <p className="preview-heading" role="status">
            {accounts.length === 0
              ? `No authenticator codes found in ${plural(images, 'image')}`
              : `Found ${plural(accounts.length, 'account')} in ${plural(images, 'image')}`}
          </p>
          {accounts.length > 0 && (
            <table className="preview-table qr-table">
              <thead>
                <tr>
                  <th scope="col" className="qr-check">
                    <input
                      type="checkbox"
                      checked={allTicked}
                      aria-label="Select all accounts"
                      data-testid="qr-select-all"
                      onChange={(e) => onSetAll(e.currentTarget.checked)}
                    />
                  </th>
                  <th scope="col">Account</th>
                  <th scope="col">Type</th>
                  <th scope="col">Parameters</th>
                  <th scope="col">Found in</th>
                </tr>
              </thead>
              <tbody>
                {accounts.map((a) => (
                  <AccountRow key={a.key} account={a} checked={selected.has(a.key)} onToggle={onToggle} />
                ))}
              </tbody>
            </table>
          )}
          <MigrationNotes preview={preview} />
          {empty.length > 0 && (
            <ul className="qr-migration">
              {empty.map((s, i) => (
                <li key={i} className="preview-note" data-testid="qr-no-code">
                  <Icon name="info" size={12} /> No QR code found in {s.name}. A larger or sharper screenshot of the code may help.
                </li>
              ))}
            </ul>
          )}
          {preview.skipped.length > 0 && (
            <ul className="preview-skipped" data-testid="qr-skipped">
              {preview.skipped.map((s, i) => (
                <li key={i}>
                  <Icon name="warning" size={12} /> Cannot import <strong>{accountName(s)}</strong>: {s.reason}
                </li>
              ))}
            </ul>
          )}
          {preview.others.length > 0 && (
            <div className="qr-others">
              <p className="preview-heading">Other QR codes (not authenticator accounts, not imported)</p>
              <ul>
                {preview.others.map((o, i) => (
                  <li key={i} data-testid="qr-other">
                    <span className="mono qr-other-text">{o.text}</span> <span className="qr-source">in {o.source}</span>
                  </li>
                ))}
              </ul>
            </div>
          )}
        </div>
      )}
      {errors.length > 0 && (
        <ul className="qr-errors" role="alert">
          {errors.map((e, i) => (
            <li key={i} data-testid="qr-scan-error">
              <Icon name="alert" size={12} /> <strong>{e.source}</strong>: {e.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function AccountRow({ account: a, checked, onToggle }: { account: QrPreviewAccount; checked: boolean; onToggle: (key: string, on: boolean) => void }) {
  const name = accountName(a);
  return (
    <tr data-testid="qr-account" data-duplicate={a.duplicateOf ? 'true' : undefined} className={a.duplicateOf ? 'qr-duplicate' : undefined}>
      <td className="qr-check">
        <input type="checkbox" checked={checked} aria-label={`Import ${name}`} data-testid="qr-account-checkbox" onChange={(e) => onToggle(a.key, e.currentTarget.checked)} />
      </td>
      <td>
        <strong>{name}</strong>
        {a.duplicateOf && (
          <span className="qr-badge" data-testid="qr-duplicate">
            Already in your list
          </span>
        )}
        <ShortSecretWarning bits={a.secretBits} />
      </td>
      <td>{TYPE_LABEL[a.type]}</td>
      <td className="mono">{parametersText(a)}</td>
      <td className="qr-source">
        {a.source}
        {a.batch && a.batch.size > 1 && ` (export QR ${a.batch.index + 1}/${a.batch.size})`}
      </td>
    </tr>
  );
}

function MigrationNotes({ preview }: { preview: QrScanPreview }) {
  if (preview.migration.length === 0) return null;
  return (
    <ul className="qr-migration" data-testid="qr-migration">
      {preview.migration.map((b) =>
        b.missing.length === 0 ? (
          <li key={b.id} className="qr-migration-complete">
            <Icon name="check" size={12} /> Google Authenticator export {b.id}: {b.size === 1 ? 'complete' : `all ${b.size} QR codes scanned`}
          </li>
        ) : (
          <li key={b.id} className="qr-migration-missing" data-testid="qr-migration-missing">
            <Icon name="warning" size={12} /> Google Authenticator export {b.id}: QR code{b.missing.length === 1 ? '' : 's'}{' '}
            {b.missing.join(', ')} of {b.size} not scanned yet. Add {b.missing.length === 1 ? 'that screenshot' : 'those screenshots'} to import
            the accounts in {b.missing.length === 1 ? 'it' : 'them'} too.
          </li>
        ),
      )}
    </ul>
  );
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
