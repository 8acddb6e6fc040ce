// Edit names and tags; secret and OTP parameters sit under "Advanced" because changing them
// only makes sense when the service changed them too. Only changed fields are sent. Closing with
// unsaved changes (Esc, ×, Cancel) asks first, as the Tester does for its profile form.
import { useState, type FormEvent } from 'react';
import type { AccountView } from '../../../shared/api/types';
import { Button } from '../../components/Button';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { focusFirstInvalid } from '../../components/focusFirstInvalid';
import { Dialog, DialogBody, DialogFooter } from '../../components/Dialog';
import { useToast } from '../../components/Toast';
import { useApi } from '../api/ApiContext';
import { AccountFields, Warnings } from '../add-account/AccountFields';
import { formFromAccount, isEmptyPatch, toAccountPatch } from '../add-account/form-model';
import { useAccountForm } from '../add-account/useAccountForm';
import { accountName } from './names';

export function EditAccountDialog({ account, onClose }: { account: AccountView; onClose: () => void }) {
  const api = useApi();
  const toast = useToast();
  const form = useAccountForm(formFromAccount(account), true);
  const [busy, setBusy] = useState(false);
  const [serverError, setServerError] = useState<string | null>(null);
  const patch = toAccountPatch(account, form.values);
  const advancedChanged = ['type', 'algorithm', 'digits', 'period', 'counter', 'secret'].some((k) => k in patch);
  const [confirmDiscard, setConfirmDiscard] = useState(false);
  const requestClose = () => {
    if (!isEmptyPatch(patch) && !busy) setConfirmDiscard(true);
    else if (!busy) onClose();
  };

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (busy) return;
    form.markSubmitted();
    if (!form.validation.valid) {
      focusFirstInvalid(event.currentTarget);
      return;
    }
    if (isEmptyPatch(patch)) {
      onClose();
      return;
    }
    setBusy(true);
    setServerError(null);
    const result = await api.accounts.update(account.id, patch);
    setBusy(false);
    if (!result.ok) {
      setServerError(result.error.message);
      return;
    }
    toast.show(`Saved ${accountName(result.value)}`, 'success');
    onClose();
  };

  return (
    <Dialog title="Edit account" description={accountName(account)} onClose={requestClose} testId="edit-dialog" closeOnBackdrop={false}>
      <form className="dialog-form" onSubmit={submit} noValidate>
        <DialogBody>
          <AccountFields form={form} mode="edit" parts="names" />
          <details className="advanced" data-testid="edit-advanced">
            <summary>
              Advanced: secret and code parameters
              {advancedChanged && <span className="summary-badge">changed</span>}
            </summary>
            <p className="advanced-note">
              Change these only if the service changed them too — otherwise your codes will stop matching.
            </p>
            <AccountFields form={form} mode="edit" parts="params" />
          </details>
          <Warnings warnings={form.values.secret ? form.validation.warnings : []} />
          {serverError && (
            <p className="form-error" role="alert" data-testid="edit-error">
              {serverError}
            </p>
          )}
        </DialogBody>
        <DialogFooter>
          <Button onClick={requestClose}>Cancel</Button>
          <Button type="submit" variant="primary" aria-busy={busy} testId="edit-submit">
            {busy ? 'Saving…' : 'Save'}
          </Button>
        </DialogFooter>
      </form>
      {confirmDiscard && (
        <ConfirmDialog
          title="Discard unsaved changes?"
          message={
            <p>
              The changes to <strong>{accountName(account)}</strong> are not saved. Close and discard them?
            </p>
          }
          confirmLabel="Discard changes"
          confirmTestId="confirm-discard-changes"
          onConfirm={async () => {
            onClose();
            return null;
          }}
          onClose={() => setConfirmDiscard(false)}
        />
      )}
    </Dialog>
  );
}
