// The `tester` API namespace: saved profiles, runs (saved or inline profile), run-all and reports.
// Secrets are resolved here, right before a run: the profile's keychain item, an inline secret from
// the caller, or a stored authenticator account's TOTP secret — and never leave this process.
import { AppError } from '../../shared/api/errors';
import type {
  ReportFile,
  ReportFormat,
  TestResult,
  TestRunTarget,
  TesterProfileDraft,
  TesterProfileInput,
  TesterProfileView,
} from '../../shared/api/tester-contract';
import type { AccountTotp } from './account-totp';
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
}

/** Results kept for results()/exportReport(); older ones are dropped. */
const MAX_RESULTS = 100;

// The engine (ws, the WAMP codecs) loads on the first run, not whenever the app or a CLI command opens
// the services: `authbahn accounts list` has no use for it.
const runTest = async (options: RunTestOptions): Promise<TestResult> => (await import('./run-test')).runTest(options);

export class TesterService {
  private readonly replay = new TotpReplayMemory();
  private readonly history: TestResult[] = [];
  private lastBatch: string[] = [];

  constructor(private readonly options: TesterServiceOptions) {}

  listProfiles(): Promise<TesterProfileView[]> {
    return this.options.profiles.list();
  }

  saveProfile(input: TesterProfileInput, secret: string | null | undefined): Promise<TesterProfileView> {
    return this.options.profiles.save(input, secret);
  }

  removeProfile(id: string): Promise<void> {
    return this.options.profiles.remove(id);
  }

  async run(target: TestRunTarget): Promise<TestResult> {
    const result =
      'profileId' in target
        ? await this.runSaved(await this.options.profiles.get(target.profileId))
        : await this.runProfile(target.profile, null, target.secret ?? null);
    this.remember([result]);
    return result;
  }

  async runAll(): Promise<TestResult[]> {
    const results: TestResult[] = [];
    for (const profile of await this.options.profiles.list()) results.push(await this.runSaved(profile));
    this.remember(results);
    return results;
  }

  async results(): Promise<TestResult[]> {
    return [...this.history];
  }

  async exportReport(format: ReportFormat, ids?: string[]): Promise<ReportFile> {
    const wanted = ids ?? this.lastBatch;
    const byId = new Map(this.history.map((r) => [r.id, r]));
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

  private async runSaved(profile: TesterProfileView): Promise<TestResult> {
    const needsSecret =
      profile.authmethod !== 'anonymous' &&
      !(profile.authmethod === 'totp' && profile.totpAccountId) &&
      !(profile.authmethod === 'cryptosign' && profile.cryptosignKey);
    const { id, hasSecret: _h, createdAt: _c, updatedAt: _u, ...draft } = profile;
    let secret: string | null = null;
    try {
      secret = needsSecret ? await this.options.profiles.secret(id) : null;
    } catch (error) {
      // One unreadable keychain item must not stop "test all": this profile's result says what happened.
      const reason = `its secret could not be read from the keychain: ${error instanceof Error ? error.message : String(error)}`;
      return runTest({ profile: draft, profileId: id, credential: { method: 'missing', authmethod: draft.authmethod, reason }, now: this.options.now });
    }
    return this.runProfile(draft, id, secret);
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

  private remember(results: TestResult[]): void {
    this.history.push(...results);
    if (this.history.length > MAX_RESULTS) this.history.splice(0, this.history.length - MAX_RESULTS);
    this.lastBatch = results.map((r) => r.id);
  }
}
