// Puts the start-up probe result in front of the keychain: while the keychain is unusable, every
// secret operation fails fast with KEYCHAIN_UNAVAILABLE (and the probe's actionable message) instead
// of each call timing out on its own. The gate re-probes now and then, so unlocking the keyring or
// starting the Secret Service while the app runs brings the accounts back without a restart.
import { AppError } from '../../shared/api/errors';
import type { KeychainStatus } from './keychain-probe';
import type { SecretStore } from './secret-store';

export interface KeychainGateOptions {
  store: SecretStore;
  probe: () => Promise<KeychainStatus>;
  now: () => number;
  /** Minimum time between two probes while unavailable (the UI polls codes every second). */
  retryAfterMs?: number;
}

export class KeychainGate implements SecretStore {
  private current: KeychainStatus | undefined;
  private lastProbeAt = Number.NEGATIVE_INFINITY;
  private inFlight: Promise<KeychainStatus> | undefined;
  private readonly retryAfterMs: number;

  constructor(private readonly options: KeychainGateOptions) {
    this.retryAfterMs = options.retryAfterMs ?? 5_000;
  }

  get backend(): string {
    return this.options.store.backend;
  }

  /** The latest probe result; 'not probed yet' reads as unavailable. */
  status(): KeychainStatus {
    return (
      this.current ?? {
        ok: false,
        error: { code: 'KEYCHAIN_UNAVAILABLE', message: 'The keychain has not been checked yet' },
      }
    );
  }

  /** Runs the probe now (start-up), or joins one already running. */
  probe(): Promise<KeychainStatus> {
    if (!this.inFlight) {
      this.lastProbeAt = this.options.now();
      this.inFlight = this.options
        .probe()
        .then((status) => (this.current = status))
        .finally(() => (this.inFlight = undefined));
    }
    return this.inFlight;
  }

  async get(key: string): Promise<string | null> {
    await this.ensure();
    return this.options.store.get(key);
  }

  async set(key: string, secret: string): Promise<void> {
    await this.ensure();
    await this.options.store.set(key, secret);
  }

  async delete(key: string): Promise<boolean> {
    await this.ensure();
    return this.options.store.delete(key);
  }

  async list(): Promise<string[]> {
    await this.ensure();
    if (!this.options.store.list) throw new AppError('KEYCHAIN_ERROR', `The ${this.backend} store cannot list its items`);
    return this.options.store.list();
  }

  private async ensure(): Promise<void> {
    let status = this.current;
    if (!status || (!status.ok && this.options.now() - this.lastProbeAt >= this.retryAfterMs)) status = await this.probe();
    else if (this.inFlight) status = await this.inFlight;
    if (!status.ok) throw new AppError(status.error.code, status.error.message, status.error.details);
  }
}
