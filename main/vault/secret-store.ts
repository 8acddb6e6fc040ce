// Where OTP secrets live. The production implementation is the OS keychain; the interface exists so
// services take their store as a constructor argument (unit tests pass an in-memory one).
export interface SecretStore {
  /** The stored secret, or null when there is no item under this key. */
  get(key: string): Promise<string | null>;
  /** Creates or replaces the item. */
  set(key: string, secret: string): Promise<void>;
  /** True when an item was deleted, false when there was none. */
  delete(key: string): Promise<boolean>;
  /**
   * Every key stored under this store's keychain service (start-up reconciliation looks for secrets no
   * account references). Optional: a store that cannot enumerate its items leaves it out.
   */
  list?(): Promise<string[]>;
  /** Human-readable name of the backend, shown in the status ("Secret Service", "macOS Keychain", …). */
  readonly backend: string;
}

/** Keychain item name of an account's secret. */
export const accountSecretKey = (accountId: string): string => `account:${accountId}`;
