// Which API calls reveal an account secret. With an app lock, these need the lock password again
// within the last few minutes (main/lock/lock-service.ts checkSecretAccess, enforced by
// main/lock/lock-guard.ts for IPC and the web bridge alike; the UI asks for the password and retries):
// an unlocked but unattended window — or a browser session someone else got hold of — must not be
// enough to carry every secret away.
//
// (router.getConfig returns router.json as written, which holds plaintext router secrets only if the
// user chose not to use keychain references; add it here if the re-auth should cover it too.)
export const SECRET_REVEALING_METHODS: ReadonlySet<string> = new Set([
  // "Show QR": the otpauth URI and its QR code.
  'accounts.qr',
  // Exports: every secret at once (URIs, Google Authenticator QR codes, an Aegis vault — plain or not:
  // an encrypted vault's password is chosen by whoever asks, so it protects nothing against them).
  'accounts.exportUris',
  'accounts.exportMigration',
  'accounts.exportAegis',
]);

export function revealsSecrets(ns: string, method: string): boolean {
  return SECRET_REVEALING_METHODS.has(`${ns}.${method}`);
}
