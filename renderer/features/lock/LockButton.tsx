// "Lock" in every section's header, shown once a lock password is set.
import { Button } from '../../components/Button';
import { useApi } from '../api/ApiContext';
import { useAppState } from '../settings/AppStateContext';

export function LockButton() {
  const api = useApi();
  const { lock, setLock } = useAppState();
  if (!lock?.enabled) return null;
  return (
    <Button
      icon="shield"
      size="sm"
      variant="ghost"
      testId="lock-button"
      title="Lock Authbahn now"
      onClick={() => void api.lock.lock().then((r) => r.ok && setLock(r.value))}
    >
      Lock
    </Button>
  );
}
