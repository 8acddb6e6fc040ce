// Keeps secrets that were read once in memory. The UI polls the code list every second; without the
// cache every poll would be a keychain round trip per account (and on macOS possibly a prompt).
import { AppError } from '../../shared/api/errors';
import type { SecretStore } from './secret-store';

export class CachingSecretStore implements SecretStore {
  private readonly cache = new Map<string, string>();

  constructor(private readonly inner: SecretStore) {}

  get backend(): string {
    return this.inner.backend;
  }

  async get(key: string): Promise<string | null> {
    const cached = this.cache.get(key);
    if (cached !== undefined) return cached;
    const value = await this.inner.get(key);
    // Absent items are not cached: another process (the CLI next to the app) may create them later.
    if (value !== null) this.cache.set(key, value);
    return value;
  }

  async set(key: string, secret: string): Promise<void> {
    // Forget first: if the write fails half-way the next read must ask the keychain, not trust the cache.
    this.cache.delete(key);
    await this.inner.set(key, secret);
    this.cache.set(key, secret);
  }

  async delete(key: string): Promise<boolean> {
    this.cache.delete(key);
    return this.inner.delete(key);
  }

  async list(): Promise<string[]> {
    if (!this.inner.list) throw new AppError('KEYCHAIN_ERROR', `The ${this.inner.backend} store cannot list its items`);
    return this.inner.list();
  }

  /** Drops every cached secret (on shutdown, so they do not linger in the heap longer than needed). */
  clear(): void {
    this.cache.clear();
  }
}
