// `authbahn test`: the connection tester on the command line. Runs one test against any WAMP router
// and prints the trace, the diagnosis and the probe matrix (or --json). Exit codes: 0 welcome (and
// every probe allowed), 1 ABORT or a probe not allowed, 2 no WAMP connection (or a usage error).
import { writeFile } from 'node:fs/promises';
import { resolve as resolvePath } from 'node:path';
import { normalizeFingerprint } from '../../shared/wamp/fingerprint';
import { parseRouterUrl, ROUTER_URL_FORMS } from '../../shared/wamp/router-url';
import type { TestResult, TesterAuthMethod, TesterProfileDraft, TesterSerializer } from '../../shared/api/tester-contract';
import { DEFAULT_TEST_TIMEOUT_MS, MAX_PROBES_PER_ACTION, TESTER_AUTHMETHODS, TESTER_SERIALIZERS } from '../../shared/api/tester-constants';
import { buildReport, traceLine } from '../tester/report';
import { resolveCredential } from '../tester/resolve-credential';
import { runTest } from '../tester/run-test';
import { redactUrlPassword, urlPassword } from '../../shared/wamp/url-password';
import { parseCommandArgs, parseInteger, warnSecretFlags, warnSecretInArgv } from './args';
import { readStdin, VERSION, withServices, type CommandContext } from './command-context';
import { EXIT } from './context';
import { CliFailure, UsageError } from './errors';
import { requireAccount } from './find-account';

export const TEST_USAGE = `Usage: authbahn test --url URL --realm REALM [options]
       authbahn test --profile NAME [options]
       authbahn test --all [--json] [--report FILE]
       authbahn test --suite FILE [--json] [--junit FILE] [--concurrency N]

Test a connection to any WAMP router (ours, Crossbar, Nexus, Bondy, …): connect, authenticate, join,
optionally probe permissions, and explain the outcome. Every frame is traced with its time; tickets and
signatures are shown as "•••".

Connection:
  --url URL               the router: ws://host:port/path or wss://… (WebSocket), rs://host:port or
                          rss://host:port (RawSocket, rss with TLS), unix:/path/to/socket (RawSocket
                          on a Unix socket); a password in a ws(s) URL (ws://user:PASSWORD@host, sent
                          as HTTP Basic auth) is shown as "•••"; --url - reads the URL from standard input
  --realm REALM           realm to join
  --serializer S          json (default), msgpack or cbor
  --timeout MS            timeout of each step (connect, handshake, each probe), default ${DEFAULT_TEST_TIMEOUT_MS}
  --ca FILE               wss://, rss://: trust the certificates in FILE (PEM: the router's self-signed
                          cert.pem or its CA) instead of the system's; the host name is still checked
  --pin SHA256            wss://, rss://: accept exactly the certificate with this SHA-256 fingerprint
                          (AB:CD:… or hex; shown by \`authbahn router cert\` and in failed runs), for any
                          host name, self-signed or not
  --insecure              wss://, rss://: accept any certificate (prints a warning; protects against nothing)
  --profile NAME          use a saved tester profile (name or id) and its keychain secret;
                          other options given here override the profile's
  --all                   test every saved profile, one after another

Authentication (default: anonymous, or what the secret option implies):
  --authmethod M          anonymous, ticket, wampcra, totp (TOTP code sent as a WAMP-Ticket) or
                          cryptosign (--cryptosign-key NAME, or --secret: the Ed25519 private key,
                          32 bytes in hex)
  --authid ID             authid to announce in HELLO
  --authrole ROLE         authrole to request in HELLO (Crossbar extension)
  --ticket T              WAMP-Ticket (implies --authmethod ticket)
  --secret S              WAMP-CRA secret (implies --authmethod wampcra), or the ticket, TOTP secret
                          or cryptosign private key with an explicit --authmethod
  --totp-secret BASE32    TOTP secret; the current code is sent as the ticket (implies --authmethod totp)
  --totp-account ACCOUNT  use the TOTP secret of a stored authenticator account (implies totp)
  --cryptosign-key NAME   sign with the stored key NAME (see \`authbahn keys\`; implies cryptosign)
  --salt S --iterations N --keylen N
                          WAMP-CRA key derivation to use when the router's CHALLENGE carries no salt;
                          if the router rejects that key, the secret itself is tried (craKey "unsalted":
                          the options do not apply to this user). A CHALLENGE's own salt always wins.
  Any secret value may be "-" to read it from standard input (keeps it out of shell history and
  out of the process list); a secret given on the command line gets a warning on stderr.

Probes after joining (each may be repeated, up to ${MAX_PROBES_PER_ACTION} each):
  --call PROC             call a procedure (no_such_procedure counts as allowed: nothing registered)
  --register PROC         register and unregister a procedure
  --publish TOPIC         publish with acknowledge (a denied publish is silent otherwise)
  --subscribe TOPIC       subscribe and unsubscribe

Suites (for CI):
  --suite FILE            run the cases of a JSON or YAML suite file (- reads standard input), a few
                          at a time; each says what it expects (welcome with a role, abort with a
                          reason, probes allowed/denied). Secrets come from {"env": NAME},
                          {"keychain": NAME} (router:NAME, see \`authbahn router secret set\`),
                          {"profile": NAME} or, only with --allow-inline-secrets, the file itself.
                          Exit code: the number of cases that did not pass (at most 124);
                          125: the suite file could not be read.
  --junit FILE            also write JUnit XML (rendered by CI servers)
  --concurrency N         cases at once (default: the suite's "concurrency", else 4)
  --allow-inline-secrets  accept secrets written in the suite file

Output:
  --json                  print {outcome, reason, diagnosis, warnings, details, trace, probes}
                          (with --all: a list of them)
  --report FILE           also write a report: JSON if FILE ends in .json, else Markdown
  --data-dir DIR          folder of the profiles and account metadata (for --profile/--totp-account)
  -h, --help              show this help

Exit codes: 0 welcome (and every probe allowed), 1 ABORT or a probe denied/failed,
2 no WAMP connection (refused, DNS, TLS, timeout, no common serializer, protocol error) or usage error.
With --all, the worst result decides.
`;

