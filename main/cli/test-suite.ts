// `authbahn test --suite FILE`: runs a suite file of connection tests (see main/tester/suite/) and prints
// a table, or --json, and writes --junit FILE for CI. The exit code is the number of cases that did not
// pass (failed or could not run), at most 124; 125 means the suite itself could not be read.
import { readFile, writeFile } from 'node:fs/promises';
import type { TestResult } from '../../shared/api/tester-contract';
import { junitXml } from '../tester/suite/junit';
import { runSuite, type CaseReport, type SuiteReport, type SuiteSecrets } from '../tester/suite/run-suite';
import { parseSuite, SuiteFileError, type Suite } from '../tester/suite/suite-file';
import { parseInteger } from './args';
import { withServices, type CommandContext } from './command-context';
import { CliFailure } from './errors';

export const SUITE_EXIT_MAX_FAILED = 124;
export const SUITE_EXIT_UNREADABLE = 125;

export interface SuiteFlags {
  file: string;
  json: boolean;
  junit: string | undefined;
  concurrency: string | undefined;
  allowInlineSecrets: boolean;
  dataDir: string | undefined;
}

export async function runSuiteCommand(flags: SuiteFlags, ctx: CommandContext): Promise<number> {
  let suite: Suite;
  try {
    const text = flags.file === '-' ? await readAllStdin() : await readFile(flags.file, 'utf8');
    suite = parseSuite(text, { allowInlineSecrets: flags.allowInlineSecrets });
  } catch (error) {
    const why = error instanceof SuiteFileError ? error.message : `cannot read ${flags.file}: ${error instanceof Error ? error.message : String(error)}`;
    ctx.io.stderr(`authbahn: ${why}\n`);
    return SUITE_EXIT_UNREADABLE;
  }
  const concurrency = flags.concurrency === undefined ? undefined : parseInteger('--concurrency', flags.concurrency, 1, 32);
  const needsServices = suite.cases.some((c) => needsKeychain(c.secret ?? suite.defaults?.secret) || (c.totpAccount ?? suite.defaults?.totpAccount) !== undefined);
  const { runTest } = await import('../tester/run-test');
  const run = (secrets: SuiteSecrets) =>
    runSuite(suite, {
      secrets,
      runTest,
      ...(ctx.deps.now ? { now: ctx.deps.now } : {}),
      ...(concurrency ? { concurrency } : {}),
      ...(flags.json ? {} : { onCase: (c: CaseReport) => ctx.io.stderr(progressLine(c)) }),
    });
  const env = (name: string) => ctx.io.env[name];
  const report = needsServices
    ? await withServices(ctx, { dataDirFlag: flags.dataDir, needsKeychain: true }, (services) =>
        run({
          env,
          keychain: (name) => services.routerSecrets.keychainSecret(name),
          account: (query) => services.routerSecrets.totpAccount(query),
          profile: async (wanted) => {
            const profiles = await services.handlers.tester.listProfiles();
            const found = profiles.find((p) => p.id === wanted) ?? profiles.find((p) => p.name.toLowerCase() === wanted.toLowerCase());
            if (!found) throw new Error(`no saved tester profile "${wanted}"`);
            const secret = await services.tester.profileSecret(found.id);
            if (!secret) throw new Error(`the tester profile "${found.name}" has no secret in the keychain`);
            return secret;
          },
        }),
      )
    : await run({ env, ...noKeychain });
  if (flags.junit !== undefined) {
    try {
      await writeFile(flags.junit, junitXml(report), { encoding: 'utf8', mode: 0o644 });
    } catch (error) {
      throw new CliFailure(`cannot write the JUnit report to ${flags.junit}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  ctx.io.stdout(flags.json ? `${JSON.stringify(suiteJson(report), null, 2)}\n` : suiteTable(report));
  return Math.min(report.failed + report.errors, SUITE_EXIT_MAX_FAILED);
}

function needsKeychain(ref: unknown): boolean {
  return typeof ref === 'object' && ref !== null && ('keychain' in ref || 'profile' in ref);
}

const noKeychain: Omit<SuiteSecrets, 'env'> = {
  keychain: async () => {
    throw new Error('keychain references need the keychain');
  },
  profile: async () => {
    throw new Error('profile references need the keychain');
  },
  account: async () => {
    throw new Error('account references need the keychain');
  },
};

async function readAllStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks).toString('utf8');
}

function progressLine(c: CaseReport): string {
  return `authbahn: ${c.status === 'passed' ? 'PASS' : c.status === 'failed' ? 'FAIL' : 'ERROR'} ${c.name}\n`;
}

function got(r: TestResult | undefined): string {
  if (!r) return '-';
  if (r.outcome === 'welcome') return `welcome as ${r.details.welcome?.authrole ?? '?'}`;
  return `${r.outcome} ${r.reason}`;
}

export function suiteTable(report: SuiteReport): string {
  const width = Math.min(48, Math.max(4, ...report.cases.map((c) => c.name.length)));
  const gotWidth = Math.min(48, Math.max(3, ...report.cases.map((c) => got(c.result).length)));
  const lines = [`Suite "${report.name}": ${report.cases.length} cases`, ''];
  for (const c of report.cases) {
    const mark = c.status === 'passed' ? 'PASS ' : c.status === 'failed' ? 'FAIL ' : 'ERROR';
    lines.push(`  ${mark} ${c.name.padEnd(width)}  ${got(c.result).padEnd(gotWidth)}  ${`${Math.round(c.durationMs)} ms`.padStart(8)}`);
    for (const p of c.problems) lines.push(`        ${p}`);
  }
  const notPassed = report.failed + report.errors;
  lines.push(
    '',
    `${report.passed} of ${report.cases.length} cases passed${notPassed ? ` (${report.failed} failed${report.errors ? `, ${report.errors} could not run` : ''})` : ''} in ${(report.durationMs / 1000).toFixed(1)} s`,
  );
  return `${lines.join('\n')}\n`;
}

function suiteJson(report: SuiteReport) {
  return {
    ...report,
    cases: report.cases.map(({ result, ...c }) =>
      result
        ? { ...c, outcome: result.outcome, reason: result.reason, diagnosis: result.diagnosis, details: result.details, trace: result.trace, probes: result.probes }
        : c,
    ),
  };
}
