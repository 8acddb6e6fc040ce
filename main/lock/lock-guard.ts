// ONE wrapper around every API handler (IPC and web bridge share the handlers, so it holds for both):
// while the app is locked, only the calls listed here run; everything else — above all anything that
// returns codes or secrets — fails with LOCKED. Deny by default: a method added to the contract later
// is refused while locked until someone decides it is harmless and lists it.
//
// While unlocked, the calls that reveal secrets (secret-revealing.ts) also need the lock password to
// have been entered recently (LockState.checkSecretAccess → REAUTH_REQUIRED); the UI asks for it and
// calls lock.confirm, then retries.
import type { ApiHandlers, Namespace } from '../../shared/api/contract';
import { AppError } from '../../shared/api/errors';
import { SECRET_REVEALING_METHODS } from '../../shared/api/secret-revealing';

/** What may run while locked: what the unlock screen needs, and nothing that reveals a code or secret. */
export const ALLOWED_WHILE_LOCKED: ReadonlySet<string> = new Set([
  'app.info',
  'app.status',
  'lock.status',
  'lock.lock',
  'lock.unlock',
  'lock.activity',
  // Theme and the like for the unlock screen; settings hold no secret (the lock verifier is not part of them).
  'settings.get',
]);

/** Calls the UI makes on its own (timers, events), which say nothing about the user being there. */
export const PASSIVE_CALLS: ReadonlySet<string> = new Set([
  'app.info',
  'app.status',
  'lock.status',
  'settings.get',
  'backup.status',
  'accounts.list',
  'codes.list',
  'router.status',
  'router.sessions',
  'router.authLog',
  'tester.results',
  'tester.listProfiles',
  'keys.list',
]);

export interface LockState {
  isLocked(): boolean;
  noteActivity(): void;
  /** Throws REAUTH_REQUIRED when a secret-revealing call needs the lock password again. */
  checkSecretAccess(): Promise<void>;
}

export function lockedError(): AppError {
  return new AppError('LOCKED', 'Authbahn is locked: unlock it with the lock password');
}

export function guardHandlers(handlers: ApiHandlers, lock: LockState): ApiHandlers {
  const guarded: Record<string, Record<string, (...args: unknown[]) => Promise<unknown>>> = {};
  for (const ns of Object.keys(handlers) as Namespace[]) {
    const group = handlers[ns] as Record<string, (...args: unknown[]) => Promise<unknown>>;
    guarded[ns] = {};
    for (const [name, handler] of Object.entries(group)) {
      const key = `${ns}.${name}`;
      const allowed = ALLOWED_WHILE_LOCKED.has(key);
      const passive = PASSIVE_CALLS.has(key);
      const reveals = SECRET_REVEALING_METHODS.has(key);
      guarded[ns][name] = async (...args: unknown[]) => {
        if (!allowed && lock.isLocked()) throw lockedError();
        if (reveals) await lock.checkSecretAccess();
        if (!passive) lock.noteActivity();
        const result = await handler(...args);
        // A call that began before the lock must not hand its codes to a UI that is now locked.
        if (!allowed && lock.isLocked()) throw lockedError();
        return result;
      };
    }
  }
  return guarded as unknown as ApiHandlers;
}
