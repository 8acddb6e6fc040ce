// Start-up check that the keychain really works: write, read back and delete a random probe item.
// Merely constructing a keyring entry proves nothing (a locked or absent Secret Service fails only on use).
import { randomBytes } from 'node:crypto';
import { AppError, type AppErrorData } from '../../shared/api/errors';
import { describeNativeError } from './keychain-errors';
import type { SecretStore } from './secret-store';

export type KeychainStatus = { ok: true; backend: string } | { ok: false; error: AppErrorData };

export interface ProbeOptions {
  /** A locked keyring may wait for an unlock prompt forever; give up after this long. */
  timeoutMs?: number;
  platform?: string;
  env?: NodeJS.ProcessEnv;
}

export const DEFAULT_PROBE_TIMEOUT_MS = 10_000;

export async function probeKeychain(store: SecretStore, options: ProbeOptions = {}): Promise<KeychainStatus> {
  const key = `probe:${randomBytes(8).toString('hex')}`;
  const value = randomBytes(16).toString('hex');
  return checkWithin(store, options, async () => {
    let written = false;
    try {
      await store.set(key, value);
      written = true;
      const readBack = await store.get(key);
      if (readBack !== value) throw new Error('an item written to the keychain read back differently');
    } finally {
      // Runs even after a timeout once the keychain finally answers, so no probe item is left behind.
      if (written) await store.delete(key).catch(() => undefined);
    }
  });
}

/**
 * The probe of commands that only read secrets (see FirstReadGate): one lookup of a random item that
 * does not exist. It proves the keychain answers (a missing or dead Secret Service fails here, with the
 * same message and timeout as probeKeychain) in one round trip instead of three, and writes nothing: on
 * Linux every write makes gnome-keyring save its keyring file to disk.
 */
export async function probeKeychainRead(store: SecretStore, options: ProbeOptions = {}): Promise<KeychainStatus> {
  const key = `probe:${randomBytes(8).toString('hex')}`;
  return checkWithin(store, options, async () => {
    if ((await store.get(key)) !== null) throw new Error('a lookup of an item that does not exist found one');
  });
}

/**
 * Runs `attempt` (keychain operations) as a keychain check: ok when it completes, KEYCHAIN_UNAVAILABLE
 * with the probe's message when it throws or does not finish within the probe timeout.
 */
export async function checkWithin(store: SecretStore, options: ProbeOptions, attempt: () => Promise<void>): Promise<KeychainStatus> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_PROBE_TIMEOUT_MS;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), timeoutMs);
    // Never keep a CLI process alive just for this timer.
    (timer as { unref?: () => void }).unref?.();
  });
  try {
    const outcome = await Promise.race([attempt().then(() => 'ok' as const), timeout]);
    if (outcome === 'ok') return { ok: true, backend: store.backend };
    return unavailable(
      store.backend,
      `it did not answer within ${Math.round(timeoutMs / 1000)} s (a locked keyring may be waiting for an unlock prompt)`,
      options,
    );
  } catch (error) {
    return unavailable(store.backend, innerMessage(error), options);
  } finally {
    clearTimeout(timer);
  }
}

function unavailable(backend: string, reason: string, options: ProbeOptions): KeychainStatus {
  const platform = options.platform ?? process.platform;
  const env = options.env ?? process.env;
  return {
    ok: false,
    error: {
      code: 'KEYCHAIN_UNAVAILABLE',
      message: `The OS keychain (${backend}) is not usable: ${reason}. ${hint(platform, env)}`,
      details: { backend, reason },
    },
  };
}

function hint(platform: string, env: NodeJS.ProcessEnv): string {
  if (platform === 'darwin') return 'Is your login keychain unlocked? Check it in the Keychain Access app.';
  if (platform === 'win32') return 'Is Windows Credential Manager available for this user account?';
  const bus = env.DBUS_SESSION_BUS_ADDRESS ? '' : ' DBUS_SESSION_BUS_ADDRESS is not set in this environment.';
  return `No Secret Service is reachable (is gnome-keyring or KeePassXC running and unlocked? DBUS_SESSION_BUS_ADDRESS unset?).${bus}`;
}

/** KEYCHAIN_ERROR from KeyringSecretStore carries the native cause in its details; the item name means nothing to users. */
function innerMessage(error: unknown): string {
  if (error instanceof AppError && typeof error.details?.cause === 'string') return error.details.cause;
  return describeNativeError(error);
}
