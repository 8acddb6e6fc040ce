// `authbahn router`: runs the local WAMP router from a Crossbar-style config.json until SIGINT/SIGTERM,
// logging every authentication outcome to stderr. Also prints an example config and manages router
// secrets in the keychain (referenced from a config as {"keychain": "NAME"}).
import { resolve as resolvePath } from 'node:path';
import { toAppErrorData } from '../../shared/api/errors';
import type { AuthAttemptEvent } from '../router/types';
import type { SecretResolver } from '../router/auth/secret-refs';
import { RouterConfigError } from '../router/config/config-error';
import { EXAMPLE_CONFIG, EXAMPLE_GUIDE } from '../router/config/example-config';
import { loadRouterConfigFile } from '../router/config/load-config';
import { planUsesVault } from '../router/config/plan-secrets';
import type { RouterPlan } from '../router/config/router-plan';
import { describeListenError } from '../router/config/compose-router';
import { LOG_MESSAGE_MAX, logText } from '../router/log-text';
import { SecretReferenceError, startConfiguredRouter, type ConfiguredRouter } from '../router/config/start-configured-router';
import { parseCommandArgs, parseInteger } from './args';
import { cliDataDir, readStdin, withServices, type CommandContext } from './command-context';
import { FileTotpReplayStore } from '../router/auth/totp-replay-file';
import type { TotpReplayStore } from '../router/auth/totp-verifier';
import { EXIT } from './context';
import { CliFailure, UsageError } from './errors';
import { CertificateExistsError, writeSelfSignedCertificate } from '../tls/cert-files';

export const ROUTER_USAGE = `Usage:
  authbahn router --config FILE [--host ADDRESS] [--port N] [--json]
  authbahn router --example-config
  authbahn router cert --out DIR [--days N] [--force]
  authbahn router secret set NAME        (the secret is read from standard input)
  authbahn router secret delete NAME

Run the local WAMP router (WebSocket and RawSocket, plain or TLS, on TCP or a Unix socket; JSON,
MessagePack, CBOR) from a Crossbar config.json (version 2): realms with role permissions, transports
("websocket", "web", "rawsocket", "universal") with anonymous, ticket (static, dynamic, TOTP) and
WAMP-CRA (static, salted, dynamic) and WAMP-Cryptosign (static, dynamic) authentication. Stops cleanly on Ctrl+C (GOODBYE
wamp.close.system_shutdown to every session). Authentication outcomes are logged to stderr.

Options:
  --config FILE       the router config (Crossbar config.json format, version 2)
  --host ADDRESS      bind the first transport to ADDRESS instead of its endpoint "interface"
                      (endpoints without "interface" bind to 127.0.0.1)
  --port N            listen on port N (0: any free port) for the first transport
  --json              print one JSON line {"transports":[{"id","url"}]} on stdout when listening
  --example-config    print a working example config on stdout and a guide to its keys on stderr
  --data-dir DIR      folder of the account metadata (for TOTP tickets that name an account)
  -h, --help          show this help

router cert: make a self-signed TLS certificate for localhost, 127.0.0.1 and ::1 (ECDSA P-256,
made without openssl) as DIR/cert.pem and DIR/key.pem (readable by you only), and print its SHA-256
fingerprint. Use them in an endpoint: "tls": {"key": "DIR/key.pem", "certificate": "DIR/cert.pem"}
(relative paths start at the config file's folder); clients trust it with the cert.pem as their CA
file (\`authbahn test --ca DIR/cert.pem\`) or pin the fingerprint (\`authbahn test --pin SHA256\`).
  --out DIR           folder for cert.pem and key.pem (created if missing)
  --days N            validity in days (default 365)
  --force             replace existing files (clients that trust the old certificate will refuse)

Secrets: "secret"/"ticket" values may be {"keychain": "NAME"}: the keychain item router:NAME, stored
with \`authbahn router secret set NAME\`. TOTP tickets: {"totp": "BASE32"}, {"totp": {"keychain": "NAME"}}
or {"totp": {"account": "ISSUER:LABEL"}} (an account of this authenticator). A cryptosign principal's
"authorized_keys" may hold {"keychain-key": "NAME"}: the public key of \`authbahn keys generate NAME\`.
`;

const OPTIONS = {
  config: { type: 'string' },
  host: { type: 'string' },
  port: { type: 'string' },
  json: { type: 'boolean' },
  'example-config': { type: 'boolean' },
  out: { type: 'string' },
  days: { type: 'string' },
  force: { type: 'boolean' },
} as const;

