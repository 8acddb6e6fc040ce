// A SecretStore that builds the real one on first use. `authbahn accounts list` reads only metadata,
// so most of its runs never touch the keychain, and loading the native keyring addon (dlopen, and on
// Linux the D-Bus connection) is a large part of such a short command.
import { AppError } from '../../shared/api/errors';
import type { SecretStore } from './secret-store';

export class LazySecretStore implements SecretStore {
  private loaded: Promise<SecretStore> | undefined;

  /** `backend` names the store before it is loaded (see keychainBackendName). */
  constructor(
    readonly backend: string,
    private readonly load: () => Promise<SecretStore>,
  ) {}

  async get(key: string): Promise<string | null> {
    return (await this.store()).get(key);
  }

  async set(key: string, secret: string): Promise<void> {
    await (await this.store()).set(key, secret);
  }

  async delete(key: string): Promise<boolean> {
    return (await this.store()).delete(key);
  }

  async list(): Promise<string[]> {
    const store = await this.store();
    if (!store.list) throw new AppError('KEYCHAIN_ERROR', `The ${this.backend} store cannot list its items`);
    return store.list();
  }

  private store(): Promise<SecretStore> {
    return (this.loaded ??= this.load());
  }
}
