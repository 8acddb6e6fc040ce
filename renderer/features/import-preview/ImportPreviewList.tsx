// What an import preview found, whatever the source (images, export files, pasted text): the accounts
// with a tick each (existing ones marked and unticked), same-name accounts with another secret offered
// as "replace" or "keep both", tags, the Google Authenticator export parts still missing, codes that
// are not authenticator codes, and problems.
import { useEffect, useRef } from 'react';
import type { ImportConflictAction, ImportPreview, ImportPreviewAccount } from '../../../shared/api/import-contract';
import { Icon } from '../../components/Icon';
import { parametersText, ShortSecretWarning, TYPE_LABEL } from '../accounts/AccountFacts';
import { accountName } from '../accounts/names';
import { isImportable, selectAllState, type SelectAllState } from './selection';
import type { LocalProblem } from './useImportPreview';

export interface ImportPreviewListProps {
  preview: ImportPreview | null;
  problems: LocalProblem[];
  selected: ReadonlySet<string>;
  actions: ReadonlyMap<string, ImportConflictAction>;
  onToggle: (key: string, on: boolean) => void;
  onSetAll: (on: boolean) => void;
  onAction: (key: string, action: ImportConflictAction) => void;
  /** Prefix of the test ids ("qr", "file", "uri"): one list per tab of the Add account dialog. */
  testPrefix: string;
}

