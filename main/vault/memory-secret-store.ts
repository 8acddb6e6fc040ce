// In-memory SecretStore for unit tests. Never used by the app: the composition root only builds one
// when a test passes it explicitly as `secretStore`.
import type { SecretStore } from './secret-store';

export class MemorySecretStore implements SecretStore {
  readonly backend: string;
  private readonly items = new Map<string, string>();

  constructor(backend = 'memory (tests)') {
    this.backend = backend;
  }

  async get(key: string): Promise<string | null> {
    return this.items.get(key) ?? null;
  }

  async set(key: string, secret: string): Promise<void> {
    this.items.set(key, secret);
  }

  async delete(key: string): Promise<boolean> {
    return this.items.delete(key);
  }

  async list(): Promise<string[]> {
    return [...this.items.keys()];
  }

  /** Test helper: the keys currently stored. */
  keys(): string[] {
    return [...this.items.keys()];
  }
}
