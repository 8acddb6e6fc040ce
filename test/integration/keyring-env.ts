// Guards for integration tests that need the real Secret Service from test/support/with-keyring.sh.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

export function requireKeyringSession(): string {
  const service = process.env.AUTHBAHN_KEYCHAIN_SERVICE;
  if (!process.env.DBUS_SESSION_BUS_ADDRESS || !service || !process.env.AUTHBAHN_IN_KEYRING_SESSION) {
    throw new Error(
      'These tests need the private test keyring: run them as `bash test/support/with-keyring.sh npx vitest run --project integration …`',
    );
  }
  return service;
}

/** Looks an item up with libsecret's own tool, independently of @napi-rs/keyring. */
export async function secretToolLookup(service: string, username: string): Promise<string | null> {
  try {
    const { stdout } = await run('secret-tool', ['lookup', 'service', service, 'username', username]);
    return stdout;
  } catch (error) {
    // secret-tool exits 1 with no output when nothing matches.
    if ((error as { code?: unknown }).code === 1) return null;
    throw error;
  }
}