const OPTIONS = {
  url: { type: 'string' },
  realm: { type: 'string' },
  serializer: { type: 'string' },
  timeout: { type: 'string' },
  profile: { type: 'string' },
  authmethod: { type: 'string' },
  authid: { type: 'string' },
  authrole: { type: 'string' },
  ticket: { type: 'string' },
  secret: { type: 'string' },
  'totp-secret': { type: 'string' },
  'totp-account': { type: 'string' },
  'cryptosign-key': { type: 'string' },
  salt: { type: 'string' },
  iterations: { type: 'string' },
  keylen: { type: 'string' },
  ca: { type: 'string' },
  pin: { type: 'string' },
  insecure: { type: 'boolean' },
  call: { type: 'string', multiple: true },
  register: { type: 'string', multiple: true },
  publish: { type: 'string', multiple: true },
  subscribe: { type: 'string', multiple: true },
  json: { type: 'boolean' },
  all: { type: 'boolean' },
  report: { type: 'string' },
  suite: { type: 'string' },
  junit: { type: 'string' },
  concurrency: { type: 'string' },
  'allow-inline-secrets': { type: 'boolean' },
} as const;

type Values = ReturnType<typeof parseCommandArgs<typeof OPTIONS>>['values'];

export async function runTestCommand(args: string[], ctx: CommandContext): Promise<number> {
  const { values: parsed, positionals } = parseCommandArgs(args, OPTIONS, TEST_USAGE);
  const values = { ...parsed };
  if (values.help) {
    ctx.io.stdout(TEST_USAGE);
    return EXIT.ok;
  }
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`, TEST_USAGE);
  if (values.suite !== undefined) return runSuiteFromFlags(values, ctx);
  for (const flag of ['junit', 'concurrency', 'allow-inline-secrets'] as const) {
    if (values[flag] !== undefined) throw new UsageError(`--${flag} goes with --suite`, TEST_USAGE);
  }
  if (values.all) return runAllCommand(values, ctx);
  const secretFlags = (['ticket', 'secret', 'totp-secret'] as const).filter((f) => values[f] !== undefined);
  if (secretFlags.length > 1) throw new UsageError(`give only one of --${secretFlags.join(', --')}`, TEST_USAGE);
  if (values['totp-account'] !== undefined && secretFlags.length > 0) throw new UsageError('--totp-account replaces the secret options', TEST_USAGE);
  if (values['cryptosign-key'] !== undefined && (secretFlags.length > 0 || values['totp-account'] !== undefined)) {
    throw new UsageError('--cryptosign-key replaces the secret options', TEST_USAGE);
  }
  if (values.profile === undefined && (values.url === undefined || values.realm === undefined)) {
    throw new UsageError('give --url and --realm (or --profile NAME)', TEST_USAGE);
  }
  if (values.insecure && (values.pin !== undefined || values.ca !== undefined)) throw new UsageError('--insecure turns certificate checks off; it cannot go with --pin or --ca', TEST_USAGE);
  if (values.pin !== undefined && normalizeFingerprint(values.pin) === undefined) {
    throw new UsageError(`--pin must be a SHA-256 certificate fingerprint (64 hex digits, colons allowed), got "${values.pin}"`, TEST_USAGE);
  }
  if (values.insecure) ctx.io.stderr('authbahn: warning: --insecure: the router\'s TLS certificate is not checked; anyone between here and the router can read and change this connection. Prefer --ca FILE or --pin SHA256.\n');
  const saltFlags = [values.salt, values.iterations, values.keylen].filter((v) => v !== undefined).length;
  if (saltFlags > 0 && values.salt === undefined) throw new UsageError('--iterations and --keylen need --salt', TEST_USAGE);

  const flagSecret = secretFlags[0] === undefined ? undefined : values[secretFlags[0]]!;
  if (flagSecret === '-' && values.url === '-') throw new UsageError('only one of --url and the secret can be read from standard input', TEST_USAGE);
  warnSecretFlags(ctx.io.stderr, values, secretFlags);
  if (values.url !== undefined && values.url !== '-' && urlPassword(values.url) !== null) {
    warnSecretInArgv(ctx.io.stderr, 'the password in --url', 'use --url - to read the URL from standard input');
  }
  const secret = flagSecret === '-' ? (await readStdin(ctx)).replace(/\r?\n$/, '') : flagSecret;
  if (flagSecret === '-' && !secret) throw new CliFailure('standard input held no secret');
  if (values.url === '-') {
    values.url = (await readStdin(ctx)).trim();
    if (!values.url) throw new CliFailure('standard input held no URL');
  }

  const needsServices = values.profile !== undefined || values['totp-account'] !== undefined || values['cryptosign-key'] !== undefined;
  if (!needsServices) {
    const draft = overrideDraft(undefined, values);
    const credential = resolveCredential(draft, secret ?? null, { profileId: null, now: ctx.deps.now ?? Date.now });
    const result = await runTest({ profile: draft, profileId: null, credential, ...(ctx.deps.now ? { now: ctx.deps.now } : {}) });
    await writeReport(ctx, values.report, [result]);
    return report(ctx, result, values.json === true);
  }
  return withServices(ctx, { dataDirFlag: values['data-dir'], needsKeychain: true }, async (services) => {
    let base: TesterProfileDraft | undefined;
    let profileId: string | null = null;
    let storedSecret: string | null = null;
    if (values.profile !== undefined) {
      const profiles = await services.handlers.tester.listProfiles();
      const wanted = values.profile;
      const found = profiles.find((p) => p.id === wanted) ?? profiles.filter((p) => p.name.toLowerCase() === wanted.toLowerCase())[0];
      if (!found) throw new CliFailure(`no tester profile named "${wanted}"${profiles.length ? ` (saved: ${profiles.map((p) => p.name).join(', ')})` : ''}`);
      const { id, hasSecret, createdAt: _c, updatedAt: _u, ...draft } = found;
      base = draft;
      profileId = id;
      // Read from the keychain here: the profile's own secret, unless the command line gave one (or a stored key).
      if (hasSecret && secret === undefined && values['cryptosign-key'] === undefined && !(draft.authmethod === 'cryptosign' && draft.cryptosignKey)) {
        storedSecret = await services.tester.profileSecret(id);
      }
    }
    const draft = overrideDraft(base, values);
    if (values['totp-account'] !== undefined) {
      const account = requireAccount(await services.handlers.accounts.list(), values['totp-account']);
      draft.totpAccountId = account.id;
      draft.authmethod = 'totp';
    }
    if (values['cryptosign-key'] !== undefined) {
      const name = values['cryptosign-key'];
      if ((await services.keys.publicKey(name)) === null) throw new CliFailure(`no key named "${name}" (see: authbahn keys list)`);
      draft.cryptosignKey = name;
    }
    const result = await services.tester.runProfile(draft, profileId, secret ?? storedSecret);
    // A run of a saved profile joins its history (shown in the app's Tester), like a run from the app.
    const unrecorded = profileId === null ? null : await services.tester.record(result, 'cli');
    if (unrecorded !== null) ctx.io.stderr(`authbahn: warning: ${unrecorded}\n`);
    await writeReport(ctx, values.report, [result]);
    return report(ctx, result, values.json === true);
  });
}

async function runSuiteFromFlags(values: Values, ctx: CommandContext): Promise<number> {
  const allowed = new Set(['suite', 'json', 'junit', 'concurrency', 'allow-inline-secrets', 'data-dir']);
  const others = Object.keys(values).filter((k) => !allowed.has(k) && values[k as keyof Values] !== undefined);
  if (others.length > 0) throw new UsageError(`--suite takes its connections from the file; leave out --${others[0]}`, TEST_USAGE);
  const { runSuiteCommand } = await import('./test-suite');
  return runSuiteCommand(
    {
      file: values.suite!,
      json: values.json === true,
      junit: values.junit,
      concurrency: values.concurrency,
      allowInlineSecrets: values['allow-inline-secrets'] === true,
      dataDir: values['data-dir'],
    },
    ctx,
  );
}

async function runAllCommand(values: Values, ctx: CommandContext): Promise<number> {
  const others = Object.keys(OPTIONS).filter((k) => k !== 'all' && k !== 'json' && k !== 'report' && values[k as keyof Values] !== undefined);
  if (others.length > 0) throw new UsageError(`--all runs the saved profiles as they are; leave out --${others[0]}`, TEST_USAGE);
  return withServices(ctx, { dataDirFlag: values['data-dir'], needsKeychain: true }, async (services) => {
    const results = await services.tester.runAll('cli');
    if (results.length === 0) throw new CliFailure('no saved tester profiles (save some in the app\'s Connection tester)');
    await writeReport(ctx, values.report, results);
    if (values.json) ctx.io.stdout(`${JSON.stringify(results.map(cliJson), null, 2)}\n`);
    else ctx.io.stdout(results.map(formatResult).join(`\n${'='.repeat(72)}\n\n`));
    return Math.max(...results.map(exitCodeOf));
  });
}

async function writeReport(ctx: CommandContext, file: string | undefined, results: TestResult[]): Promise<void> {
  if (file === undefined) return;
  const format = file.toLowerCase().endsWith('.json') ? 'json' : 'markdown';
  const built = buildReport(results, format, { version: VERSION, generatedAt: new Date((ctx.deps.now ?? Date.now)()).toISOString() });
  try {
    await writeFile(file, built.content, { encoding: 'utf8', mode: 0o600 });
  } catch (error) {
    throw new CliFailure(`cannot write the report to ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
  ctx.io.stderr(`authbahn: report written to ${file}\n`);
}

