// Which modal is open. One at a time; each gets the account it is about.
import type { AccountView } from '../../../shared/api/types';
import { DeleteAccountDialog } from '../accounts/DeleteAccountDialog';
import { EditAccountDialog } from '../accounts/EditAccountDialog';
import { AddAccountDialog } from '../add-account/AddAccountDialog';
import { ExportDialog } from '../export/ExportDialog';
import { QrDialog } from '../qr/QrDialog';

export type DialogState =
  | { kind: 'add' }
  | { kind: 'export' }
  | { kind: 'edit'; account: AccountView }
  | { kind: 'delete'; account: AccountView }
  | { kind: 'qr'; account: AccountView };

export function OpenDialog({ dialog, accounts, onClose }: { dialog: DialogState; accounts: AccountView[]; onClose: () => void }) {
  switch (dialog.kind) {
    case 'add':
      return <AddAccountDialog onClose={onClose} />;
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
