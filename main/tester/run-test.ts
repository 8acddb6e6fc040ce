// One connection test: open, handshake, optional probes, goodbye — traced frame by frame — and the
// outcome put into plain words. For salted WAMP-CRA a rejected signature triggers a second connection
// that uses the secret as the already-derived key, to tell which interpretation the router expects
// (when the salt came from the profile's options instead of the CHALLENGE, the second connection tells
// an unsalted user apart).
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type {
  AbortInfo,
  CraKeyInterpretation,
  Diagnosis,
  DiagnosisKind,
  ProbeResult,
  TestOutcome,
  TestResult,
  TesterProfileDraft,
  WelcomeInfo,
} from '../../shared/api/tester-contract';
import { MSG } from '../../shared/wamp/codes';
import { WAMP_ERROR } from '../../shared/wamp/errors';
import type { Dict } from '../../shared/wamp/messages';
import { normalizeFingerprint } from '../../shared/wamp/fingerprint';
import { parseRouterUrl } from '../../shared/wamp/router-url';
import { SUBPROTOCOL_OF, type WampSerializer } from '../../shared/wamp/json-serializer';
import { respondCra, type CraAttempt, type CraChallengeFacts, type Credential, helloAuthmethods } from './credentials';
import { diagnose, type DiagnosisFacts } from './diagnosis';
import { hideUrlPassword } from './hide-url-password';
import { handshake, type ChallengeInfo, type ChallengeResponse, type HandshakeOutcome } from './handshake';
import { RequestIds, runProbes } from './probes';
import { signCryptosignChallenge } from './cryptosign';
import { TotpReplayMemory } from './totp-replay';
import { plain, round, Tracer } from './trace';
import type { TesterConnection } from './connection';
import { RawSocketClientConnection } from './rawsocket-client';
import type { TlsProblem, TlsTrust, TlsVerdict } from './tls-trust';
import { WampConnection, type OpenFailure } from './ws-client';
import { loadSerializer } from './load-serializer';

export interface RunTestOptions {
  profile: TesterProfileDraft;
  profileId: string | null;
  credential: Credential;
  /** Codes this tester already sent (shared across runs), to recognise a reused TOTP code. */
  replay?: TotpReplayMemory;
  /** Wall clock (Unix ms): startedAt and TOTP codes. */
  now?: () => number;
  agent?: string;
  /** Reads --ca / the profile's CA file; default the file system. */
  readCaFile?: (path: string) => Promise<Buffer>;
}

interface SentTotp {
  code: string;
  secondsLeft: number;
  sentBefore: boolean;
}

interface Attempt {
  open: OpenFailure | null;
  outcome: HandshakeOutcome | null;
  subprotocol: string | null;
  connectMs: number | null;
  handshakeMs: number | null;
  cra: CraChallengeFacts;
  ticketSent: boolean;
  totp: SentTotp | null;
  probes: ProbeResult[];
  /** TLS: the router certificate's SHA-256. */
  certificateSha256: string | null;
  /** --insecure let a certificate through that failed this check. */
  insecureProblem: TlsProblem | null;
}

const AGENT = 'Authbahn connection tester';

