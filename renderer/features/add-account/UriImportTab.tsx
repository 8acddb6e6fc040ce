import { useMemo, useState, type FormEvent } from 'react';
import type { ImportSummary } from '../../../shared/api/types';
import { Button } from '../../components/Button';
import { DialogBody, DialogFooter } from '../../components/Dialog';
import { Field } from '../../components/Field';
import { useApi } from '../api/ApiContext';
import { accountName } from '../accounts/names';
import { previewUri } from './preview';
import { UriPreview } from './UriPreview';
import { firstUri } from './uri-kind';

export interface UriImportTabProps {
  initialText: string;
  onImported: (summary: ImportSummary) => void;
  onCancel: () => void;
}

export function UriImportTab({ initialText, onImported, onCancel }: UriImportTabProps) {
  const api = useApi();
  const [text, setText] = useState(initialText);
  const [busy, setBusy] = useState(false);
  const [serverError, setServerError] = useState<string | null>(null);
  const preview = useMemo(() => previewUri(text), [text]);
  const canSubmit = preview.kind === 'accounts' && preview.accounts.length > 0;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!canSubmit || busy) return;
    setBusy(true);
    setServerError(null);
    const result = await api.accounts.importUri(firstUri(text));
    setBusy(false);
    if (!result.ok) {
      setServerError(result.error.message);
      return;
    }
    if (result.value.added.length === 0) {
      const names = result.value.duplicates.map(accountName).join(', ');
      setServerError(names ? `Already in your list: ${names}` : 'The link held no accounts.');
      return;
    }
    onImported(result.value);
  };

  return (
    <form className="dialog-form" onSubmit={submit} noValidate>
      <DialogBody>
        <Field
          label="otpauth:// or otpauth-migration:// link"
          hint="From a QR code scanner, a password manager, or Google Authenticator’s “Transfer accounts”."
        >
          <textarea
            className="mono uri-input"
            rows={4}
            value={text}
            data-testid="add-uri-input"
            data-autofocus
            autoComplete="off"
            spellCheck={false}
            placeholder="otpauth://totp/GitHub:alice?secret=…&issuer=GitHub"
            onChange={(e) => {
              setText(e.target.value);
              setServerError(null);
            }}
            onKeyDown={(e) => {
              // Ctrl/⌘+Enter submits from the multi-line box.
              if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) void submit(e);
            }}
          />
        </Field>
        <UriPreview preview={preview} />
        {serverError && (
          <p className="form-error" role="alert" data-testid="add-error">
            {serverError}
          </p>
        )}
      </DialogBody>
      <DialogFooter>
        <Button onClick={onCancel}>Cancel</Button>
        <Button type="submit" variant="primary" disabled={!canSubmit} aria-busy={busy} testId="add-uri-submit">
          {busy ? 'Importing…' : preview.kind === 'accounts' && preview.accounts.length > 1 ? `Import ${preview.accounts.length} accounts` : 'Import'}
        </Button>
      </DialogFooter>
    </form>
  );
}
