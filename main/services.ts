// Composition root shared by the CLI, `authbahn serve` and the Electron main process: builds every
// service with plain constructors and exposes them as the handlers of the API contract.
import type { ApiHandlers } from '../shared/api/contract';
import type { AppStatus } from '../shared/api/types';
import { AccountsService } from './accounts/accounts-service';
import { CodesService } from './accounts/codes-service';
import { MetadataFile } from './accounts/metadata-file';
import { updateOrphanWarning } from './accounts/orphan-check';
import { Warnings } from './accounts/warnings';
import { ClipboardGuard, type ClipboardPort } from './clipboard/clipboard-guard';
import { EventBus } from './events';
import { BackupService } from './backup/backup-service';
import { KEYS_FILE_NAME, KeysService } from './keys/keys-service';
import { guardHandlers } from './lock/lock-guard';
import { LockService } from './lock/lock-service';
import { SettingsFile } from './settings/settings-file';
import { SettingsService } from './settings/settings-service';
import { storedAccountNames } from './tester/account-names';
import { storedAccountTotp } from './tester/account-totp';
import { HistoryFile } from './tester/history/history-file';
import { TestHistory } from './tester/history/test-history';
import { ProfilesStore } from './tester/profiles-store';
import { TesterService } from './tester/tester-service';
import { ImportPreviewService } from './import/import-preview-service';
import { QrImportService } from './qr/qr-import-service';
import type { ScreenCapturePort } from './qr/screen-capture';
import { VaultSecretResolver } from './router/auth/secret-refs';
import { RouterService } from './router-app/router-service';
import { RouterCertificate } from './router-app/router-certificate';
import { FileTotpReplayStore, TOTP_REPLAY_FILE_NAME } from './router/auth/totp-replay-file';
import { CachingSecretStore } from './vault/caching-secret-store';
import { KeychainGate } from './vault/keychain-gate';
import { probeKeychain } from './vault/keychain-probe';
import { KeyringSecretStore } from './vault/keyring-secret-store';
import type { SecretStore } from './vault/secret-store';
import { removeStaleTempFiles } from './fs/stale-temp-files';
import { METADATA_FILE_NAME } from './accounts/metadata-file';
import { LEDGER_FILE_NAME } from './accounts/keychain-ledger';
import { ROUTER_CONFIG_FILE_NAME } from './router-app/router-config-file';
import { PROFILES_FILE_NAME } from './tester/profiles-store';

/** Every data file written with writeFileAtomic (their stale temp files are cleaned up at start). */
const DATA_FILE_NAMES = [
  METADATA_FILE_NAME,
  `${METADATA_FILE_NAME}.bak`,
  LEDGER_FILE_NAME,
  ROUTER_CONFIG_FILE_NAME,
  `${ROUTER_CONFIG_FILE_NAME}.bak`,
  PROFILES_FILE_NAME,
  TOTP_REPLAY_FILE_NAME,
  KEYS_FILE_NAME,
];

export interface ServiceOptions {
  /** Folder of accounts.json (see resolveDataDir). */
  dataDir: string;
  /** Keychain service the secrets are filed under (see resolveKeychainService). */
  keychainService: string;
  mode: 'desktop' | 'web';
  /** The system clipboard (Electron), or null when the front end writes it (web mode, CLI). */
  clipboard: ClipboardPort | null;
  version: string;
  /** Tests only: replaces the OS keychain. */
  secretStore?: SecretStore;
  now?: () => number;
  platform?: string;
  /** Environment for the keychain hint (DBUS_SESSION_BUS_ADDRESS); default process.env. */
  env?: NodeJS.ProcessEnv;
  /** Start-up keychain probe timeout; default 10 s. */
  probeTimeoutMs?: number;
  /** Clipboard clearing delay; default 30 s. */
  clipboardClearAfterMs?: number;
  /** The desktop app's screen capture for the QR import; absent in web mode and the CLI. */
  screenCapture?: ScreenCapturePort;
  /** Look for keychain secrets without an account at start (a status warning); default true. */
  reconcileAtStart?: boolean;
  /**
   * Honour the app lock (default true). The CLI passes false: whoever can run commands as the user can
   * read the keychain directly, so refusing them would protect nothing and only break scripts.
   */
  enforceLock?: boolean;
}

