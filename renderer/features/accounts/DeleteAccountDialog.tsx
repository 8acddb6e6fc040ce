import type { AccountView } from '../../../shared/api/types';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { useToast } from '../../components/Toast';
import { useApi } from '../api/ApiContext';
import { accountName } from './names';

export function DeleteAccountDialog({ account, onClose }: { account: AccountView; onClose: () => void }) {
  const api = useApi();
  const toast = useToast();
  const name = accountName(account);
  return (
    <ConfirmDialog
      title="Delete account"
      message={
        <p>
          Delete <strong>{name}</strong>? Its secret is removed from the keychain. This cannot be undone.
        </p>
      }
      confirmLabel="Delete"
      confirmTestId="confirm-delete"
      onClose={onClose}
      onConfirm={async () => {
        const result = await api.accounts.remove(account.id);
        if (!result.ok) return result.error.message;
        toast.show(`Deleted ${name}`, 'success');
        onClose();
        return null;
      }}
    />
  );
}