export async function runTest(options: RunTestOptions): Promise<TestResult> {
  const { profile, credential } = options;
  const now = options.now ?? Date.now;
  const startedAt = new Date(now()).toISOString();
  const tracer = new Tracer();
  const target = describeTarget(profile.url);
  const base = {
    id: randomUUID(),
    profileId: options.profileId,
    profileName: profile.name,
    startedAt,
  };
  const details = {
    url: profile.url,
    realm: profile.realm,
    authmethod: profile.authmethod,
    authid: profile.authid || null,
    authrole: profile.authrole || null,
    serializer: profile.serializer,
    subprotocol: null as string | null,
    tls: target.tls,
    transport: target.transport,
    certificateSha256: null as string | null,
    latency: { connectMs: null as number | null, handshakeMs: null as number | null, totalMs: 0 },
    welcome: null as WelcomeInfo | null,
    abort: null as AbortInfo | null,
    craKey: null as CraKeyInterpretation | null,
    attempts: 0,
  };
  const facts: DiagnosisFacts = {
    url: profile.url,
    host: target.host,
    hostname: target.hostname,
    realm: profile.realm,
    authid: profile.authid || null,
    authrole: profile.authrole || null,
    authmethod: profile.authmethod,
    timeoutMs: profile.timeoutMs,
    offered: [SUBPROTOCOL_OF[profile.serializer]],
    loopback: target.loopback,
    transport: target.transport,
  };
  const finish = (outcome: TestOutcome, reason: string, diagnosis: Diagnosis, warnings: Diagnosis[], probes: ProbeResult[] = []): TestResult => {
    details.latency.totalMs = tracer.elapsed();
    // The URL's password (ws://user:PASSWORD@host) is in details, trace lines and diagnosis texts: mask it.
    return hideUrlPassword({ ...base, outcome, reason, diagnosis, warnings, details, trace: tracer.entries, probes }, profile.url);
  };

  if (credential.method === 'missing') {
    tracer.info('NOT STARTED', credential.reason);
    return finish('no_connection', 'missing_secret', diagnose('missing_secret', { ...facts, error: credential.reason }), []);
  }

  tracer.info('START', `${profile.url} realm "${profile.realm}", authmethod ${profile.authmethod}, serializer ${profile.serializer}`);
  const trust = await tlsTrust(profile, options.readCaFile ?? ((path) => readFile(path)));
  if (!trust.ok) {
    tracer.info('NOT STARTED', trust.error);
    return finish('no_connection', 'tls_failure', diagnose('tls_failure', { ...facts, error: trust.error }), []);
  }
  const warnings: Diagnosis[] = [];
  if (target.tls && profile.tls?.insecure && !trust.trust.pin) {
    tracer.info('WARNING', 'TLS certificate checks are off (--insecure): anyone between the tester and the router can read and change this connection');
  }
  let attempt = await runAttempt(options, tracer, 'password', trust.trust);
  details.attempts = 1;
  let craKey: CraKeyInterpretation | null = null;

  if (credential.method === 'wampcra' && attempt.cra.salted) {
    // The salt came from the router's CHALLENGE (standard), or from the profile's options because the CHALLENGE had none.
    const fromProfile = attempt.cra.saltSource === 'profile';
    if (attempt.outcome?.kind === 'welcome') craKey = 'password';
    else if (isCredentialRejection(attempt.outcome)) {
      tracer.info(
        'RETRY',
        fromProfile
          ? 'The CHALLENGE carried no salt, and the signature made with the key derived from the profile\'s salt options was rejected; trying again with the secret itself, as for an unsalted user.'
          : 'The signature made with the secret as a password (key derived with the salt) was rejected; trying again with the secret itself as the already-derived key.',
      );
      const second = await runAttempt(options, tracer, 'derived-key', trust.trust);
      details.attempts = 2;
      if (second.outcome?.kind === 'welcome') {
        attempt = second;
        if (fromProfile) {
          craKey = 'unsalted';
          warnings.push(diagnose('cra_salt_options_unused', { ...facts, saltSource: 'profile' }));
        } else {
          craKey = 'derived-key';
          warnings.push(diagnose('cra_key_is_derived', facts));
        }
      }
    }
  } else if (credential.method === 'wampcra' && attempt.outcome?.kind === 'welcome') {
    craKey = 'unsalted';
  }
  // Salt options given, but the router sent its own salt: they were not used (the router's salt always wins).
  if (credential.method === 'wampcra' && credential.cra && attempt.cra.saltSource === 'challenge') {
    warnings.push(diagnose('cra_salt_options_unused', { ...facts, saltSource: 'challenge' }));
  }
  details.craKey = craKey;
  details.subprotocol = attempt.subprotocol;
  details.certificateSha256 = attempt.certificateSha256;
  if (attempt.insecureProblem) warnings.push(diagnose('tls_insecure', { ...facts, tlsProblem: attempt.insecureProblem }));
  details.latency.connectMs = attempt.connectMs;
  details.latency.handshakeMs = attempt.handshakeMs;
  facts.subprotocol = attempt.subprotocol ?? undefined;
  facts.salted = attempt.cra.salted;
  facts.saltSource = attempt.cra.saltSource;

  if (attempt.ticketSent && !target.tls) warnings.push(diagnose('ticket_over_plain_ws', facts));

  if (attempt.open) {
    const { kind, error, phase, http, plainPort, tls } = attempt.open;
    const openFacts: DiagnosisFacts = { ...facts, error };
    if (phase) openFacts.phase = phase;
    if (plainPort) openFacts.plainPort = true;
    if (tls) {
      openFacts.tlsProblem = tls;
      details.certificateSha256 = tls.fingerprint ?? null;
    }
    if (http) Object.assign(openFacts, { httpStatus: http.status, excerpt: http.excerpt, serverProtocols: http.serverProtocols });
    return finish('no_connection', kind, diagnose(kind, openFacts), warnings);
  }
  const outcome = attempt.outcome!;
  switch (outcome.kind) {
    case 'welcome': {
      details.welcome = welcomeInfo(outcome.session, outcome.details);
      const denied = attempt.probes.filter((p) => p.outcome !== 'allowed');
      const welcomeFacts: DiagnosisFacts = {
        ...facts,
        authid: details.welcome.authid ?? facts.authid ?? null,
        authrole: details.welcome.authrole ?? facts.authrole ?? null,
        requestedRole: profile.authrole || null,
        count: denied.length,
        denied: denied.map((p) => `${p.action} ${p.uri} (${p.outcome === 'denied' ? 'denied' : p.outcome === 'timeout' ? 'no answer' : p.answer})`),
        probed: attempt.probes.length > 0,
      };
      if (profile.authrole && details.welcome.authrole && details.welcome.authrole !== profile.authrole) {
        warnings.push(diagnose('authrole_differs', welcomeFacts));
      }
      // A probe that is not allowed fails the run (exit code 1), so it is the diagnosis, not a side note.
      const diagnosis = denied.length > 0 ? diagnose('probe_denied', welcomeFacts) : diagnose('ok', welcomeFacts);
      return finish('welcome', 'welcome', diagnosis, warnings, attempt.probes);
    }
    case 'abort': {
      const message = abortMessage(outcome.details);
      details.abort = { reason: outcome.reason, message, details: plain(outcome.details) };
      const kind = abortKind(outcome.reason, outcome.authenticated, credential, message, attempt.totp);
      const abortFacts: DiagnosisFacts = { ...facts, reason: outcome.reason, message, authenticated: outcome.authenticated, requestedRole: profile.authrole || null };
      const named = message ? namedInMessage(message) : {};
      if (kind === 'no_such_role') abortFacts.authrole = named.role ?? facts.authrole ?? null;
      if (kind === 'no_such_principal' && named.authid) abortFacts.authid = named.authid;
      if (attempt.totp) abortFacts.secondsLeft = attempt.totp.secondsLeft;
      return finish('abort', outcome.reason, diagnose(kind, abortFacts), warnings);
    }
    case 'timeout':
      return finish('no_connection', 'handshake_timeout', diagnose('handshake_timeout', { ...facts, error: outcome.waitingFor }), warnings);
    case 'closed':
      return finish(
        'no_connection',
        'connection_closed',
        diagnose('connection_closed', { ...facts, error: `code ${outcome.code}${outcome.reason ? `, "${outcome.reason}"` : ''}` }),
        warnings,
      );
    case 'protocol_error':
    case 'client_error':
      return finish('no_connection', 'protocol_error', diagnose('protocol_error', { ...facts, error: outcome.error }), warnings);
  }
}