export async function runRouter(args: string[], ctx: CommandContext): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, OPTIONS, ROUTER_USAGE);
  if (values.help) {
    ctx.io.stdout(ROUTER_USAGE);
    return EXIT.ok;
  }
  if (positionals[0] === 'secret') return runSecret(positionals.slice(1), values['data-dir'], ctx);
  if (positionals[0] === 'cert') return runCert(positionals.slice(1), values, ctx);
  for (const flag of ['out', 'days', 'force'] as const) {
    if (values[flag] !== undefined) throw new UsageError(`--${flag} goes with \`router cert\``, ROUTER_USAGE);
  }
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`, ROUTER_USAGE);
  if (values['example-config']) {
    if (values.config !== undefined) throw new UsageError('give either --example-config or --config, not both', ROUTER_USAGE);
    ctx.io.stdout(EXAMPLE_CONFIG);
    ctx.io.stderr(EXAMPLE_GUIDE);
    return EXIT.ok;
  }
  if (values.config === undefined) throw new UsageError('which config? give --config FILE (or --example-config for a start)', ROUTER_USAGE);
  const port = values.port === undefined ? undefined : parseInteger('--port', values.port, 0, 65_535);
  const host = values.host?.trim();
  if (host === '') throw new CliFailure('--host must not be empty');

  let plan: RouterPlan;
  try {
    plan = await loadRouterConfigFile(values.config);
  } catch (error) {
    if (error instanceof RouterConfigError) throw new CliFailure(error.message);
    throw error;
  }
  for (const warning of plan.warnings) ctx.io.stderr(`authbahn router: warning: ${logText(warning, LOG_MESSAGE_MAX)}\n`);

  const flags = { host, port, json: values.json === true };
  if (!planUsesVault(plan)) {
    // No keychain needed, but the data folder still holds the TOTP replay history shared with the app.
    const totpReplay = new FileTotpReplayStore({ dir: cliDataDir(ctx, values['data-dir']), now: ctx.deps.now ?? Date.now, warn: (m) => ctx.io.stderr(`authbahn router: warning: ${m}\n`) });
    return serve(plan, undefined, totpReplay, flags, ctx);
  }
  // Keychain or account references: open the vault; every reference is checked before listening.
  return withServices(ctx, { dataDirFlag: values['data-dir'], needsKeychain: true }, (services) =>
    serve(plan, services.routerSecrets, services.totpReplay, flags, ctx),
  );
}

interface ServeFlags {
  host: string | undefined;
  port: number | undefined;
  json: boolean;
}

async function serve(
  plan: RouterPlan,
  secrets: SecretResolver | undefined,
  totpReplay: TotpReplayStore,
  flags: ServeFlags,
  ctx: CommandContext,
): Promise<number> {
  const { io } = ctx;
  const log = (line: string) => io.stderr(`${new Date((ctx.deps.now ?? Date.now)()).toISOString()} ${line}\n`);
  let running: ConfiguredRouter;
  try {
    running = await startConfiguredRouter(plan, {
      ...(secrets ? { secrets } : {}),
      totpReplay,
      ...(ctx.deps.now ? { now: ctx.deps.now } : {}),
      // The core's event is the final word on each login (it also sees unknown realms, undefined roles
      // and AUTHENTICATE timeouts, which the transport's authenticator never decides).
      onAuthAttempt: (event) => log(describeAuthAttempt(event)),
      onAuthorizationError: (e) => log(describeAuthorizationError(e)),
      override: { ...(flags.host !== undefined ? { host: flags.host } : {}), ...(flags.port !== undefined ? { port: flags.port } : {}) },
    });
  } catch (error) {
    if (error instanceof SecretReferenceError) throw new CliFailure(error.message);
    const listen = typeof (error as NodeJS.ErrnoException).code === 'string';
    throw new CliFailure(`the router could not start: ${listen ? describeListenError(error) : toAppErrorData(error).message}`);
  }
  const { router, transports: bound } = running;

  const transports = bound.map((t) => ({ id: t.id, url: t.url, ...(t.urls.length > 1 ? { urls: t.urls } : {}) }));
  if (flags.json) io.stdout(`${JSON.stringify({ transports })}\n`);
  const say = flags.json ? io.stderr : io.stdout;
  say(`WAMP router listening (realms: ${plan.realms.map((r) => r.name).join(', ')}):\n${bound.map((t) => `  ${t.id}  ${t.urls.join('  ')}\n`).join('')}`);
  for (const t of bound) {
    for (const warning of t.warnings ?? []) io.stderr(`authbahn router: warning: ${logText(warning, LOG_MESSAGE_MAX)}\n`);
    if (t.socketPath === undefined && !isLoopback(t.host)) io.stderr(`authbahn router: warning: transport "${t.id}" listens on ${t.host}, reachable from other machines\n`);
  }
  say('Press Ctrl+C to stop.\n');

  await io.untilSignal();
  say('Stopping the router (GOODBYE wamp.close.system_shutdown)…\n');
  await router.stop();
  return EXIT.ok;
}

/**
 * One log line per login attempt; never a secret. Every field may be peer text (authid, realm, an
 * authenticator's message quoting them), so each is bounded and escaped: one attempt, one short line.
 */
export function describeAuthAttempt(e: AuthAttemptEvent): string {
  const realm = logText(e.identity?.realm ?? e.realm);
  const authid = logText(e.identity?.authid ?? e.authid);
  const method = logText(e.identity?.authmethod ?? e.authmethod);
  const who = `transport=${logText(e.transportId)} peer=${logText(e.peer)} realm=${realm} authid=${authid} method=${method}`;
  if (e.outcome === 'success') return `auth: ${who} → welcome role=${logText(e.identity?.authrole)}`;
  const message = e.message === undefined ? '' : logText(e.message, LOG_MESSAGE_MAX);
  return `auth: ${who} → abort ${logText(e.reason)}: ${message}${e.stage === 'timeout' ? ' (timeout)' : ''}`;
}

/** The log line of a failed dynamic authorizer; the URI and error text come from peers. */
export function describeAuthorizationError(e: { realm: string; role: string; action: string; uri: string; error: string }): string {
  return `authorizer: realm=${logText(e.realm)} role=${logText(e.role)} ${logText(e.action)} ${logText(e.uri)} failed: ${logText(e.error, LOG_MESSAGE_MAX)}`;
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host.startsWith('127.');
}

async function runSecret(args: string[], dataDir: string | undefined, ctx: CommandContext): Promise<number> {
  const [action, name, ...rest] = args;
  if ((action !== 'set' && action !== 'delete') || name === undefined || rest.length > 0) {
    throw new UsageError('expected: router secret set NAME | router secret delete NAME', ROUTER_USAGE);
  }
  const value = action === 'set' ? (await readStdin(ctx)).replace(/\r?\n$/, '') : '';
  return withServices(ctx, { dataDirFlag: dataDir, needsKeychain: true }, async (services) => {
    if (action === 'set') {
      await services.routerSecrets.setKeychainSecret(name, value);
      ctx.io.stderr(`Stored keychain item router:${name}. Reference it in a config as {"keychain": "${name}"}.\n`);
      return EXIT.ok;
    }
    const deleted = await services.routerSecrets.deleteKeychainSecret(name);
    if (!deleted) throw new CliFailure(`there is no keychain item router:${name}`);
    ctx.io.stderr(`Deleted keychain item router:${name}.\n`);
    return EXIT.ok;
  });
}

async function runCert(args: string[], values: { out?: string; days?: string; force?: boolean }, ctx: CommandContext): Promise<number> {
  if (args.length > 0) throw new UsageError(`unexpected argument "${args[0]}"`, ROUTER_USAGE);
  if (values.out === undefined || values.out.trim() === '') throw new UsageError('where to? give --out DIR', ROUTER_USAGE);
  const days = values.days === undefined ? 365 : parseInteger('--days', values.days, 1, 3650);
  let written;
  try {
    written = await writeSelfSignedCertificate(resolvePath(values.out), { days, force: values.force === true, ...(ctx.deps.now ? { now: ctx.deps.now } : {}) });
  } catch (error) {
    if (error instanceof CertificateExistsError) throw new CliFailure(error.message);
    throw new CliFailure(`cannot write the certificate: ${error instanceof Error ? error.message : String(error)}`);
  }
  ctx.io.stdout(`SHA-256 fingerprint: ${written.fingerprint256}\n`);
  ctx.io.stderr(
    `Wrote ${written.certFile} and ${written.keyFile} (self-signed for localhost, 127.0.0.1 and ::1; valid until ${written.notAfter}).\n` +
      `Endpoint config: "tls": {"key": ${JSON.stringify(written.keyFile)}, "certificate": ${JSON.stringify(written.certFile)}}\n` +
      `Clients: trust ${written.certFile} as their CA file (authbahn test --ca ${written.certFile}) or pin the fingerprint (authbahn test --pin ${written.fingerprint256.replace(/:/g, '')}).\n`,
  );
  return EXIT.ok;
}
