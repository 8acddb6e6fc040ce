// The `tester` API namespace: saved profiles, runs (saved or inline profile), run-all and reports.
// Secrets are resolved here, right before a run: the profile's keychain item, an inline secret from
// the caller, or a stored authenticator account's TOTP secret — and never leave this process.
import { AppError } from '../../shared/api/errors';
import type {
  ReportFile,
  ReportFormat,
  StoredTestRun,
  SuiteImportResult,
  TestResult,
  TestRunSource,
  TestRunSummary,
  TestRunTarget,
  TesterProfileDraft,
  TesterProfileInput,
  TesterProfileView,
} from '../../shared/api/tester-contract';
import type { AccountNames } from './account-names';
import type { AccountTotp } from './account-totp';
import type { TestHistory } from './history/test-history';
import type { ProfilesStore } from './profiles-store';
import { buildReport } from './report';
import { resolveCredential } from './resolve-credential';
import type { RunTestOptions } from './run-test';
import { TotpReplayMemory } from './totp-replay';
import { hasUserinfo, urlPassword, withUrlPassword } from '../../shared/wamp/url-password';

export interface TesterServiceOptions {
  profiles: ProfilesStore;
  accountTotp: AccountTotp;
  /** The private key (seed, hex) of a stored key, for cryptosign profiles that name one (KeysService). */
  signingSeed?: (keyName: string) => Promise<string>;
  now: () => number;
  version: string;
  /** Runs of saved profiles are recorded here (tester-history.json). */
  history: TestHistory;
  /** Suite export/import name authenticator accounts "issuer:label"; without it, by id. */
  accountNames?: AccountNames;
  /** Non-fatal problems (a run that could not be recorded) for the app status. */
  warn?: (message: string) => void;
}

/** Results kept for results()/exportReport(); older ones are dropped. */
const MAX_RESULTS = 100;

// The engine (ws, the WAMP codecs) loads on the first run, not whenever the app or a CLI command opens
// the services: `authbahn accounts list` has no use for it.
const runTest = async (options: RunTestOptions): Promise<TestResult> => (await import('./run-test')).runTest(options);

export class TesterService {
  private readonly replay = new TotpReplayMemory();
  private readonly session: TestResult[] = [];
  private lastBatch: string[] = [];

  constructor(private readonly options: TesterServiceOptions) {}

  listProfiles(): Promise<TesterProfileView[]> {
    return this.options.profiles.list();
  }

  saveProfile(input: TesterProfileInput, secret: string | null | undefined): Promise<TesterProfileView> {
    return this.options.profiles.save(input, secret);
  }

  async removeProfile(id: string): Promise<void> {
    await this.options.profiles.remove(id);
    // The runs of a profile that is gone would only be orphans (bounded anyway by the total limit).
    await this.options.history.clear(id).catch((error: unknown) => this.warn(`Could not forget the test history of a deleted profile: ${message(error)}`));
  }

  duplicateProfile(id: string): Promise<TesterProfileView> {
    return this.options.profiles.duplicate(id);
  }

  async run(target: TestRunTarget): Promise<TestResult> {
    let result: TestResult;
    if ('profile' in target) {
      // "Run without saving": the draft as the form shows it; a saved profile's own secret unless one is given.
      const profileId = target.profileId ?? null;
      if (profileId !== null && target.secret === undefined) {
        const saved = await this.options.profiles.get(profileId);
        result = await this.runWithStoredSecret(target.profile, saved);
      } else {
        if (profileId !== null) await this.options.profiles.get(profileId);
        result = await this.runProfile(target.profile, profileId, target.secret ?? null);
      }
    } else {
      result = await this.runSaved(await this.options.profiles.get(target.profileId));
    }
    this.remember([result]);
    await this.record(result, 'app');
    return result;
  }

  async runAll(source: TestRunSource = 'app'): Promise<TestResult[]> {
    const results: TestResult[] = [];
    for (const profile of await this.options.profiles.list()) {
      const result = await this.runSaved(profile);
      await this.record(result, source);
      results.push(result);
    }
    this.remember(results);
    return results;
  }

  /**
   * Adds a run of a saved profile to the history (runs without a profile are not recorded). A history
   * that cannot be written never fails the run: the app status says so instead (and the returned text
   * is for the CLI to print).
   */
  async record(result: TestResult, source: TestRunSource): Promise<string | null> {
    try {
      await this.options.history.record(result, source);
      return null;
    } catch (error) {
      const text = `the test run could not be added to the history: ${message(error)}`;
      this.warn(`A ${text.slice(4)}`);
      return text;
    }
  }

  history(profileId: string, limit?: number): Promise<TestRunSummary[]> {
    return this.options.history.list(profileId, limit);
  }

  historyRun(runId: string): Promise<StoredTestRun> {
    return this.options.history.get(runId);
  }

  clearHistory(profileId: string): Promise<void> {
    return this.options.history.clear(profileId);
  }

  async exportSuite(profileIds: string[]): Promise<ReportFile> {
    const all = await this.options.profiles.list();
    const byId = new Map(all.map((p) => [p.id, p]));
    const missing = profileIds.find((id) => !byId.has(id));
    if (missing !== undefined) throw new AppError('NOT_FOUND', `No tester profile with id "${missing}"`, { id: missing });
    const { exportSuite } = await import('./suite/suite-export');
    return exportSuite(
      profileIds.map((id) => byId.get(id)!),
      {
        latest: await this.options.history.latest(profileIds),
        accountName: this.options.accountNames?.name ?? (async () => null),
        generatedAt: new Date(this.options.now()).toISOString(),
      },
    );
  }

