// Names and messages of the OS keychain that do not need the native keyring addon: the probe, the lazy
// store of the short CLI commands and error reporting use them without loading (dlopen) @napi-rs/keyring.

export function keychainBackendName(platform: string): string {
  if (platform === 'darwin') return 'macOS Keychain';
  if (platform === 'win32') return 'Windows Credential Manager';
  return 'Secret Service';
}

/** The innermost useful message of a native keyring error, with any secret value scrubbed out. */
export function describeNativeError(error: unknown, secret?: string): string {
  const messages: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current; depth++) {
    const message = typeof current === 'object' && current !== null && 'message' in current ? String((current as { message: unknown }).message) : String(current);
    if (message && !messages.some((m) => m.includes(message))) messages.push(message);
    current = typeof current === 'object' && current !== null && 'cause' in current ? (current as { cause: unknown }).cause : undefined;
  }
  // The outermost message of @napi-rs/keyring already contains its causes ("Platform failure: DBus error: …").
  let text = messages[0] ?? 'unknown error';
  // Native messages do not include passwords today; this keeps it that way if a future version changes.
  if (secret && secret.length >= 4) text = text.split(secret).join('[redacted]');
  return text;
}
