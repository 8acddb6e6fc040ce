// Saved profiles ⇄ suite files (issue 9): "Export suite" writes the selected profiles as a suite for
// `authbahn test --suite`, "Import suite" creates profiles from a suite's cases. No secret crosses
// either way: an exported case refers to its profile's keychain secret with {profile: NAME}, and an
// imported case's secret (reference or, where allowed, inline text) is left out — the user enters it.
import { stringify } from 'yaml';
import type {
  ProbeAction,
  ReportFile,
  StoredTestRun,
  TesterProfileDraft,
  TesterProfileView,
} from '../../../shared/api/tester-contract';
import { DEFAULT_TEST_TIMEOUT_MS } from '../../../shared/api/tester-contract';
import { withoutUrlPassword } from '../../../shared/wamp/url-password';
import { probeAction, probeUri } from './run-suite';
import { parseSuite, withDefaults, type SuiteCase } from './suite-file';

const ACTIONS: ProbeAction[] = ['call', 'register', 'publish', 'subscribe'];

export interface SuiteExportOptions {
  /** The newest recorded run per profile id: its outcome becomes the case's expectation. */
  latest: ReadonlyMap<string, StoredTestRun>;
  /** "issuer:label" of an authenticator account (portable), or null to keep its id. */
  accountName: (accountId: string) => Promise<string | null>;
  generatedAt: string;
}

/** The profiles as a YAML suite, cases in the given order. */
export async function exportSuite(profiles: readonly TesterProfileView[], options: SuiteExportOptions): Promise<ReportFile> {
  const names = new Set<string>();
  const cases: Record<string, unknown>[] = [];
  for (const p of profiles) cases.push(await profileCase(p, uniqueName(p.name, names), options));
  const suite = { name: profiles.length === 1 ? profiles[0]!.name : 'Authbahn tester profiles', concurrency: 4, cases };
  const header = [
    `# Exported from Authbahn's tester on ${options.generatedAt}. Run it with: authbahn test --suite FILE`,
    '# Secrets are not in this file: {profile: NAME} reads the saved profile\'s keychain secret; in CI use',
    '# {env: VARIABLE} instead. Each "expect" is what the profile\'s latest run gave (welcome when never run).',
    '',
  ].join('\n');
  const stamp = options.generatedAt.replace(/[:.]/g, '-');
  return { fileName: `authbahn-suite-${stamp}.yaml`, mimeType: 'application/yaml', content: `${header}${stringify(suite, { lineWidth: 0 })}` };
}

async function profileCase(p: TesterProfileView, name: string, options: SuiteExportOptions): Promise<Record<string, unknown>> {
  const c: Record<string, unknown> = { name, url: withoutUrlPassword(p.url), realm: p.realm };
  if (p.serializer !== 'json') c.serializer = p.serializer;
  if (p.authmethod !== 'anonymous') c.authmethod = p.authmethod;
  if (p.authid) c.authid = p.authid;
  if (p.authrole) c.authrole = p.authrole;
  if (p.authmethod === 'totp' && p.totpAccountId) c.totpAccount = (await options.accountName(p.totpAccountId)) ?? p.totpAccountId;
  else if (p.authmethod !== 'anonymous') c.secret = { profile: p.name };
  if (p.timeoutMs !== DEFAULT_TEST_TIMEOUT_MS) c.timeout = p.timeoutMs;
  if (p.authmethod === 'wampcra' && p.cra) c.cra = { ...p.cra };
  const latest = options.latest.get(p.id)?.result ?? null;
  const probes = ACTIONS.flatMap((action) =>
    p.probes[action].map((uri) => {
      const seen = latest?.probes.find((r) => r.action === action && r.uri === uri);
      return { [action]: uri, expect: seen?.outcome === 'denied' ? 'denied' : 'allowed' };
    }),
  );
  if (probes.length > 0) c.probes = probes;
  const run = options.latest.get(p.id);
  if (!run || run.outcome === 'welcome') {
    const role = run?.result?.details.welcome?.authrole;
    c.expect = role ? { outcome: 'welcome', role } : { outcome: 'welcome' };
  } else {
    c.expect = { outcome: run.outcome, reason: run.reason };
  }
  return c;
}