async function runAttempt(options: RunTestOptions, tracer: Tracer, craAttempt: CraAttempt, trust: TlsTrust): Promise<Attempt> {
  const { profile, credential } = options;
  const now = options.now ?? Date.now;
  const attempt: Attempt = {
    open: null,
    outcome: null,
    subprotocol: null,
    connectMs: null,
    handshakeMs: null,
    cra: { salted: false, saltSource: null, derivation: null },
    ticketSent: false,
    totp: null,
    probes: [],
    certificateSha256: null,
    insecureProblem: null,
  };
  const serializer = await loadSerializer(profile.serializer);
  const openStart = performance.now();
  const opened = await openConnection(profile.url, serializer, profile.timeoutMs, tracer, trust);
  if (!opened.ok) {
    tracer.info('FAILED', opened.failure.error);
    attempt.open = opened.failure;
    return attempt;
  }
  const connection = opened.connection;
  attempt.certificateSha256 = opened.verdict?.fingerprint || null;
  if (opened.verdict?.problem && trust.insecure && !trust.pin) attempt.insecureProblem = opened.verdict.problem;
  attempt.connectMs = round(performance.now() - openStart);
  attempt.subprotocol = connection.protocol;
  tracer.info('OPEN', `${connection instanceof RawSocketClientConnection ? 'RawSocket' : 'WebSocket'} open, ${connection instanceof RawSocketClientConnection ? 'serializer' : 'subprotocol'} ${connection.protocol} (${attempt.connectMs} ms)`);

  const respond = async (challenge: ChallengeInfo): Promise<ChallengeResponse> => {
    switch (credential.method) {
      case 'ticket':
        if (challenge.authmethod !== 'ticket') return { ok: false, error: `the router asked for "${challenge.authmethod}", but the profile uses ticket` };
        attempt.ticketSent = true;
        return { ok: true, signature: credential.ticket };
      case 'totp': {
        if (challenge.authmethod !== 'ticket') return { ok: false, error: `the router asked for "${challenge.authmethod}", but TOTP is sent as a ticket` };
        const at = now();
        let code;
        try {
          code = await credential.codeAt(at);
        } catch (error) {
          return { ok: false, error: `cannot compute the TOTP code: ${error instanceof Error ? error.message : String(error)}` };
        }
        const key = [credential.source, profile.url, profile.realm, profile.authid ?? '', code.code].join('\n');
        const sentBefore = options.replay?.seen(key, at) ?? false;
        options.replay?.remember(key, code.validUntil);
        attempt.totp = { code: code.code, secondsLeft: Math.max(0, (code.validUntil - at) / 1000), sentBefore };
        attempt.ticketSent = true;
        tracer.info('TOTP', `Sending the current code (valid ${attempt.totp.secondsLeft.toFixed(1)} s more${sentBefore ? '; the tester already sent this code before' : ''})`);
        return { ok: true, signature: code.code };
      }
      case 'wampcra':
        return respondCra(credential.secret, credential.cra, craAttempt, challenge, attempt.cra);
      case 'cryptosign': {
        if (challenge.authmethod !== 'cryptosign') return { ok: false, error: `the router asked for "${challenge.authmethod}", but the profile uses cryptosign` };
        const text = challenge.extra['challenge'];
        try {
          return { ok: true, signature: signCryptosignChallenge(credential.key, typeof text === 'string' ? text : '') };
        } catch (error) {
          return { ok: false, error: error instanceof Error ? error.message : String(error) };
        }
      }
      default:
        return { ok: false, error: `the router sent a ${challenge.authmethod} CHALLENGE, but the profile uses ${profile.authmethod}` };
    }
  };

  const helloAt = performance.now();
  const outcome = await handshake(connection, {
    realm: profile.realm,
    authmethods: helloAuthmethods(credential),
    ...(profile.authid ? { authid: profile.authid } : {}),
    ...(profile.authrole ? { authrole: profile.authrole } : {}),
    // Cryptosign announces the public key in HELLO; Crossbar looks the principal up by it.
    ...(credential.method === 'cryptosign' ? { authextra: { pubkey: credential.key.publicKeyHex, channel_binding: null } } : {}),
    respond,
    timeoutMs: profile.timeoutMs,
    agent: options.agent ?? AGENT,
  });
  attempt.outcome = outcome;
  if (outcome.kind === 'welcome' || outcome.kind === 'abort') attempt.handshakeMs = round(performance.now() - helloAt);
  if (outcome.kind === 'timeout') tracer.info('TIMEOUT', `No answer to ${outcome.waitingFor} within ${profile.timeoutMs} ms`);

  if (outcome.kind === 'welcome') {
    const ids = new RequestIds();
    attempt.probes = await runProbes(connection, profile.probes, ids, profile.timeoutMs);
    connection.send([MSG.GOODBYE, {}, WAMP_ERROR.close_realm]);
    const reply = await connection.receiveMatching((m) => m[0] === MSG.GOODBYE, profile.timeoutMs);
    if (reply.type === 'timeout') tracer.info('TIMEOUT', `No GOODBYE reply within ${profile.timeoutMs} ms`);
  }
  await connection.close(Math.min(profile.timeoutMs, 2000));
  return attempt;
}

