// `authbahn test --suite` from the built CLI (`npm run build` first) against our router in this process:
// the 20-case suite file in suites/ passes with a JUnit report that a real XML parser (Python's) reads,
// a suite with wrong expectations exits with the number of cases that did not pass, and a suite that
// writes secrets in clear text is refused before anything runs.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALICE_PASSWORD, startOurRouter, TOTP_SECRET, type RunningRouter } from './support/our-router';
import { closedPort } from './support/servers';

const root = resolve(import.meta.dirname, '..', '..', '..');
const bin = join(root, 'bin', 'authbahn.js');
const suiteFile = join(import.meta.dirname, 'suites', 'our-router.suite.yaml');
let router: RunningRouter;
let work: string;
let env: NodeJS.ProcessEnv;

function authbahn(args: string[], extraEnv: NodeJS.ProcessEnv = {}): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((done, reject) => {
    const child = spawn(process.execPath, [bin, '--data-dir', join(work, 'data'), ...args], { cwd: work, env: { ...env, ...extraEnv }, stdio: 'pipe' });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (err += d.toString('utf8')));
    child.on('error', reject);
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      done({ code, out, err });
    });
    child.stdin.end();
  });
}

/** The JUnit file as Python's XML parser reads it: a well-formedness check by a parser we did not write. */
function readJunit(file: string): { tests: number; failures: number; errors: number; cases: { name: string; failure: string | null; error: string | null }[] } {
  const script = [
    'import json, sys, xml.etree.ElementTree as ET',
    'root = ET.parse(sys.argv[1]).getroot()',
    's = root.find("testsuite")',
    'cases = [{"name": c.get("name"), "failure": (c.find("failure").get("message") if c.find("failure") is not None else None),',
    '          "error": (c.find("error").get("message") if c.find("error") is not None else None)} for c in s.findall("testcase")]',
    'print(json.dumps({"tests": int(s.get("tests")), "failures": int(s.get("failures")), "errors": int(s.get("errors")), "cases": cases}))',
  ].join('\n');
  const r = spawnSync('python3', ['-c', script, file], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`python could not read ${file}: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

beforeAll(async () => {
  if (!existsSync(join(root, 'dist', 'main', 'cli.js'))) throw new Error('dist/main/cli.js is missing: run `npm run build` first');
  router = await startOurRouter();
  work = await mkdtemp(join(tmpdir(), 'authbahn-suite-'));
  const url = new URL(router.url);
  env = {
    ...process.env,
    ROUTER_URL: router.url,
    ROUTER_HTTP_URL: `ws://${url.host}/not-a-wamp-path`,
    CLOSED_URL: `ws://127.0.0.1:${await closedPort()}/ws`,
    JOE_TICKET: 'secret!!!',
    GHOST_TICKET: 'boo',
    BOB_SECRET: 'bob-secret',
    ALICE_PASSWORD,
    ANN_TOTP_SECRET: TOTP_SECRET,
    WRONG_SECRET: 'not the secret',
  };
});

afterAll(async () => {
  await router?.stop();
  if (work) await rm(work, { recursive: true, force: true });
});