export function ImportPreviewList({ preview, problems, selected, actions, onToggle, onSetAll, onAction, testPrefix: p }: ImportPreviewListProps) {
  const accounts = preview?.accounts ?? [];
  const errors = [...problems, ...(preview?.errors ?? [])];
  const ticks = selectAllState(selected, accounts);
  const failed = new Set(errors.map((e) => e.source));
  const empty = (preview?.sources ?? []).filter((s) => s.kind === 'image' && s.codes === 0 && !failed.has(s.name));
  const conflicts = accounts.filter((a) => a.conflictOf !== undefined).length;

  return (
    <div className="qr-results">
      {preview && (
        <div className="preview" data-testid={`${p}-preview`}>
          <p className="preview-heading" role="status">
            {accounts.length === 0 ? `No authenticator accounts found in ${sourcesText(preview)}` : `Found ${plural(accounts.length, 'account')} in ${sourcesText(preview)}`}
          </p>
          {conflicts > 0 && (
            <p className="preview-note import-conflict-note" data-testid={`${p}-conflict-note`}>
              <Icon name="warning" size={12} /> {conflicts === 1 ? 'One account has' : `${conflicts} accounts have`} the name of an account in your list but
              a different secret (a re-issued one?). Choose for each: replace the stored secret, or keep both.
            </p>
          )}
          {accounts.length > 0 && (
            <div className="import-table-scroll">
              <table className="preview-table qr-table">
                <thead>
                  <tr>
                    <th scope="col" className="qr-check">
                      <SelectAllBox
                        state={ticks}
                        disabled={!accounts.some(isImportable)}
                        testId={`${p}-select-all`}
                        // Mixed or none → tick every importable entry; all → untick all.
                        onSetAll={() => onSetAll(ticks !== 'all')}
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
                    <AccountRow
                      key={a.key}
                      account={a}
                      checked={selected.has(a.key)}
                      action={actions.get(a.key) ?? 'keep-both'}
                      onToggle={onToggle}
                      onAction={onAction}
                      p={p}
                    />
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <MigrationNotes preview={preview} />
          {empty.length > 0 && (
            <ul className="qr-migration">
              {empty.map((s, i) => (
                <li key={i} className="preview-note" data-testid={`${p}-no-code`}>
                  <Icon name="info" size={12} /> No QR code found in {s.name}. A larger or sharper screenshot of the code may help.
                </li>
              ))}
            </ul>
          )}
          {preview.skipped.length > 0 && (
            <ul className="preview-skipped" data-testid={`${p}-skipped`}>
              {preview.skipped.map((s, i) => (
                <li key={i}>
                  <Icon name="warning" size={12} /> Cannot import <strong>{accountName(s)}</strong>
                  {preview.sources.length > 1 && <span className="qr-source"> (in {s.source})</span>}: {s.reason}
                </li>
              ))}
            </ul>
          )}
          {preview.others.length > 0 && (
            <div className="qr-others">
              <p className="preview-heading">Other QR codes (not authenticator accounts, not imported)</p>
              <ul>
                {preview.others.map((o, i) => (
                  <li key={i} data-testid={`${p}-other`}>
                    <span className="mono qr-other-text">{o.text}</span> <span className="qr-source">in {o.source}</span>
                  </li>
                ))}
              </ul>
            </div>
          )}
        </div>
      )}
      {errors.length > 0 && (
        <div role="alert">
          <ul className="qr-errors">
            {errors.map((e, i) => (
              <li key={i} data-testid={`${p}-scan-error`}>
                <Icon name="alert" size={12} /> <strong>{e.source}</strong>: {e.message}
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}

/** "Select all": ticked, unticked or mixed. Indeterminate exists only as a DOM property (hence the ref);
 *  the browser then reports the box as "mixed" to assistive technology. */
function SelectAllBox({ state, disabled, testId, onSetAll }: { state: SelectAllState; disabled: boolean; testId: string; onSetAll: () => void }) {
  const ref = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (ref.current) ref.current.indeterminate = state === 'some';
  }, [state]);
  return (
    <input
      ref={ref}
      type="checkbox"
      checked={state === 'all'}
      disabled={disabled}
      aria-label="Select all accounts"
      data-testid={testId}
      data-state={state}
      onChange={onSetAll}
    />
  );
}

interface RowProps {
  account: ImportPreviewAccount;
  checked: boolean;
  action: ImportConflictAction;
  onToggle: (key: string, on: boolean) => void;
  onAction: (key: string, action: ImportConflictAction) => void;
  p: string;
}

function AccountRow({ account: a, checked, action, onToggle, onAction, p }: RowProps) {
  const name = accountName(a);
  return (
    <tr
      data-testid={`${p}-account`}
      data-duplicate={a.duplicateOf ? 'true' : undefined}
      data-conflict={a.conflictOf ? 'true' : undefined}
      className={a.duplicateOf ? 'qr-duplicate' : undefined}
    >
      <td className="qr-check">
        <input
          type="checkbox"
          checked={checked}
          // Already in the list: the import would skip it, so there is nothing to choose.
          disabled={!isImportable(a)}
          aria-label={`Import ${name}`}
          data-testid={`${p}-account-checkbox`}
          onChange={(e) => onToggle(a.key, e.currentTarget.checked)}
        />
      </td>
      <td className="qr-account">
        {/* A long name wraps (and the title holds it whole) rather than widening the table. */}
        <strong title={name}>{name}</strong>
        {a.duplicateOf && (
          <span className="qr-badge" data-testid={`${p}-duplicate`}>
            Already in your list
          </span>
        )}
        {a.conflictOf && (
          <span className="qr-badge import-conflict-badge" data-testid={`${p}-conflict`}>
            Same name, new secret
          </span>
        )}
        <ShortSecretWarning bits={a.secretBits} />
        {a.tags.length > 0 && (
          <span className="import-tags" data-testid={`${p}-tags`}>
            {a.tags.map((t) => (
              <span key={t} className="import-tag">
                {t}
              </span>
            ))}
          </span>
        )}
        {a.conflictOf && (
          <select
            className="import-conflict-action"
            value={action}
            disabled={!checked}
            aria-label={`What to do with ${name}`}
            data-testid={`${p}-conflict-action`}
            onChange={(e) => onAction(a.key, e.currentTarget.value as ImportConflictAction)}
          >
            <option value="replace">Replace the stored secret</option>
            <option value="keep-both">Keep both (adds “{a.label} (2)”)</option>
          </select>
        )}
      </td>
      <td className="qr-type">{TYPE_LABEL[a.type]}</td>
      <td className="mono qr-params">{parametersText(a)}</td>
      <td className="qr-source">
        {a.source}
        {a.batch && a.batch.size > 1 && ` (export QR ${a.batch.index + 1}/${a.batch.size})`}
      </td>
    </tr>
  );
}

function MigrationNotes({ preview }: { preview: ImportPreview }) {
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

/** "2 images", "aegis.json (Aegis vault)", "the pasted text", "3 files and images". */
export function sourcesText(preview: Pick<ImportPreview, 'sources'>): string {
  const sources = preview.sources;
  if (sources.length === 0) return 'nothing yet';
  if (sources.every((s) => s.kind === 'image')) return plural(sources.length, 'image');
  if (sources.length === 1) {
    const only = sources[0]!;
    if (only.kind === 'text') return 'the pasted text';
    // "Aegis vault (JSON, plain or encrypted)" → "Aegis vault": the heading needs the app, not the details.
    return only.format ? `${only.name} (${only.format.replace(/\s*\(.*\)$/, '')})` : only.name;
  }
  return `${sources.length} files and images`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
