import { Icon } from '../../components/Icon';
import { parametersText, ShortSecretWarning, TYPE_LABEL } from '../accounts/AccountFacts';
import { accountName } from '../accounts/names';
import type { UriPreview as Preview } from './preview';

export function UriPreview({ preview }: { preview: Preview }) {
  if (preview.kind === 'empty') return null;
  if (preview.kind === 'error') {
    return (
      <p className="preview preview-error" role="alert" data-testid="uri-preview-error">
        <Icon name="alert" size={14} /> {preview.message}
      </p>
    );
  }
  return (
    <div className="preview" data-testid="uri-preview">
      <p className="preview-heading">
        {preview.accounts.length === 0
          ? 'Nothing to import'
          : `Will import ${preview.accounts.length === 1 ? '1 account' : `${preview.accounts.length} accounts`}`}
        {preview.source === 'migration' && ' from a Google Authenticator export'}
        {preview.batch && ` (QR ${preview.batch.index + 1} of ${preview.batch.size} — import each one)`}
      </p>
      {preview.accounts.length > 0 && (
      <table className="preview-table">
        <thead>
          <tr>
            <th scope="col">Account</th>
            <th scope="col">Type</th>
            <th scope="col">Parameters</th>
          </tr>
        </thead>
        <tbody>
          {preview.accounts.map((a, i) => (
            <tr key={i} data-testid="uri-preview-account">
              <td>
                <strong>{accountName(a)}</strong>
                <ShortSecretWarning bits={a.secretBits} />
              </td>
              <td>{TYPE_LABEL[a.type]}</td>
              <td className="mono">{parametersText(a)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      )}
      {preview.skipped.length > 0 && (
        <ul className="preview-skipped" data-testid="uri-preview-skipped">
          {preview.skipped.map((s, i) => (
            <li key={i}>
              <Icon name="warning" size={12} /> Skipped <strong>{s.name || 'unnamed entry'}</strong>: {s.reason}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
