// The keychain gate of the CLI's read-only commands (main/account-services.ts). KeychainGate probes the
// keychain before the first operation (write, read back, delete); a command that reads one secret and
// exits can let that read be the check instead: it fails the same way the probe does — KEYCHAIN_UNAVAILABLE
// with the probe's message, also when the keychain does not answer within the probe timeout — and on
// success it saves a round trip (on Linux each one opens its own D-Bus connection on the main thread).
// Anything else (a write, a delete, a listing, or check() itself) runs the read-only probe first.
import { AppError } from '../../shared/api/errors';
import { checkWithin, probeKeychainRead, type KeychainStatus, type ProbeOptions } from './keychain-probe';
import type { SecretStore } from './secret-store';

const NOT_CHECKED: KeychainStatus = { ok: false, error: { code: 'KEYCHAIN_UNAVAILABLE', message: 'The keychain has not been checked yet' } };

export class FirstReadGate implements SecretStore {
  private current: KeychainStatus | undefined;
  private checking: Promise<KeychainStatus> | undefined;

  constructor(
    private readonly store: SecretStore,
    private readonly options: ProbeOptions,
  ) {}

  get backend(): string {
    return this.store.backend;
  }

  /** The result of the check so far; not checked yet reads as unavailable (like KeychainGate.status). */
  status(): KeychainStatus {
    return this.current ?? NOT_CHECKED;
  }

  /** Whether the keychain has been checked (by check() or a first read). */
  checked(): boolean {
    return this.current !== undefined;
  }

  /** Checks the keychain now with the read-only probe, unless a read or a check already did. */
  check(): Promise<KeychainStatus> {
    if (this.current) return Promise.resolve(this.current);
    return (this.checking ??= probeKeychainRead(this.store, this.options).then((status) => (this.current = status)));
  }

  async get(key: string): Promise<string | null> {
    if (this.current || this.checking) {
      this.require(await this.check());
      return this.store.get(key);
    }
    let value: string | null = null;
    const reading = checkWithin(this.store, this.options, async () => {
      value = await this.store.get(key);
    }).then((status) => (this.current = status));
    this.checking = reading;
    this.require(await reading);
    return value;
  }

  async set(key: string, secret: string): Promise<void> {
    this.require(await this.check());
    await this.store.set(key, secret);
  }

  async delete(key: string): Promise<boolean> {
    this.require(await this.check());
    return this.store.delete(key);
  }

  async list(): Promise<string[]> {
    this.require(await this.check());
    if (!this.store.list) throw new AppError('KEYCHAIN_ERROR', `The ${this.backend} store cannot list its items`);
    return this.store.list();
  }

  private require(status: KeychainStatus): void {
    if (!status.ok) throw new AppError(status.error.code, status.error.message, status.error.details);
  }
}