export interface Services {
  handlers: ApiHandlers;
  events: EventBus;
  /** Account storage (the `accounts` handlers; the CLI's `accounts import` uses it directly for tags). */
  accounts: AccountsService;
  /** Codes of the stored accounts (the `codes` handlers; the CLI's `code ACCOUNT` reads one). */
  codes: CodesService;
  /** QR import from images (the `qr` handlers; the CLI's `scan --import` uses it directly). */
  qrImport: QrImportService;
  /** Ed25519 keys for WAMP-Cryptosign (the `keys` handlers; the tester and the CLI sign with them). */
  keys: KeysService;
  /** The connection tester (the `tester` handlers; the CLI's `test --profile` uses it directly). */
  tester: TesterService;
  /** Keychain secrets and TOTP accounts referenced by a router config (`authbahn router`, the router UI). */
  routerSecrets: VaultSecretResolver;
  /** The in-app WAMP router (the `router` handlers); stopped by dispose(). */
  router: RouterService;
  /** The data folder's TOTP replay history (`authbahn router` passes it to its router). */
  totpReplay: FileTotpReplayStore;
  /** The app lock (the Electron main process locks it on system lock/suspend). */
  lock: LockService;
  settings: SettingsService;
  backup: BackupService;
  status(): AppStatus;
  /**
   * Warnings about data that was repaired, set aside or restored from a backup since start (a subset of
   * status().warnings): the CLI exits 1 when there are any.
   */
  dataProblems(): string[];
  /** Clears the clipboard if it still holds our code, waits for pending writes, forgets cached secrets. */
  dispose(): Promise<void>;
}