  async importSuite(text: string): Promise<SuiteImportResult> {
    const { planSuiteImport } = await import('./suite/suite-export');
    const { SuiteFileError } = await import('./suite/suite-file');
    let plan: Awaited<ReturnType<typeof planSuiteImport>>;
    try {
      plan = await planSuiteImport(text, await this.options.profiles.list(), this.options.accountNames?.find ?? (async () => null));
    } catch (error) {
      if (error instanceof SuiteFileError) throw new AppError('INVALID_ARGUMENT', `Not a suite file: ${error.message}`);
      throw error;
    }
    const created: SuiteImportResult['created'] = [];
    const skipped = [...plan.skipped];
    for (const draft of plan.drafts) {
      try {
        const saved = await this.options.profiles.save(draft, undefined);
        created.push({ id: saved.id, name: saved.name });
      } catch (error) {
        if (!(error instanceof AppError) || error.code !== 'INVALID_ARGUMENT') throw error;
        skipped.push({ name: draft.name, reason: error.message });
      }
    }
    return { created, skipped, notes: created.length > 0 ? plan.notes : plan.notes.filter((n) => !n.startsWith('Expectations')) };
  }

  async results(): Promise<TestResult[]> {
    return [...this.session];
  }

  async exportReport(format: ReportFormat, ids?: string[]): Promise<ReportFile> {
    const wanted = ids ?? this.lastBatch;
    const byId = new Map(this.session.map((r) => [r.id, r]));
    const missing = wanted.filter((id) => !byId.has(id));
    if (missing.length > 0) throw new AppError('NOT_FOUND', `No test result with id "${missing[0]}" in this session`, { ids: missing });
    return buildReport(
      wanted.map((id) => byId.get(id)!),
      format,
      { version: this.options.version, generatedAt: new Date(this.options.now()).toISOString() },
    );
  }

  /** A saved profile's keychain secret (the CLI reads it before applying its own overrides). */
  profileSecret(id: string): Promise<string | null> {
    return this.options.profiles.secret(id);
  }

  /** Runs a profile with an explicit secret (the CLI's --secret/--ticket/--totp-secret). */
  async runProfile(draft: TesterProfileDraft, profileId: string | null, secret: string | null): Promise<TestResult> {
    let profile: TesterProfileDraft;
    try {
      profile = await this.withStoredUrlPassword(draft, profileId);
    } catch (error) {
      const reason = `the password of its URL could not be read from the keychain: ${error instanceof Error ? error.message : String(error)}`;
      return runTest({ profile: draft, profileId, credential: { method: 'missing', authmethod: draft.authmethod, reason }, now: this.options.now });
    }
    // A stored key replaces the profile's own secret; an explicit secret (the CLI's --secret) still wins.
    if (profile.authmethod === 'cryptosign' && profile.cryptosignKey !== undefined && secret === null) {
      const name = profile.cryptosignKey;
      try {
        if (!this.options.signingSeed) throw new Error('stored keys are not available here');
        secret = await this.options.signingSeed(name);
      } catch (error) {
        const reason = `the stored key "${name}" cannot be used: ${error instanceof Error ? error.message : String(error)}`;
        return runTest({ profile, profileId, credential: { method: 'missing', authmethod: profile.authmethod, reason }, now: this.options.now });
      }
    }
    return runTest({
      profile,
      profileId,
      credential: resolveCredential(profile, secret, { profileId, accountTotp: this.options.accountTotp, now: this.options.now }),
      replay: this.replay,
      now: this.options.now,
    });
  }

  private runSaved(profile: TesterProfileView): Promise<TestResult> {
    const { id: _i, hasSecret: _h, createdAt: _c, updatedAt: _u, ...draft } = profile;
    return this.runWithStoredSecret(draft, profile);
  }

  /** Runs `draft` as the run of the saved profile `saved`, with that profile's keychain secret. */
  private async runWithStoredSecret(draft: TesterProfileDraft, saved: TesterProfileView): Promise<TestResult> {
    const needsSecret =
      draft.authmethod !== 'anonymous' &&
      !(draft.authmethod === 'totp' && draft.totpAccountId) &&
      !(draft.authmethod === 'cryptosign' && draft.cryptosignKey);
    let secret: string | null = null;
    try {
      secret = needsSecret ? await this.options.profiles.secret(saved.id) : null;
    } catch (error) {
      // One unreadable keychain item must not stop "test all": this profile's result says what happened.
      const reason = `its secret could not be read from the keychain: ${error instanceof Error ? error.message : String(error)}`;
      return runTest({ profile: draft, profileId: saved.id, credential: { method: 'missing', authmethod: draft.authmethod, reason }, now: this.options.now });
    }
    return this.runProfile(draft, saved.id, secret);
  }

  private warn(text: string): void {
    this.options.warn?.(text);
  }

  /**
   * A saved profile's URL password (kept in the keychain, see ProfilesStore) goes back into its URL for
   * this run only — and only while the URL is still the saved one: the CLI may point --url elsewhere.
   */
  private async withStoredUrlPassword(profile: TesterProfileDraft, profileId: string | null): Promise<TesterProfileDraft> {
    if (profileId === null || !hasUserinfo(profile.url) || urlPassword(profile.url) !== null) return profile;
    const saved = (await this.options.profiles.list()).find((p) => p.id === profileId);
    if (!saved || saved.url !== profile.url) return profile;
    const password = await this.options.profiles.urlPassword(profileId);
    return password === null ? profile : { ...profile, url: withUrlPassword(profile.url, password) };
  }

  idle(): Promise<void> {
    return this.options.history.idle();
  }

  private remember(results: TestResult[]): void {
    this.session.push(...results);
    if (this.session.length > MAX_RESULTS) this.session.splice(0, this.session.length - MAX_RESULTS);
    this.lastBatch = results.map((r) => r.id);
  }
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