/** The profile the flags describe, on top of a saved one if given. */
function overrideDraft(base: TesterProfileDraft | undefined, values: Values): TesterProfileDraft {
  const serializer = values.serializer?.trim().toLowerCase() ?? base?.serializer ?? 'json';
  if (!(TESTER_SERIALIZERS as readonly string[]).includes(serializer)) {
    throw new CliFailure(`--serializer must be one of ${TESTER_SERIALIZERS.join(', ')}, got "${values.serializer}"`);
  }
  let authmethod = values.authmethod?.trim().toLowerCase() ?? impliedAuthmethod(values) ?? base?.authmethod ?? 'anonymous';
  if (authmethod === 'ticket' && values['totp-secret'] !== undefined) authmethod = 'totp';
  if (!(TESTER_AUTHMETHODS as readonly string[]).includes(authmethod)) {
    throw new CliFailure(`--authmethod must be one of ${TESTER_AUTHMETHODS.join(', ')}, got "${values.authmethod}"`);
  }
  const url = values.url ?? base?.url ?? '';
  const parsedUrl = parseRouterUrl(url);
  if (!parsedUrl.ok) throw new CliFailure(`--url must be ${ROUTER_URL_FORMS}; "${redactUrlPassword(url)}": ${parsedUrl.error}`);
  const probe = (list: string[] | undefined, fallback: string[] | undefined, flag: string) => {
    const uris = list ?? fallback ?? [];
    if (uris.length > MAX_PROBES_PER_ACTION) throw new CliFailure(`at most ${MAX_PROBES_PER_ACTION} --${flag} probes`);
    for (const uri of uris) if (uri.length === 0 || uri.length > 512) throw new CliFailure(`--${flag} needs a URI of 1 to 512 characters`);
    return uris;
  };
  const draft: TesterProfileDraft = {
    name: base?.name ?? redactUrlPassword(url),
    url,
    realm: values.realm ?? base?.realm ?? '',
    authmethod: authmethod as TesterAuthMethod,
    serializer: serializer as TesterSerializer,
    timeoutMs: values.timeout === undefined ? (base?.timeoutMs ?? DEFAULT_TEST_TIMEOUT_MS) : parseInteger('--timeout', values.timeout, 100, 120_000),
    probes: {
      call: probe(values.call, base?.probes.call, 'call'),
      register: probe(values.register, base?.probes.register, 'register'),
      publish: probe(values.publish, base?.probes.publish, 'publish'),
      subscribe: probe(values.subscribe, base?.probes.subscribe, 'subscribe'),
    },
  };
  if (draft.realm === '' || draft.realm.length > 255) throw new CliFailure('--realm must be 1 to 255 characters');
  if (values['cryptosign-key'] !== undefined && draft.authmethod !== 'cryptosign') throw new CliFailure(`--cryptosign-key goes with --authmethod cryptosign, not ${draft.authmethod}`);
  const authid = values.authid ?? base?.authid;
  const authrole = values.authrole ?? base?.authrole;
  if (authid) draft.authid = authid;
  if (authrole) draft.authrole = authrole;
  if (base?.totpAccountId && values['totp-secret'] === undefined && values.secret === undefined) draft.totpAccountId = base.totpAccountId;
  if (base?.cryptosignKey && values.secret === undefined && values['cryptosign-key'] === undefined) draft.cryptosignKey = base.cryptosignKey;
  if (base?.totp) draft.totp = base.totp;
  if (values.salt !== undefined) {
    draft.cra = {
      salt: values.salt,
      iterations: values.iterations === undefined ? 1000 : parseInteger('--iterations', values.iterations, 1, 10_000_000),
      keylen: values.keylen === undefined ? 32 : parseInteger('--keylen', values.keylen, 1, 1024),
    };
  } else if (base?.cra) draft.cra = base.cra;
  const tls = { ...(base?.tls ?? {}) };
  if (values.ca !== undefined) tls.caFile = resolvePath(values.ca);
  if (values.pin !== undefined) tls.pin = values.pin;
  if (values.insecure) tls.insecure = true;
  if (Object.keys(tls).length > 0) {
    if (!parsedUrl.tls && (values.ca !== undefined || values.pin !== undefined || values.insecure)) {
      throw new CliFailure('--ca, --pin and --insecure are for wss:// and rss:// URLs');
    }
    draft.tls = tls;
  }
  return draft;
}

