// SecretStore over the OS keychain (@napi-rs/keyring): macOS Keychain, Windows Credential Manager,
// and on Linux the Secret Service (gnome-keyring, KeePassXC, KWallet via its Secret Service bridge).
import { createRequire } from 'node:module';
import type { AsyncEntry as Entry, EntryOptions } from '@napi-rs/keyring';
import { AppError } from '../../shared/api/errors';
import { describeNativeError, keychainBackendName } from './keychain-errors';
import type { SecretStore } from './secret-store';

// Required, not imported: the package is CommonJS, and an ESM import makes Node first scan its 29 kB
// loader for named exports, a cost every `authbahn code ACCOUNT` paid before its first keychain call.
const { AsyncEntry, findCredentialsAsync } = createRequire(import.meta.url)('@napi-rs/keyring') as typeof import('@napi-rs/keyring');

export interface KeyringSecretStoreOptions {
  /** Keychain "service" every item is filed under (the composition root passes AUTHBAHN_KEYCHAIN_SERVICE or 'Authbahn'). */
  service: string;
  platform?: NodeJS.Platform | string;
}

export class KeyringSecretStore implements SecretStore {
  readonly backend: string;
  private readonly service: string;
  private readonly entryOptions: EntryOptions | undefined;

  constructor(options: KeyringSecretStoreOptions) {
    const platform = options.platform ?? process.platform;
    if (!options.service) throw new AppError('INVALID_ARGUMENT', 'The keychain service name must not be empty');
    this.service = options.service;
    this.backend = keychainBackendName(platform);
    // On Linux the library would otherwise fall back to the kernel keyring (keyutils), which forgets
    // everything at logout: an authenticator must never silently store its secrets there.
    this.entryOptions = platform === 'linux' ? { linux: { store: 'secret-service' } } : undefined;
  }

  async get(key: string): Promise<string | null> {
    return this.run('read', key, (entry) => entry.getPassword());
  }

  async set(key: string, secret: string): Promise<void> {
    await this.run('write', key, (entry) => entry.setPassword(secret), secret);
  }

  async delete(key: string): Promise<boolean> {
    return this.run('delete', key, (entry) => entry.deleteCredential());
  }

  /**
   * Keys of every item filed under our service. findCredentials also returns the passwords; they are
   * dropped here and never leave this method.
   */
  async list(): Promise<string[]> {
    try {
      const found = await findCredentialsAsync(this.service);
      return found.map((c) => c.account);
    } catch (error) {
      const cause = describeNativeError(error);
      throw new AppError('KEYCHAIN_ERROR', `Could not list the keychain items of service "${this.service}" (${this.backend}): ${cause}`, {
        backend: this.backend,
        cause,
      });
    }
  }

  private async run<T>(verb: string, key: string, op: (entry: Entry) => Promise<T>, secret?: string): Promise<T> {
    try {
      // The constructor already talks to the platform (opens the D-Bus connection on Linux) and throws
      // synchronously when it fails, so it belongs inside the try.
      const entry = new AsyncEntry(this.service, key, this.entryOptions);
      return await op(entry);
    } catch (error) {
      const cause = describeNativeError(error, secret);
      throw new AppError('KEYCHAIN_ERROR', `Could not ${verb} the keychain item "${key}" (${this.backend}, service "${this.service}"): ${cause}`, {
        backend: this.backend,
        key,
        cause,
      });
    }
  }
}