describe('authbahn test --suite', () => {
  it('runs the 20-case suite against our router: every case passes, exit 0, JUnit with 20 passing testcases', async () => {
    const junit = join(work, 'junit.xml');
    const run = await authbahn(['test', '--suite', suiteFile, '--junit', junit]);
    expect(run.code, run.out + run.err).toBe(0);
    expect(run.out.match(/^ {2}PASS /gm)).toHaveLength(20);
    expect(run.out).toContain('20 of 20 cases passed');
    const report = readJunit(junit);
    expect(report).toMatchObject({ tests: 20, failures: 0, errors: 0 });
    expect(report.cases.map((c) => c.name)).toContain('joe may call, publish and subscribe but not register');
    // Secrets from the environment never reach the report.
    const xml = await readFile(junit, 'utf8');
    for (const secret of ['secret!!!', 'bob-secret', ALICE_PASSWORD, TOTP_SECRET]) expect(xml).not.toContain(secret);
  });

  it('exits with the number of cases that did not pass and says why in the table, --json and JUnit', async () => {
    const file = join(work, 'failing.suite.json');
    await writeFile(
      file,
      JSON.stringify({
        name: 'Some wrong expectations <&>',
        defaults: { url: '${ROUTER_URL}', realm: 'realm1' },
        cases: [
          { name: 'right', expect: { outcome: 'welcome', role: 'public' } },
          { name: 'wrong role', expect: { outcome: 'welcome', role: 'admin' } },
          { name: 'wrong outcome', authmethod: 'ticket', authid: 'joe', secret: { env: 'WRONG_SECRET' }, expect: { outcome: 'welcome' } },
          { name: 'probe "expected" allowed', probes: [{ call: 'com.example.add2', expect: 'allowed' }], expect: { outcome: 'welcome' } },
          { name: 'secret not set', authmethod: 'ticket', authid: 'joe', secret: { env: 'AUTHBAHN_NOT_SET' }, expect: { outcome: 'welcome' } },
        ],
      }),
    );
    const junit = join(work, 'failing.xml');
    const run = await authbahn(['test', '--suite', file, '--junit', junit]);
    expect(run.code).toBe(4);
    expect(run.out).toContain('expected role "admin", got "public"');
    expect(run.out).toMatch(/expected welcome, got abort \(wamp\.error\.not_authorized\)/);
    expect(run.out).toMatch(/call com\.example\.add2: expected allowed, got denied/);
    expect(run.out).toContain('environment variable AUTHBAHN_NOT_SET is not set');
    expect(run.out).toContain('1 of 5 cases passed (3 failed, 1 could not run)');
    const report = readJunit(junit);
    expect(report).toMatchObject({ tests: 5, failures: 3, errors: 1 });
    expect(report.cases.find((c) => c.name === 'probe "expected" allowed')?.failure).toMatch(/expected allowed, got denied/);
    expect(report.cases.find((c) => c.name === 'secret not set')?.error).toMatch(/AUTHBAHN_NOT_SET/);

    const json = await authbahn(['test', '--suite', file, '--json']);
    expect(json.code).toBe(4);
    const parsed = JSON.parse(json.out);
    expect(parsed).toMatchObject({ passed: 1, failed: 3, errors: 1 });
    expect(parsed.cases[1]).toMatchObject({ name: 'wrong role', status: 'failed', outcome: 'welcome' });
  });

  it('refuses a suite with secrets in clear text (exit 125) unless told to allow them', async () => {
    const file = join(work, 'inline.suite.yaml');
    await writeFile(
      file,
      ['defaults:', '  url: ${ROUTER_URL}', '  realm: realm1', 'cases:', '  - name: joe', '    authmethod: ticket', '    authid: joe', "    secret: 'secret!!!'", '    expect: { outcome: welcome, role: frontend }'].join('\n'),
    );
    const refused = await authbahn(['test', '--suite', file]);
    expect(refused.code).toBe(125);
    expect(refused.err).toMatch(/secrets in clear text[\s\S]*cases\.0\.secret/);
    const allowed = await authbahn(['test', '--suite', file, '--allow-inline-secrets']);
    expect(allowed.code).toBe(0);
  });

  it('names every problem of an invalid suite file with its path (exit 125)', async () => {
    const file = join(work, 'typo.suite.yaml');
    await writeFile(file, ['cases:', '  - name: a', '    url: ws://127.0.0.1:1/ws', '    realm: r', '    expcet: { outcome: welcome }'].join('\n'));
    const run = await authbahn(['test', '--suite', file]);
    expect(run.code).toBe(125);
    expect(run.err).toContain('cases.0');
    expect(run.err).toMatch(/expcet/);
  });
});