function impliedAuthmethod(values: Values): TesterAuthMethod | undefined {
  if (values.ticket !== undefined) return 'ticket';
  if (values['totp-secret'] !== undefined || values['totp-account'] !== undefined) return 'totp';
  if (values['cryptosign-key'] !== undefined) return 'cryptosign';
  if (values.secret !== undefined) return 'wampcra';
  return undefined;
}

export function exitCodeOf(result: TestResult): number {
  if (result.outcome === 'no_connection') return EXIT.usage;
  if (result.outcome === 'abort') return EXIT.failure;
  return result.probes.every((p) => p.outcome === 'allowed') ? EXIT.ok : EXIT.failure;
}

function report(ctx: CommandContext, result: TestResult, json: boolean): number {
  if (json) {
    ctx.io.stdout(`${JSON.stringify(cliJson(result), null, 2)}\n`);
  } else {
    ctx.io.stdout(formatResult(result));
  }
  return exitCodeOf(result);
}

function cliJson(result: TestResult) {
  const { profileName, outcome, reason, diagnosis, warnings, details, trace, probes } = result;
  return { profile: profileName, outcome, reason, diagnosis, warnings, details, trace, probes };
}

export function formatResult(r: TestResult): string {
  const d = r.details;
  const lines: string[] = [];
  lines.push(`Connection test: ${d.url}  realm "${d.realm}"  ${d.authmethod}${d.authid ? ` as "${d.authid}"` : ''}  (${d.serializer})`, '');
  lines.push('Trace:');
  for (const e of r.trace) lines.push(`  ${traceLine(e)}`);
  lines.push('');
  const mark = r.outcome === 'welcome' ? 'OK' : r.outcome === 'abort' ? 'ABORT' : 'FAILED';
  lines.push(`${mark}: ${r.diagnosis.title}`);
  lines.push(`  ${r.diagnosis.explanation}`);
  lines.push(`  What to do: ${r.diagnosis.hint}`);
  if (d.welcome) {
    const w = d.welcome;
    lines.push('', 'WELCOME:');
    lines.push(`  session       ${w.session}`);
    lines.push(`  authid        ${w.authid ?? '-'}`);
    lines.push(`  authrole      ${w.authrole ?? '-'}`);
    lines.push(`  authmethod    ${w.authmethod ?? '-'}`);
    lines.push(`  authprovider  ${w.authprovider ?? '-'}`);
    lines.push(`  authextra     ${w.authextra === null ? '-' : JSON.stringify(w.authextra)}`);
    lines.push(`  router roles  ${Object.keys(w.roles).join(', ') || '-'}`);
  }
  if (d.abort) lines.push('', `ABORT: ${d.abort.reason}${d.abort.message ? ` — ${d.abort.message}` : ''}`);
  lines.push(
    '',
    `Subprotocol ${d.subprotocol ?? 'none'}; connect ${ms(d.latency.connectMs)}, handshake ${ms(d.latency.handshakeMs)}, total ${ms(d.latency.totalMs)}${d.craKey ? `; WAMP-CRA key: ${d.craKey}` : ''}`,
  );
  for (const w of r.warnings) lines.push('', `${w.severity === 'info' ? 'Note' : 'Warning'}: ${w.title}`, `  ${w.explanation}`, `  ${w.hint}`);
  if (r.probes.length > 0) {
    lines.push('', 'Probes:');
    const width = Math.max(...r.probes.map((p) => p.uri.length));
    for (const p of r.probes) lines.push(`  ${p.action.padEnd(9)} ${p.uri.padEnd(width)}  ${p.outcome.padEnd(7)}  ${p.answer}  ${p.note}`);
  }
  return `${lines.join('\n')}\n`;
}

function ms(value: number | null): string {
  return value === null ? '-' : `${value} ms`;
}
