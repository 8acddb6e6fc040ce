import { useState, type FormEvent } from 'react';
import type { AccountView } from '../../../shared/api/types';
import { Button } from '../../components/Button';
import { focusFirstInvalid } from '../../components/focusFirstInvalid';
import { DialogBody, DialogFooter } from '../../components/Dialog';
import { useApi } from '../api/ApiContext';
import { AccountFields, Warnings } from './AccountFields';
import { EMPTY_FORM, parseTags } from './form-model';
import { useAccountForm } from './useAccountForm';
import { useReportDirty } from '../../components/useReportDirty';

export interface ManualEntryTabProps {
  onAdded: (account: AccountView) => void;
  onCancel: () => void;
  onUriPasted: (uri: string) => void;
  /** Whether a field has been typed in (see useReportDirty). */
  onDirtyChange?: (dirty: boolean) => void;
}

export function ManualEntryTab({ onAdded, onCancel, onUriPasted, onDirtyChange }: ManualEntryTabProps) {
  const api = useApi();
  const form = useAccountForm(EMPTY_FORM);
  const [busy, setBusy] = useState(false);
  const [serverError, setServerError] = useState<string | null>(null);
  useReportDirty(
    (Object.keys(EMPTY_FORM) as (keyof typeof EMPTY_FORM)[]).some((key) => form.values[key] !== EMPTY_FORM[key]),
    onDirtyChange,
  );

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (busy) return;
    form.markSubmitted();
    const { value } = form.validation;
    if (!value) {
      focusFirstInvalid(event.currentTarget);
      return;
    }
    setBusy(true);
    setServerError(null);
    const result = await api.accounts.add({ ...value, tags: parseTags(form.values.tags) });
    setBusy(false);
    if (result.ok) onAdded(result.value);
    else setServerError(result.error.message);
  };

  return (
    <form className="dialog-form" onSubmit={submit} noValidate>
      <DialogBody>
        <AccountFields form={form} mode="add" onUriPasted={onUriPasted} />
        <Warnings warnings={form.validation.warnings} />
        {serverError && (
          <p className="form-error" role="alert" data-testid="add-error">
            {serverError}
          </p>
        )}
      </DialogBody>
      <DialogFooter>
        <Button onClick={onCancel}>Cancel</Button>
        <Button type="submit" variant="primary" aria-busy={busy} testId="add-manual-submit">
          {busy ? 'Adding…' : 'Add account'}
        </Button>
      </DialogFooter>
    </form>
  );
}
