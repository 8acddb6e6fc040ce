// Composition root shared by the CLI, `authbahn serve` and the Electron main process: builds every
// service with plain constructors and exposes them as the handlers of the API contract.
import type { ApiHandlers } from '../shared/api/contract';
import type { AppStatus } from '../shared/api/types';
import { AccountsService } from './accounts/accounts-service';
import { CodesService } from './accounts/codes-service';
import { MetadataFile } from './accounts/metadata-file';
import { Warnings } from './accounts/warnings';
import { ClipboardGuard, type ClipboardPort } from './clipboard/clipboard-guard';
import { EventBus } from './events';
import { storedAccountNames } from './tester/account-names';
import { storedAccountTotp } from './tester/account-totp';
import { HistoryFile } from './tester/history/history-file';
import { TestHistory } from './tester/history/test-history';
import { ProfilesStore } from './tester/profiles-store';
import { TesterService } from './tester/tester-service';
import { QrImportService } from './qr/qr-import-service';
import type { ScreenCapturePort } from './qr/screen-capture';
import { VaultSecretResolver } from './router/auth/secret-refs';
import { RouterService } from './router-app/router-service';
import { CachingSecretStore } from './vault/caching-secret-store';
import { KeychainGate } from './vault/keychain-gate';
import { probeKeychain } from './vault/keychain-probe';
import { KeyringSecretStore } from './vault/keyring-secret-store';
import type { SecretStore } from './vault/secret-store';

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
}

export interface Services {
  handlers: ApiHandlers;
  events: EventBus;
  /** QR import from images (the `qr` handlers; the CLI's `scan --import` uses it directly). */
  qrImport: QrImportService;
  /** The connection tester (the `tester` handlers; the CLI's `test --profile` uses it directly). */
  tester: TesterService;
  /** Keychain secrets and TOTP accounts referenced by a router config (`authbahn router`, the router UI). */
  routerSecrets: VaultSecretResolver;
  /** The in-app WAMP router (the `router` handlers); stopped by dispose(). */
  router: RouterService;
  status(): AppStatus;
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

  const metadata = new MetadataFile({ dir: opts.dataDir, now, warnings });
  const clipboard = new ClipboardGuard({ clipboard: opts.clipboard, clearAfterMs: opts.clipboardClearAfterMs, events });
  const accounts = new AccountsService({ metadata, secrets, events, now });
  const codes = new CodesService({ metadata, secrets, clipboard, events, now, warnings });
  const qrImport = new QrImportService({
    accounts,
    // The wasm engine loads on the first scan (memoised by zxing-engine, retried if that load failed).
    scanner: async () => (await import('./qr/create-scanner')).createQrScanner(),
    ...(opts.screenCapture ? { screen: opts.screenCapture } : {}),
  });

  const testerProfiles = new ProfilesStore({ dir: opts.dataDir, secrets, now, warn: (m) => warnings.add(m) });
  // tester-history.json is read on first use (the Tester screen, a recorded run), not at start-up.
  const testerHistory = new TestHistory(new HistoryFile({ dir: opts.dataDir, now, warn: (m) => warnings.add(m) }));
  const tester = new TesterService({
    profiles: testerProfiles,
    accountTotp: storedAccountTotp(metadata, secrets),
    accountNames: storedAccountNames(metadata),
    history: testerHistory,
    now,
    version: opts.version,
    warn: (m) => warnings.add(m),
  });

  const routerSecrets = new VaultSecretResolver({ secrets, accounts: () => metadata.read() });
  // router.json is read on first use (Router screen or start), not here: start-up does not touch it.
  const router = new RouterService({ dataDir: opts.dataDir, secrets: routerSecrets, events, now, warn: (m) => warnings.add(m) });

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

  const status = (): AppStatus => ({ keychain: gate.status(), warnings: warnings.list() });

  const handlers: ApiHandlers = {
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
    },
    codes: {
      list: (at) => codes.list(at),
      copy: (id) => codes.copy(id),
      hotpNext: (id) => codes.hotpNext(id),
    },
    qr: {
      scanImage: (image, source, previewId) => qrImport.scanImage(image, source, previewId),
      scanScreen: (previewId) => qrImport.scanScreen(previewId),
      importPreview: (previewId, keys) => qrImport.importPreview(previewId, keys),
      discardPreview: (previewId) => qrImport.discardPreview(previewId),
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
    },
  };

  let disposed: Promise<void> | undefined;
  return {
    handlers,
    events,
    qrImport,
    tester,
    routerSecrets,
    router,
    status,
    dispose: () =>
      (disposed ??= (async () => {
        await clipboard.dispose();
        qrImport.dispose();
        await metadata.idle();
        await testerProfiles.idle();
        await tester.idle();
        // GOODBYE to every router session before the process exits (and before the secret cache goes).
        await router.dispose();
        secrets.clear();
      })()),
  };
}
