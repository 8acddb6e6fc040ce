// The router inside the app (Electron main process or `authbahn serve`): owns router.json, starts and
// stops one Router built from it, and reports status, live sessions and authentication outcomes both
// on request and as events on the app's EventBus (router.status, router.sessions, router.auth).
//
// Secrets: router.json may hold plaintext tickets/secrets (Crossbar-compatible, so existing configs
// load as they are), but the editor offers keychain references instead: setSecret(NAME, value) stores
// the keychain item router:NAME and the config then says {"keychain": "NAME"}, so the file on disk
// holds no secret. References are resolved per login through the vault (see router/auth/secret-refs.ts)
// and checked before the router starts, so a missing item is a start error, not a mysterious login failure.
import { AppError } from '../../shared/api/errors';
import {
  SESSION_LIST_LIMIT,
  type RouterAuthLogEntry,
  type RouterConfigNotice,
  type RouterConfigView,
  type RouterSessionsView,
  type RouterStatus,
  type RouterRunState,
  type RouterValidation,
} from '../../shared/api/router-contract';
import type { EventBus } from '../events';
import type { SecretResolver } from '../router/auth/secret-refs';
import { checkSecretReferences } from '../router/config/check-secrets';
import { planUsesVault } from '../router/config/plan-secrets';
import type { RouterPlan } from '../router/config/router-plan';
import type { Router } from '../router/router';
import type { AuthAttemptEvent } from '../router/types';
import { AuthLog } from './auth-log';
import type { TotpReplayStore } from '../router/auth/totp-verifier';
import { checkConfigText } from './config-check';
import { withFirstTransportPort } from './config-port';
import { RouterConfigFile } from './router-config-file';
import { toSessionView } from './session-view';

/** The vault side the router needs: resolve references, and store/delete router:NAME items. */
export interface RouterSecrets extends SecretResolver {
  setKeychainSecret(name: string, value: string): Promise<void>;
  deleteKeychainSecret(name: string): Promise<boolean>;
  /** Whether item router:NAME exists (the value is read in main only and never returned). */
  hasKeychainSecret(name: string): Promise<boolean>;
}

export interface RouterServiceDeps {
  /** Folder of router.json (the app's data dir). */
  dataDir: string;
  secrets: RouterSecrets;
  events: EventBus;
  now?: () => number;
  /** Non-fatal problems for the app's status banners (a corrupt router.json set aside). */
  warn?: (message: string) => void;
  /** Port of the default config written when router.json does not exist; default 8080. */
  defaultPort?: number;
  /** Session joins/leaves within this window become one router.sessions event; default 50 ms. */
  sessionsEventDelayMs?: number;
  /** How long stop() waits for GOODBYE answers; default 1000 ms. */
  shutdownGraceMs?: number;
  /** TOTP replay history shared with `authbahn router` (the data folder's file); default in memory. */
  totpReplay?: TotpReplayStore;
}

export class RouterService {
  private readonly file: RouterConfigFile;
  private readonly now: () => number;
  private readonly log = new AuthLog();
  private readonly notices: RouterConfigNotice[] = [];
  private router: Router | null = null;
  private state: RouterRunState = 'stopped';
  private startedAt: string | null = null;
  private error: string | null = null;
  private configChangedSinceStart = false;
  private lifecycle: Promise<unknown> = Promise.resolve();
  private sessionsTimer: ReturnType<typeof setTimeout> | null = null;
  /** Method the transport's authenticator chose, per connection (see onAuthAttempt). */
  private disposed = false;

  constructor(private readonly deps: RouterServiceDeps) {
    this.now = deps.now ?? Date.now;
    this.file = new RouterConfigFile({ dir: deps.dataDir, now: this.now, ...(deps.defaultPort !== undefined ? { defaultPort: deps.defaultPort } : {}) });
  }

  get configPath(): string {
    return this.file.path;
  }

  status(): RouterStatus {
    const running = this.state === 'running' && this.router !== null;
    return {
      state: this.state,
      running,
      transports: running ? this.router!.transports.map((t) => ({ id: t.id, url: t.url })) : [],
      startedAt: running ? this.startedAt : null,
      error: this.error,
      configChangedSinceStart: running && this.configChangedSinceStart,
      sessionCount: running ? this.router!.listSessions().length : 0,
    };
  }

  /** Start and stop run one at a time, in call order (a double click must not bind twice). */
  start(): Promise<RouterStatus> {
    return this.serialize(() => this.startNow());
  }

