// Runs a suite's cases against their routers, a few at a time, and checks each result against what the
// case expects. A case whose secret cannot be found (unset environment variable, missing keychain item)
// is an error of that case, not of the router, and never stops the others.
import type { ProbeAction, TestResult, TesterProfileDraft } from '../../../shared/api/tester-contract';
import { DEFAULT_TEST_TIMEOUT_MS } from '../../../shared/api/tester-contract';
import type { TotpParams } from '../../router/auth/secret-refs';
import type { Credential } from '../credentials';
import { resolveCredential } from '../resolve-credential';
import type { RunTestOptions } from '../run-test';
import { withDefaults, type ExpectSpec, type ProbeSpec, type SecretRefSpec, type Suite, type SuiteCase } from './suite-file';

export const DEFAULT_SUITE_CONCURRENCY = 4;

/** How a case's secret references are looked up; the CLI opens the keychain only when a case needs it. */
export interface SuiteSecrets {
  env: (name: string) => string | undefined;
  /** Keychain item `router:NAME` (the one `authbahn router secret set NAME` stores). */
  keychain: (name: string) => Promise<string>;
  /** A saved tester profile's keychain secret, by profile name or id. */
  profile: (nameOrId: string) => Promise<string>;
  /** A TOTP authenticator account (id or "issuer:label"): its secret and code parameters. */
  account: (query: string) => Promise<TotpParams>;
}

export interface CaseReport {
  name: string;
  status: 'passed' | 'failed' | 'error';
  /** What did not match (failed), or why the case could not run (error). */
  problems: string[];
  expected: ExpectSpec;
  /** Absent for a case that could not run. */
  result?: TestResult;
  durationMs: number;
}

export interface SuiteReport {
  name: string;
  startedAt: string;
  durationMs: number;
  cases: CaseReport[];
  passed: number;
  failed: number;
  errors: number;
}

export interface RunSuiteOptions {
  secrets: SuiteSecrets;
  runTest: (options: RunTestOptions) => Promise<TestResult>;
  now?: () => number;
  /** Overrides the suite's concurrency. */
  concurrency?: number;
  /** Called as each case ends (progress output). */
  onCase?: (report: CaseReport) => void;
}

export async function runSuite(suite: Suite, options: RunSuiteOptions): Promise<SuiteReport> {
  const now = options.now ?? Date.now;
  const started = performance.now();
  const startedAt = new Date(now()).toISOString();
  const limit = options.concurrency ?? suite.concurrency ?? DEFAULT_SUITE_CONCURRENCY;
  const reports: CaseReport[] = new Array(suite.cases.length);
  let next = 0;
  const worker = async () => {
    while (next < suite.cases.length) {
      const index = next++;
      reports[index] = await runCase(withDefaults(suite, suite.cases[index]!), options, now);
      options.onCase?.(reports[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, suite.cases.length) }, worker));
  return {
    name: suite.name ?? 'WAMP connection tests',
    startedAt,
    durationMs: round(performance.now() - started),
    cases: reports,
    passed: reports.filter((r) => r.status === 'passed').length,
    failed: reports.filter((r) => r.status === 'failed').length,
    errors: reports.filter((r) => r.status === 'error').length,
  };
}

async function runCase(c: SuiteCase, options: RunSuiteOptions, now: () => number): Promise<CaseReport> {
  const started = performance.now();
  const done = (status: CaseReport['status'], problems: string[], result?: TestResult): CaseReport => ({
    name: c.name,
    status,
    problems,
    expected: c.expect,
    ...(result ? { result } : {}),
    durationMs: round(performance.now() - started),
  });
  let prepared: { draft: TesterProfileDraft; credential: Credential };
  try {
    prepared = await prepare(c, options.secrets, now);
  } catch (error) {
    return done('error', [error instanceof Error ? error.message : String(error)]);
  }
  let result: TestResult;
  try {
    result = await options.runTest({ profile: prepared.draft, profileId: null, credential: prepared.credential, now });
  } catch (error) {
    return done('error', [`the test could not run: ${error instanceof Error ? error.message : String(error)}`]);
  }
  const problems = compare(c, result);
  return done(problems.length === 0 ? 'passed' : 'failed', problems, result);
}

