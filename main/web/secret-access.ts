// The web bridge's hook before secret-revealing calls. The decision itself belongs to the app lock
// (lock-service.ts checkSecretAccess), which lock-guard.ts already applies to every handler for IPC and
// the bridge alike; the bridge asks the same check up front so a refused call never reaches dispatch.
import { toAppErrorData, type AppErrorData } from '../../shared/api/errors';
import { err, ok, type Result } from '../../shared/api/result';
import { revealsSecrets, SECRET_REVEALING_METHODS } from '../../shared/api/secret-revealing';

export { revealsSecrets, SECRET_REVEALING_METHODS };

/** Asked before a secret-revealing call; an error Result is sent back instead of running the call. */
export type SecretAccessCheck = (call: { ns: string; method: string; peer: string }) => Promise<Result<void, AppErrorData>> | Result<void, AppErrorData>;

/** No app lock: a signed-in browser session may reveal secrets, as the desktop window may. */
export const allowSecretAccess: SecretAccessCheck = () => ok(undefined);

/** The app lock's re-auth rule (REAUTH_REQUIRED without a recent lock password), as a bridge hook. */
export function lockSecretAccess(lock: { checkSecretAccess(): Promise<void> }): SecretAccessCheck {
  return async () => {
    try {
      await lock.checkSecretAccess();
      return ok(undefined);
    } catch (error) {
      return err(toAppErrorData(error));
    }
  };
}
