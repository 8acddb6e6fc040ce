import { useState, type ReactNode } from 'react';
import { Button } from './Button';
import { Dialog, DialogBody, DialogFooter } from './Dialog';

export interface ConfirmDialogProps {
  title: string;
  message: ReactNode;
  confirmLabel: string;
  /** Resolves to an error message to show, or null when done (the caller then closes the dialog). */
  onConfirm: () => Promise<string | null>;
  onClose: () => void;
  confirmTestId?: string;
  danger?: boolean;
}

export function ConfirmDialog({ title, message, confirmLabel, onConfirm, onClose, confirmTestId, danger = true }: ConfirmDialogProps) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const confirm = async () => {
    if (busy) return;
    setBusy(true);
    setError(null);
    const failure = await onConfirm();
    setBusy(false);
    if (failure) setError(failure);
  };

  return (
    <Dialog title={title} onClose={onClose} size="sm" testId="confirm-dialog">
      <DialogBody>
        <div className="confirm-message">{message}</div>
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
      </DialogBody>
      <DialogFooter>
        <Button onClick={onClose} data-autofocus>
          Cancel
        </Button>
        <Button variant={danger ? 'danger' : 'primary'} onClick={confirm} aria-busy={busy} testId={confirmTestId}>
          {busy ? 'Working…' : confirmLabel}
        </Button>
      </DialogFooter>
    </Dialog>
  );
}
