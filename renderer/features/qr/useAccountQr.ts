// Loads the QR of one account while its dialog is open. The URI (which contains the secret)
// lives only in this hook's state and is dropped when the dialog closes.
import { useEffect, useState } from 'react';
import type { AppErrorData } from '../../../shared/api/errors';
import type { AccountQr } from '../../../shared/api/types';
import { useApi } from '../api/ApiContext';

export function useAccountQr(id: string): { qr: AccountQr | null; error: AppErrorData | null } {
  const api = useApi();
  const [qr, setQr] = useState<AccountQr | null>(null);
  const [error, setError] = useState<AppErrorData | null>(null);

  useEffect(() => {
    let cancelled = false;
    void api.accounts.qr(id).then((result) => {
      if (cancelled) return;
      if (result.ok) setQr(result.value);
      else setError(result.error);
    });
    return () => {
      cancelled = true;
    };
  }, [api, id]);

  return { qr, error };
}
