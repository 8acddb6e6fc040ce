// Composition root of the CLI's short read-only account commands (`authbahn code ACCOUNT`, `authbahn
// accounts list`): the same AccountsService and CodesService that services.ts builds, on the same data
// folder and keychain, and nothing else. No router, tester, settings, backup, key, QR or import code is
// loaded, so these commands start in a fraction of the time (see `npm run bench:cli`). Every command
// that changes something (add, remove, import, recover, `code --advance`, …) uses createServices.
//
// What start-up does differently from createServices, and why that is safe for a command that only reads:
// - No stale temp file scan. Temp files of interrupted writes are never read (readers open the data
//   files by name only); the next command that writes, or the app, removes them.
// - No keychain probe at start: the first secret read is the check (FirstReadGate: same message and
//   timeout as the probe when the keychain is unreachable, no probe item written), and a command that
//   needs the keychain but fails before reading a secret checks it then (withAccountServices), so an
//   unreachable keychain still decides the exit code. `accounts list` never loads the keychain addon
//   unless the orphan check needs it.
// - The orphan check (which takes the accounts lock and may write the ledger) runs only when the ledger
//   names an id that accounts.json lacks (see mayHaveOrphans), so the warning still appears whenever
//   there may be an orphan.
// - settings.json is not read: its settings (app lock, clipboard, backups) mean nothing to these commands.
import type { AppStatus } from '../shared/api/types';
import { AccountsService } from './accounts/accounts-service';
import { CodesService } from './accounts/codes-service';
import { MetadataFile } from './accounts/metadata-file';
import { mayHaveOrphans, updateOrphanWarning } from './accounts/orphan-check';
import { Warnings } from './accounts/warnings';
import { ClipboardGuard } from './clipboard/clipboard-guard';
import { EventBus } from './events';
import type { ServiceOptions } from './services';
import { CachingSecretStore } from './vault/caching-secret-store';
import { keychainBackendName } from './vault/keychain-errors';
import { FirstReadGate } from './vault/first-read-gate';
import type { KeychainStatus } from './vault/keychain-probe';
import { LazySecretStore } from './vault/lazy-secret-store';

export type AccountServiceOptions = Pick<ServiceOptions, 'dataDir' | 'keychainService' | 'secretStore' | 'now' | 'platform' | 'env' | 'probeTimeoutMs'>;

/** What the read-only commands use; createServices' Services has it too. */
export interface AccountReader {
  accounts: AccountsService;
  codes: CodesService;
}

export interface AccountServices extends AccountReader {
  /** Like Services.status(): the keychain check (not checked yet reads as unavailable) and the warnings. */
  status(): AppStatus;
  /** Checks the keychain unless a secret read already did (see FirstReadGate). */
  checkKeychain(): Promise<KeychainStatus>;
  keychainChecked(): boolean;
  /** Like Services.dataProblems(): repairs of the data folder since start (the CLI then exits 1). */
  dataProblems(): string[];
  dispose(): Promise<void>;
}

export async function createAccountServices(opts: AccountServiceOptions): Promise<AccountServices> {
  const now = opts.now ?? Date.now;
  const platform = opts.platform ?? process.platform;
  const events = new EventBus();
  const warnings = new Warnings();

  const raw =
    opts.secretStore ??
    new LazySecretStore(keychainBackendName(platform), async () => {
      const { KeyringSecretStore } = await import('./vault/keyring-secret-store');
      return new KeyringSecretStore({ service: opts.keychainService, platform });
    });
  const gate = new FirstReadGate(raw, { timeoutMs: opts.probeTimeoutMs, platform, env: opts.env });
  const secrets = new CachingSecretStore(gate);
  const metadata = new MetadataFile({ dir: opts.dataDir, now, warnings });
  const accounts = new AccountsService({ metadata, secrets, events, now });
  // The CLI prints codes and never copies them; CodesService wants a guard all the same.
  const clipboard = new ClipboardGuard({ clipboard: null, events });
  const codes = new CodesService({ metadata, secrets, clipboard, events, now, warnings });

  const loadError = await metadata.read().then(
    () => undefined,
    (error: unknown) => error,
  );
  if (loadError) {
    // As in createServices: the warning is shown, and account calls report the same error.
    warnings.add(loadError instanceof Error ? loadError.message : String(loadError));
  } else if (await mayHaveOrphans(metadata).catch(() => true)) {
    if ((await gate.check()).ok) await updateOrphanWarning(accounts, warnings);
  }

  return {
    accounts,
    codes,
    status: () => ({ keychain: gate.status(), warnings: warnings.list() }),
    checkKeychain: () => gate.check(),
    keychainChecked: () => gate.checked(),
    dataProblems: () => warnings.problems(),
    dispose: async () => {
      await clipboard.dispose();
      await metadata.idle();
      secrets.clear();
    },
  };
}