function isCredentialRejection(outcome: HandshakeOutcome | null): boolean {
  if (outcome?.kind !== 'abort' || !outcome.authenticated) return false;
  return !([WAMP_ERROR.no_such_role, WAMP_ERROR.no_such_realm, WAMP_ERROR.no_auth_method] as string[]).includes(outcome.reason);
}

const REJECTIONS = new Set<string>([WAMP_ERROR.authentication_failed, WAMP_ERROR.not_authorized, WAMP_ERROR.authorization_failed]);

/** Crossbar: `no principal with authid "nobody" exists` (ticket and wampcra alike, right after HELLO). */
const UNKNOWN_PRINCIPAL = /\bno (?:principal|user) with authid\b|\bno such (?:principal|user)\b|\bunknown (?:authid|principal|user)\b/i;
/** Nexus: an authmethod it has no authenticator for. */
const NO_METHOD = /could not authenticate with any method|no authentication supplied/i;

/** The ABORT's explanation: "message" (the spec, Crossbar) or "error" (Nexus). */
export function abortMessage(details: Dict): string | null {
  for (const key of ['message', 'error']) {
    const value = details[key];
    if (typeof value === 'string' && value !== '') return value;
  }
  return null;
}

/** Names quoted in a router's ABORT message: `no principal with authid "X"`, `realm "r" has no role "Y"` (Crossbar), `role 'Y' is not defined` (ours). */
export function namedInMessage(message: string): { authid?: string; role?: string } {
  const authid = /\bauthid\s+["']([^"']*)["']/i.exec(message)?.[1];
  const role = /\bno role\s+["']([^"']*)["']/i.exec(message)?.[1] ?? /\brole\s+["']([^"']*)["']\s+(?:does not exist|not found|is not defined)/i.exec(message)?.[1];
  return { ...(authid ? { authid } : {}), ...(role ? { role } : {}) };
}