  stop(): Promise<RouterStatus> {
    return this.serialize(() => this.stopNow());
  }

  async getConfig(): Promise<RouterConfigView> {
    const { text } = await this.load();
    const { plan, validation } = checkConfigText(text, this.deps.dataDir);
    return {
      ...validation,
      text,
      path: this.file.path,
      secretProblems: plan ? await this.secretProblems(plan) : [],
      notices: [...this.notices],
    };
  }

  validateConfig(text: string): RouterValidation {
    return checkConfigText(text, this.deps.dataDir).validation;
  }

  /** Saves a valid config; an invalid one is refused with its issues and the file stays untouched. */
  async saveConfig(text: string): Promise<RouterConfigView> {
    const { validation } = checkConfigText(text, this.deps.dataDir);
    if (!validation.valid) {
      const count = validation.issues.length;
      throw new AppError(
        'INVALID_ARGUMENT',
        `The router config was not saved: ${count === 1 ? 'one problem' : `${count} problems`}:\n` +
          validation.issues.map((i) => `${i.path}: ${i.message}`).join('\n'),
        { issues: validation.issues },
      );
    }
    await this.file.save(text);
    // Load notices ("Created router.json with a default config", "restored from backup") describe the
    // file as it was found; once the user saved their own config they are history, not news.
    this.notices.length = 0;
    if (this.state === 'running') {
      this.configChangedSinceStart = true;
      this.emitStatus();
    }
    return this.getConfig();
  }

  async setPort(port: number): Promise<RouterConfigView> {
    const { text } = await this.load();
    return this.saveConfig(withFirstTransportPort(text, port));
  }

  sessions(): RouterSessionsView {
    const all = this.router && this.state === 'running' ? this.router.listSessions() : [];
    const sorted = all.map(toSessionView).sort((a, b) => a.joinedAt.localeCompare(b.joinedAt) || a.id - b.id);
    return { sessions: sorted.slice(-SESSION_LIST_LIMIT), total: sorted.length };
  }

  killSession(id: number): boolean {
    return this.router?.killSession(id) ?? false;
  }

  authLog(): RouterAuthLogEntry[] {
    return this.log.list();
  }

  clearAuthLog(): void {
    this.log.clear();
  }

  setSecret(name: string, secret: string): Promise<void> {
    return this.deps.secrets.setKeychainSecret(name, secret);
  }

  deleteSecret(name: string): Promise<boolean> {
    return this.deps.secrets.deleteKeychainSecret(name);
  }

  /** The names among `names` that have a keychain item router:NAME, in the order asked. */
  async storedSecrets(names: string[]): Promise<string[]> {
    const unique = [...new Set(names)];
    const present = await Promise.all(unique.map((name) => this.deps.secrets.hasKeychainSecret(name)));
    return unique.filter((_name, i) => present[i]);
  }

  /** Stops the router (GOODBYE to every session) and waits for pending writes. */
  async dispose(): Promise<void> {
    this.disposed = true;
    await this.stop().catch(() => undefined);
    if (this.sessionsTimer) clearTimeout(this.sessionsTimer);
    this.sessionsTimer = null;
    await this.file.idle();
  }

  // ---- lifecycle ----------------------------------------------------------------------------

  private serialize<T>(task: () => Promise<T>): Promise<T> {
    const run = this.lifecycle.then(task, task);
    this.lifecycle = run.catch(() => undefined);
    return run;
  }