function uniqueName(name: string, taken: Set<string>): string {
  let candidate = name;
  for (let n = 2; taken.has(candidate); n++) candidate = `${name} (${n})`;
  taken.add(candidate);
  return candidate;
}

export interface SuiteImportPlan {
  drafts: TesterProfileDraft[];
  skipped: { name: string; reason: string }[];
  notes: string[];
}

/**
 * The profiles a suite file describes, one per case (defaults merged in). Cases that already exist as a
 * profile (same name, URL, realm, authmethod and authid) are skipped. Throws SuiteFileError for a file
 * that is not a valid suite.
 */
export async function planSuiteImport(
  text: string,
  existing: readonly TesterProfileDraft[],
  accountId: (query: string) => Promise<string | null>,
): Promise<SuiteImportPlan> {
  // Inline secrets are accepted here only to be dropped: the file is read, never run.
  const suite = parseSuite(text, { allowInlineSecrets: true });
  const plan: SuiteImportPlan = { drafts: [], skipped: [], notes: [] };
  const withSecret: string[] = [];
  const withAccount: string[] = [];
  for (const raw of suite.cases) {
    const c: SuiteCase = withDefaults(suite, raw);
    if (!c.url || !c.realm) {
      plan.skipped.push({ name: c.name, reason: 'no url or realm' });
      continue;
    }
    const authmethod = c.authmethod ?? (c.totpAccount ? 'totp' : 'anonymous');
    const draft: TesterProfileDraft = {
      name: c.name.slice(0, 128),
      url: c.url,
      realm: c.realm,
      authmethod,
      serializer: c.serializer ?? 'json',
      timeoutMs: c.timeout ?? DEFAULT_TEST_TIMEOUT_MS,
      probes: { call: [], register: [], publish: [], subscribe: [] },
      ...(c.authid ? { authid: c.authid } : {}),
      ...(c.authrole ? { authrole: c.authrole } : {}),
      ...(authmethod === 'wampcra' && c.cra ? { cra: c.cra } : {}),
    };
    for (const p of c.probes ?? []) {
      const list = draft.probes[probeAction(p)];
      if (!list.includes(probeUri(p))) list.push(probeUri(p));
    }
    if (existing.some((e) => sameProfile(e, draft)) || plan.drafts.some((d) => sameProfile(d, draft))) {
      plan.skipped.push({ name: c.name, reason: 'already saved' });
      continue;
    }
    if (c.secret !== undefined) withSecret.push(draft.name);
    if (c.totpAccount !== undefined && authmethod === 'totp') {
      const id = await accountId(c.totpAccount);
      if (id === null) withAccount.push(draft.name);
      else draft.totpAccountId = id;
    }
    plan.drafts.push(draft);
  }
  if (withSecret.length > 0) plan.notes.push(`Secrets are not imported: enter them in ${list(withSecret)}.`);
  if (withAccount.length > 0) plan.notes.push(`No authenticator account matches the totpAccount of ${list(withAccount)}: choose one in the form.`);
  if (plan.drafts.length > 0) plan.notes.push('Expectations ("expect") stay in the suite file; profiles keep the connection and the probe URIs.');
  return plan;
}

function sameProfile(a: TesterProfileDraft, b: TesterProfileDraft): boolean {
  return a.name === b.name && a.url === b.url && a.realm === b.realm && a.authmethod === b.authmethod && (a.authid ?? '') === (b.authid ?? '');
}

function list(names: string[]): string {
  const shown = names.slice(0, 5).map((n) => `"${n}"`).join(', ');
  return names.length > 5 ? `${shown} and ${names.length - 5} more` : shown;
}
