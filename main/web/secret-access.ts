// Which API calls reveal an account secret, and the one place that decides whether a browser session may
// make them right now. Today every signed-in session may (there is no app lock yet); when an app lock
// exists (issue 8), its re-authentication check plugs in here as a SecretAccessCheck and the web bridge
// calls it before each of these methods — nothing else needs to change.
import type { AppErrorData } from '../../shared/api/errors';
import { ok, type Result } from '../../shared/api/result';

/**
 * `ns.method` of every call whose result contains a secret: the otpauth URIs and QR codes of exports and
 * "Show QR". (router.getConfig returns router.json as written, which holds plaintext router secrets only if
 * the user chose not to use keychain references; add it here if the lock should cover it too.)
 */
export const SECRET_REVEALING_METHODS: ReadonlySet<string> = new Set(['accounts.qr', 'accounts.exportUris', 'accounts.exportMigration']);

export function revealsSecrets(ns: string, method: string): boolean {
  return SECRET_REVEALING_METHODS.has(`${ns}.${method}`);
}

/** Asked before a secret-revealing call; an error Result is sent back instead of running the call. */
export type SecretAccessCheck = (call: { ns: string; method: string; peer: string }) => Promise<Result<void, AppErrorData>> | Result<void, AppErrorData>;

/** No app lock configured: a signed-in browser session may reveal secrets, as the desktop window may. */
export const allowSecretAccess: SecretAccessCheck = () => ok(undefined);
