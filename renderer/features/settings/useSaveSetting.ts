// Saves one settings change and reports a failure in a toast (the field keeps showing the saved value).
import { useCallback } from 'react';
import type { SettingsPatch } from '../../../shared/api/settings-contract';
import { useToast } from '../../components/Toast';
import { useAppState } from './AppStateContext';

export function useSaveSetting() {
  const { updateSettings } = useAppState();
  const toast = useToast();
  return useCallback(
    async (patch: SettingsPatch, done?: string): Promise<boolean> => {
      const result = await updateSettings(patch);
      if (!result.ok) toast.show(result.error.message, 'error');
      else if (done) toast.show(done, 'success');
      return result.ok;
    },
    [toast, updateSettings],
  );
}