export async function createServices(opts: ServiceOptions): Promise<Services> {
  const now = opts.now ?? Date.now;
  const platform = opts.platform ?? process.platform;
  const events = new EventBus();
  const warnings = new Warnings();

  const raw = opts.secretStore ?? new KeyringSecretStore({ service: opts.keychainService, platform });
  const gate = new KeychainGate({
    store: raw,
    probe: () => probeKeychain(raw, { timeoutMs: opts.probeTimeoutMs, platform, env: opts.env }),
    now,
  });
  // Cache outside the gate: secrets read once keep working even if the keychain locks later.
  const secrets = new CachingSecretStore(gate);

  // Temp files of writes a kill -9 interrupted (never a concurrent writer's: see removeStaleTempFiles).
  await removeStaleTempFiles(opts.dataDir, { targets: DATA_FILE_NAMES, now });
  const metadata = new MetadataFile({ dir: opts.dataDir, now, warnings });
  const clipboard = new ClipboardGuard({ clipboard: opts.clipboard, clearAfterMs: opts.clipboardClearAfterMs, events });
  const accounts = new AccountsService({ metadata, secrets, events, now });

  const settingsFile = new SettingsFile({ dir: opts.dataDir, now, warn: (m) => warnings.add(m) });
  const settings = new SettingsService(settingsFile, events);
  const lock = new LockService({ settings: settingsFile, events, now, enforce: opts.enforceLock ?? true, onLock: () => clipboard.clearNow() });
  const backup = new BackupService({
    settings: settingsFile,
    secrets,
    events,
    accounts: () => accounts.backupAccounts(),
    importAccounts: (entries) => accounts.importAccounts(entries),
    now,
    warn: (m) => warnings.set('backup', m),
  });
  const codes = new CodesService({ metadata, secrets, clipboard, events, now, warnings });
  // One home for import previews: files, pasted text and QR images all fill the same kind.
  const importPreviews = new ImportPreviewService({ accounts });
  const qrImport = new QrImportService({
    accounts,
    previews: importPreviews,
    // The wasm engine loads on the first scan (memoised by zxing-engine, retried if that load failed).
    scanner: async () => (await import('./qr/create-scanner')).createQrScanner(),
    ...(opts.screenCapture ? { screen: opts.screenCapture } : {}),
  });

  const keys = new KeysService({ dir: opts.dataDir, secrets, now, warn: (m) => warnings.add(m) });
  const testerProfiles = new ProfilesStore({ dir: opts.dataDir, secrets, now, warn: (m) => warnings.add(m) });
  // tester-history.json is read on first use (the Tester screen, a recorded run), not at start-up.
  const testerHistory = new TestHistory(new HistoryFile({ dir: opts.dataDir, now, warn: (m) => warnings.add(m) }));
  const tester = new TesterService({
    profiles: testerProfiles,
    accountTotp: storedAccountTotp(metadata, secrets),
    accountNames: storedAccountNames(metadata),
    signingSeed: (name) => keys.signingSeed(name),
    history: testerHistory,
    now,
    version: opts.version,
    warn: (m) => warnings.add(m),
  });

  const routerSecrets = new VaultSecretResolver({ secrets, accounts: () => metadata.read(), publicKey: (name) => keys.publicKey(name) });
  // router.json is read on first use (Router screen or start), not here: start-up does not touch it.
  // One replay history for the app's router and `authbahn router` on the same data folder.
  const totpReplay = new FileTotpReplayStore({ dir: opts.dataDir, now, warn: (m) => warnings.add(m) });
  const routerCertificate = new RouterCertificate({ dataDir: opts.dataDir, now });
  const router = new RouterService({ dataDir: opts.dataDir, secrets: routerSecrets, events, now, warn: (m) => warnings.add(m), totpReplay });

  // Probe and first load side by side: start-up waits for the slower of the two, not their sum.
  const [, loadError] = await Promise.all([
    gate.probe(),
    metadata.read().then(
      () => undefined,
      (error: unknown) => error,
    ),
  ]);
  // A metadata problem (e.g. a file from a newer version) must not stop the app from starting: the UI
  // shows the warning, and account calls report the same error until it is fixed.
  if (loadError) warnings.add(loadError instanceof Error ? loadError.message : String(loadError));

  /** Keeps the "secrets without an account" warning current (at start and after a recovery). */
  const reconcile = async (): Promise<void> => {
    if (!gate.status().ok || loadError) return;
    await updateOrphanWarning(accounts, warnings);
  };
  if (opts.reconcileAtStart ?? true) await reconcile();
  // settings.json decides whether the app starts locked: read it before any handler can answer.
  await lock.init();
  await settings.watch((s) => {
    lock.setIdleMinutes(s.lockIdleMinutes);
    // An explicit clipboardClearAfterMs (tests) wins over the setting.
    if (opts.clipboardClearAfterMs === undefined) clipboard.setClearAfterMs(s.clipboardClearSeconds * 1000);
  });
  const unwatchBackups = backup.watch();

  const status = (): AppStatus => ({ keychain: gate.status(), warnings: warnings.list() });

  const unguarded: ApiHandlers = {
    app: {
      info: async () => ({
        name: 'Authbahn',
        version: opts.version,
        mode: opts.mode,
        platform,
        dataDir: opts.dataDir,
        keychainService: opts.keychainService,
      }),
      status: async () => status(),
    },
    accounts: {
      list: () => accounts.list(),
      add: (input) => accounts.add(input),
      importUri: (uri) => accounts.importUri(uri),
      update: (id, patch) => accounts.update(id, patch),
      remove: (id) => accounts.remove(id),
      reorder: (ids) => accounts.reorder(ids),
      qr: (id) => accounts.qr(id),
      exportUris: () => accounts.exportUris(),
      exportMigration: () => accounts.exportMigration(),
      orphans: (options) => accounts.orphans(options ?? {}),
      recover: async (id) => {
        const view = await accounts.recover(id);
        await reconcile();
        return view;
      },
      exportAegis: (password) => backup.exportAegis(password),
    },
    codes: {
      list: (at) => codes.list(at),
      copy: (id) => codes.copy(id),
      hotpNext: (id) => codes.hotpNext(id),
      hotpUndo: (id, counter) => codes.hotpUndo(id, counter),
    },
    qr: {
      scanImage: (image, source, previewId) => qrImport.scanImage(image, source, previewId),
      scanScreen: (previewId) => qrImport.scanScreen(previewId),
      importPreview: (previewId, keys) => qrImport.importPreview(previewId, keys),
      discardPreview: (previewId) => qrImport.discardPreview(previewId),
    },
    import: {
      previewFile: (base64, name, password, previewId) => importPreviews.previewFile(base64, name, password, previewId),
      previewText: (text, previewId) => importPreviews.previewText(text, previewId),
      commit: (previewId, picks) => importPreviews.commit(previewId, picks),
      discard: (previewId) => importPreviews.discard(previewId),
    },
    tester: {
      listProfiles: () => tester.listProfiles(),
      saveProfile: (input, secret) => tester.saveProfile(input, secret),
      removeProfile: (id) => tester.removeProfile(id),
      run: (target) => tester.run(target),
      runAll: () => tester.runAll(),
      results: () => tester.results(),
      exportReport: (format, ids) => tester.exportReport(format, ids),
      history: (profileId, limit) => tester.history(profileId, limit),
      historyRun: (runId) => tester.historyRun(runId),
      clearHistory: (profileId) => tester.clearHistory(profileId),
      duplicateProfile: (id) => tester.duplicateProfile(id),
      exportSuite: (profileIds) => tester.exportSuite(profileIds),
      importSuite: (text) => tester.importSuite(text),
    },
    router: {
      status: async () => router.status(),
      start: () => router.start(),
      stop: () => router.stop(),
      getConfig: () => router.getConfig(),
      validateConfig: async (text) => router.validateConfig(text),
      saveConfig: (text) => router.saveConfig(text),
      setPort: (port) => router.setPort(port),
      sessions: async () => router.sessions(),
      killSession: async (id) => router.killSession(id),
      authLog: async () => router.authLog(),
      clearAuthLog: async () => router.clearAuthLog(),
      setSecret: (name, secret) => router.setSecret(name, secret),
      deleteSecret: (name) => router.deleteSecret(name),
      storedSecrets: (names) => router.storedSecrets(names),
      certificate: () => routerCertificate.current(),
      makeCertificate: ({ replace }) => routerCertificate.make(replace),
    },
    lock: {
      status: () => lock.status(),
      lock: () => lock.lock(),
      unlock: (password) => lock.unlock(password),
      setPassword: (current, next) => lock.setPassword(current, next),
      confirm: (password) => lock.confirm(password),
      activity: async () => lock.noteActivity(),
    },
    settings: {
      get: () => settings.get(),
      update: (patch) => settings.update(patch),
    },
    backup: {
      status: () => backup.status(),
      setPassword: (password) => backup.setPassword(password),
      runNow: () => backup.runNow(),
      restore: (text, password) => backup.restore(text, password),
    },
    keys: {
      list: () => keys.list(),
      generate: (name) => keys.generate(name),
      import: (name, text) => keys.import(name, text),
      remove: (name) => keys.remove(name),
    },
  };
  // The one place the lock is enforced: IPC and the web bridge both dispatch to these handlers.
  const handlers = guardHandlers(unguarded, lock);

  let disposed: Promise<void> | undefined;
  return {
    handlers,
    events,
    accounts,
    codes,
    qrImport,
    keys,
    tester,
    routerSecrets,
    router,
    totpReplay,
    lock,
    settings,
    backup,
    status,
    dataProblems: () => warnings.problems(),
    dispose: () =>
      (disposed ??= (async () => {
        unwatchBackups();
        lock.dispose();
        await backup.dispose();
        await settingsFile.idle();
        await clipboard.dispose();
        qrImport.dispose();
        await metadata.idle();
        await testerProfiles.idle();
        await keys.idle();
        await totpReplay.idle();
        await tester.idle();
        // GOODBYE to every router session before the process exits (and before the secret cache goes).
        await router.dispose();
        secrets.clear();
      })()),
  };
}