  private async startNow(): Promise<RouterStatus> {
    if (this.router) return this.status();
    if (this.disposed) throw new AppError('ROUTER_ERROR', 'the app is shutting down');
    this.setState('starting', null);
    let router: Router | null = null;
    try {
      const { text } = await this.load();
      const { plan, validation } = checkConfigText(text, this.deps.dataDir);
      if (!plan) {
        throw new AppError(
          'ROUTER_ERROR',
          `The router config is not valid:\n${validation.issues.map((i) => `${i.path}: ${i.message}`).join('\n')}`,
          { issues: validation.issues },
        );
      }
      const problems = await this.secretProblems(plan);
      if (problems.length > 0) {
        throw new AppError('ROUTER_ERROR', `Secret references in the router config cannot be resolved:\n${problems.join('\n')}`, { secretProblems: problems });
      }
      // The router core (ws, codecs) loads when a router first starts, not with the app's services.
      const { composeRouter, describeListenError } = await import('../router/config/compose-router');
      ({ router } = composeRouter(plan, {
        secrets: this.deps.secrets,
        now: this.now,
        ...(this.deps.totpReplay ? { totpReplay: this.deps.totpReplay } : {}),
        ...(this.deps.shutdownGraceMs !== undefined ? { shutdownGraceMs: this.deps.shutdownGraceMs } : {}),
      }));
      this.watch(router);
      try {
        await router.start();
      } catch (error) {
        throw new AppError('ROUTER_ERROR', `The router could not start: ${describeListenError(error)}`, {
          ...(typeof (error as NodeJS.ErrnoException).code === 'string' ? { cause: (error as NodeJS.ErrnoException).code } : {}),
        });
      }
    } catch (error) {
      this.setState('stopped', error instanceof Error ? error.message : String(error));
      throw error instanceof AppError ? error : new AppError('ROUTER_ERROR', `The router could not start: ${String(error)}`);
    }
    this.router = router;
    // Options that loaded but will refuse some clients (TLS ciphers with no TLS 1.2 cipher for the key):
    // shown with the config and in the app's warnings, once each.
    for (const message of router.transports.flatMap((t) => t.warnings ?? [])) {
      if (this.notices.some((n) => n.message === message)) continue;
      this.notices.push({ level: 'warning', message });
      this.deps.warn?.(message);
    }
    this.startedAt = new Date(this.now()).toISOString();
    this.configChangedSinceStart = false;
    this.setState('running', null);
    this.scheduleSessionsEvent();
    return this.status();
  }

  private async stopNow(): Promise<RouterStatus> {
    const router = this.router;
    if (!router) return this.status();
    this.setState('stopping', null);
    try {
      await router.stop();
    } finally {
      this.router = null;
      this.startedAt = null;
      this.setState('stopped', null);
      this.scheduleSessionsEvent();
    }
    return this.status();
  }

  private setState(state: RouterRunState, error: string | null): void {
    this.state = state;
    this.error = error;
    this.emitStatus();
  }

  private emitStatus(): void {
    this.deps.events.emit('router.status', this.status());
  }

  // ---- observation ----------------------------------------------------------------------------

  private watch(router: Router): void {
    router.on('session-joined', () => this.scheduleSessionsEvent());
    router.on('session-left', () => this.scheduleSessionsEvent());
    router.on('auth', (event) => this.onAuthAttempt(event));
  }

  private scheduleSessionsEvent(): void {
    // Many joins at once (a load test) become one event carrying the list, not one list per join.
    if (this.sessionsTimer || this.disposed) return;
    this.sessionsTimer = setTimeout(() => {
      this.sessionsTimer = null;
      this.deps.events.emit('router.sessions', this.sessions());
      this.deps.events.emit('router.status', this.status());
    }, this.deps.sessionsEventDelayMs ?? 50);
    this.sessionsTimer.unref?.();
  }

  // The log has one entry per login attempt, from the core's 'auth' event: it is the final word (it also
  // covers an unknown realm, a role the realm lacks, and an AUTHENTICATE that never came), and it names the
  // method the transport's authenticator picked even when that authenticator refused.
  private onAuthAttempt(event: AuthAttemptEvent): void {
    const success = event.outcome === 'success';
    this.record({
      time: event.at,
      transport: event.transportId,
      peer: event.peer,
      realm: event.identity?.realm ?? event.realm,
      authid: event.identity?.authid ?? event.authid ?? null,
      authmethod: event.identity?.authmethod ?? event.authmethod ?? null,
      outcome: success ? 'success' : 'failure',
      authrole: success ? (event.identity?.authrole ?? null) : null,
      reason: success ? null : (event.reason ?? (event.stage === 'timeout' ? 'timeout' : null)),
      message: success ? null : (event.message ?? null),
    });
  }

  private record(entry: Omit<RouterAuthLogEntry, 'seq'>): void {
    this.deps.events.emit('router.auth', this.log.add(entry));
  }

  // ---- config -----------------------------------------------------------------------------------

  private async load() {
    const loaded = await this.file.load();
    for (const notice of loaded.notices) {
      this.notices.push(notice);
      // Only trouble goes to the app-wide warnings; "created the default config" is news for the Router screen.
      if (notice.level === 'warning') this.deps.warn?.(notice.message);
    }
    return loaded;
  }

  private async secretProblems(plan: RouterPlan): Promise<string[]> {
    return planUsesVault(plan) ? checkSecretReferences(plan, this.deps.secrets) : [];
  }
}