export function abortKind(reason: string, authenticated: boolean, credential: Credential, message: string | null, totp: SentTotp | null): DiagnosisKind {
  switch (reason) {
    case WAMP_ERROR.no_such_realm:
      return 'no_such_realm';
    case WAMP_ERROR.no_such_role:
      return 'no_such_role';
    case WAMP_ERROR.no_auth_method:
      return 'no_auth_method';
    case WAMP_ERROR.no_such_principal:
      return 'no_such_principal';
  }
  if (!REJECTIONS.has(reason)) return 'aborted';
  // The router's message is more precise than the reason URI it picked.
  if (message !== null && UNKNOWN_PRINCIPAL.test(message)) return 'no_such_principal';
  if (!authenticated) {
    if (message !== null && NO_METHOD.test(message)) return 'no_auth_method';
    // Refused before any CHALLENGE, and the method sends no secret: nothing but the method itself was judged.
    if (credential.method === 'anonymous') return 'no_auth_method';
    // WAMP-Cryptosign's credential is the public key in HELLO: routers (Crossbar, ours) judge it there
    // and refuse an unknown key before any CHALLENGE.
    if (credential.method === 'cryptosign' && reason === WAMP_ERROR.not_authorized) return 'cryptosign_rejected';
    return reason === WAMP_ERROR.not_authorized ? 'not_authorized' : 'authentication_failed';
  }
  switch (credential.method) {
    case 'ticket':
      return 'ticket_rejected';
    case 'wampcra':
      return 'cra_signature_invalid';
    case 'cryptosign':
      return 'cryptosign_rejected';
    case 'totp':
      if ((message !== null && /replay|re-?used|already (been )?used/i.test(message)) || totp?.sentBefore) return 'totp_reused';
      if (totp && totp.secondsLeft < 2) return 'totp_expired';
      return 'totp_rejected';
    default:
      return reason === WAMP_ERROR.not_authorized ? 'not_authorized' : 'authentication_failed';
  }
}

