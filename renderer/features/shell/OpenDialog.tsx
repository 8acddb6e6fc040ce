// Which modal is open. One at a time; each gets the account it is about.
import { lazy, Suspense } from 'react';
import type { AccountView } from '../../../shared/api/types';
import type { AddMethod } from '../add-account/add-methods';
import { DeleteAccountDialog } from '../accounts/DeleteAccountDialog';
import { EditAccountDialog } from '../accounts/EditAccountDialog';

// Loaded when first opened: adding (URI and migration parsing, QR import), exporting and showing a QR
// code carry parsers and encoders the code list never needs, so they stay out of the first chunk.
const AddAccountDialog = lazy(() => import('../add-account/AddAccountDialog').then((m) => ({ default: m.AddAccountDialog })));
const ExportDialog = lazy(() => import('../export/ExportDialog').then((m) => ({ default: m.ExportDialog })));
const QrDialog = lazy(() => import('../qr/QrDialog').then((m) => ({ default: m.QrDialog })));

export type DialogState =
  | { kind: 'add'; method?: AddMethod }
  | { kind: 'export' }
  | { kind: 'edit'; account: AccountView }
  | { kind: 'delete'; account: AccountView }
  | { kind: 'qr'; account: AccountView };

export function OpenDialog(props: { dialog: DialogState; accounts: AccountView[]; onClose: () => void }) {
  // No fallback: the chunk arrives in milliseconds from loopback or the app's own files, and a flash of
  // a placeholder dialog would be more distracting than the short wait.
  return (
    <Suspense fallback={null}>
      <DialogFor {...props} />
    </Suspense>
  );
}

function DialogFor({ dialog, accounts, onClose }: { dialog: DialogState; accounts: AccountView[]; onClose: () => void }) {
  switch (dialog.kind) {
    case 'add':
      return <AddAccountDialog onClose={onClose} method={dialog.method} />;
    case 'export':
      return <ExportDialog accounts={accounts} onClose={onClose} />;
    case 'edit':
      return <EditAccountDialog account={dialog.account} onClose={onClose} />;
    case 'delete':
      return <DeleteAccountDialog account={dialog.account} onClose={onClose} />;
    case 'qr':
      return <QrDialog account={dialog.account} onClose={onClose} />;
  }
}