async function prepare(raw: SuiteCase, secrets: SuiteSecrets, now: () => number): Promise<{ draft: TesterProfileDraft; credential: Credential }> {
  if (!raw.url || !raw.realm) throw new Error('the case needs "url" and "realm" (in the case or in "defaults")');
  // "${NAME}" in url and realm comes from the environment, so one suite serves several deployments.
  const c = { ...raw, url: interpolate(raw.url, secrets), realm: interpolate(raw.realm, secrets) };
  const authmethod = c.authmethod ?? (c.totpAccount ? 'totp' : 'anonymous');
  if (authmethod === 'anonymous' && c.secret !== undefined) throw new Error('the case has a secret but no "authmethod"');
  const probes = { call: [] as string[], register: [] as string[], publish: [] as string[], subscribe: [] as string[] };
  for (const p of c.probes ?? []) probes[probeAction(p)].push(probeUri(p));
  const draft: TesterProfileDraft = {
    name: c.name,
    url: c.url,
    realm: c.realm,
    authmethod,
    serializer: c.serializer ?? 'json',
    timeoutMs: c.timeout ?? DEFAULT_TEST_TIMEOUT_MS,
    probes,
    ...(c.authid ? { authid: c.authid } : {}),
    ...(c.authrole ? { authrole: c.authrole } : {}),
    ...(c.cra ? { cra: c.cra } : {}),
  };
  let secret = c.secret === undefined ? null : await lookUp(c.secret, secrets);
  if (c.totpAccount !== undefined && secret === null) {
    const { secret: accountSecret, algorithm, digits, period } = await secrets.account(c.totpAccount);
    draft.totp = { algorithm, digits, period };
    secret = accountSecret;
  }
  const credential = resolveCredential(draft, secret, { profileId: null, now });
  if (credential.method === 'missing') throw new Error(`no usable credential: ${credential.reason}`);
  return { draft, credential };
}

function interpolate(text: string, secrets: SuiteSecrets): string {
  return text.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (_, name: string) => {
    const value = secrets.env(name);
    if (value === undefined) throw new Error(`environment variable ${name} is not set`);
    return value;
  });
}

async function lookUp(ref: SecretRefSpec, secrets: SuiteSecrets): Promise<string> {
  if (typeof ref === 'string') return ref;
  if ('env' in ref) {
    const value = secrets.env(ref.env);
    if (value === undefined || value === '') throw new Error(`environment variable ${ref.env} is not set`);
    return value;
  }
  if ('keychain' in ref) return secrets.keychain(ref.keychain);
  return secrets.profile(ref.profile);
}

export function probeAction(p: ProbeSpec): ProbeAction {
  return p.call !== undefined ? 'call' : p.register !== undefined ? 'register' : p.publish !== undefined ? 'publish' : 'subscribe';
}

export function probeUri(p: ProbeSpec): string {
  return (p.call ?? p.register ?? p.publish ?? p.subscribe)!;
}

/** Every way the result differs from what the case expects, in words. */
export function compare(c: SuiteCase, r: TestResult): string[] {
  const e = c.expect;
  const problems: string[] = [];
  const got = `${r.outcome}${r.outcome === 'welcome' ? '' : ` (${r.reason})`}: ${r.diagnosis.title}`;
  if (r.outcome !== e.outcome) problems.push(`expected ${e.outcome}, got ${got}`);
  if (e.role !== undefined && r.details.welcome?.authrole !== e.role) {
    problems.push(`expected role "${e.role}", got ${r.details.welcome ? `"${r.details.welcome.authrole ?? ''}"` : 'no WELCOME'}`);
  }
  if (e.authid !== undefined && r.details.welcome?.authid !== e.authid) {
    problems.push(`expected authid "${e.authid}", got ${r.details.welcome ? `"${r.details.welcome.authid ?? ''}"` : 'no WELCOME'}`);
  }
  if (e.reason !== undefined && r.reason !== e.reason) problems.push(`expected reason ${e.reason}, got ${r.reason}`);
  if (e.diagnosis !== undefined && r.diagnosis.kind !== e.diagnosis) problems.push(`expected diagnosis ${e.diagnosis}, got ${r.diagnosis.kind} (${r.diagnosis.title})`);
  for (const p of c.probes ?? []) {
    const action = probeAction(p);
    const uri = probeUri(p);
    const found = r.probes.find((x) => x.action === action && x.uri === uri);
    if (!found) {
      if (r.outcome === 'welcome') problems.push(`${action} ${uri}: not probed`);
      continue;
    }
    if (found.outcome !== p.expect) problems.push(`${action} ${uri}: expected ${p.expect}, got ${found.outcome} (${found.answer})`);
  }
  return problems;
}

const round = (ms: number) => Math.round(ms * 10) / 10;