function welcomeInfo(session: number, details: Dict): WelcomeInfo {
  const text = (key: string) => (typeof details[key] === 'string' ? (details[key] as string) : null);
  const roles = details['roles'];
  return {
    session,
    authid: text('authid'),
    authrole: text('authrole'),
    authmethod: text('authmethod'),
    authprovider: text('authprovider'),
    authextra: plain(details['authextra'] ?? null),
    roles: roles !== null && typeof roles === 'object' && !Array.isArray(roles) ? (plain(roles) as Record<string, unknown>) : {},
  };
}

export interface TargetInfo {
  /** host:port as written in the URL. */
  host: string;
  /** The host name alone (without brackets or port). */
  hostname: string;
  tls: boolean;
  loopback: boolean;
  transport: 'websocket' | 'rawsocket';
}

export function describeTarget(url: string): TargetInfo {
  const parsed = parseRouterUrl(url);
  if (!parsed.ok) return { host: url, hostname: url, tls: false, loopback: false, transport: 'websocket' };
  const hostname = parsed.hostname;
  return {
    host: parsed.host,
    hostname,
    tls: parsed.tls,
    transport: parsed.transport,
    // A Unix socket never leaves this machine.
    loopback: parsed.scheme === 'unix' || hostname === 'localhost' || hostname.endsWith('.localhost') || /^127\.\d+\.\d+\.\d+$/.test(hostname) || hostname === '::1',
  };
}

type Opened = { ok: true; connection: TesterConnection; verdict?: TlsVerdict } | { ok: false; failure: OpenFailure };

/** ws:// and wss:// → the WebSocket client; rs://, rss:// and unix: → the RawSocket client. */
async function openConnection(url: string, serializer: WampSerializer, timeoutMs: number, tracer: Tracer, trust: TlsTrust): Promise<Opened> {
  const parsed = parseRouterUrl(url);
  if (!parsed.ok) return { ok: false, failure: { kind: 'invalid_url', error: parsed.error } };
  if (parsed.transport === 'rawsocket') {
    tracer.info('CONNECT', `Opening ${url}: WAMP over RawSocket${parsed.tls ? ' with TLS' : ''}, serializer ${serializer.id}`);
    return RawSocketClientConnection.open(parsed, serializer, timeoutMs, tracer, trust);
  }
  tracer.info('CONNECT', `Opening ${url} offering subprotocol ${serializer.subprotocol}`);
  return WampConnection.open(url, serializer, timeoutMs, tracer, trust);
}

/** The profile's TLS options as the clients take them (the CA file read now, so a missing file is its own error). */
async function tlsTrust(profile: TesterProfileDraft, read: (path: string) => Promise<Buffer>): Promise<{ ok: true; trust: TlsTrust } | { ok: false; error: string }> {
  const options = profile.tls;
  if (!options) return { ok: true, trust: {} };
  const trust: TlsTrust = {};
  if (options.pin !== undefined) {
    const pin = normalizeFingerprint(options.pin);
    if (!pin) return { ok: false, error: `the pin "${options.pin}" is not a SHA-256 fingerprint (64 hex digits)` };
    trust.pin = pin;
  }
  if (options.insecure) trust.insecure = true;
  if (options.caFile !== undefined) {
    try {
      trust.ca = await read(options.caFile);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      return { ok: false, error: `cannot read the CA file ${options.caFile}: ${code === 'ENOENT' ? 'file not found' : error instanceof Error ? error.message : String(error)}` };
    }
    if (!/-----BEGIN CERTIFICATE-----/.test(trust.ca.toString('latin1'))) return { ok: false, error: `the CA file ${options.caFile} holds no PEM certificate ("-----BEGIN CERTIFICATE-----")` };
    trust.caFile = options.caFile;
  }
  return { ok: true, trust };
}
