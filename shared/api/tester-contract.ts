// API of the connection tester (issue 5): saved profiles, test runs against any WAMP router, and
// exported reports. Schemas validate what the UI sends; the interfaces are what comes back.
// Secrets travel only inbound (saveProfile / run) and are never part of a returned value.
import { z } from 'zod';
import { normalizeFingerprint } from '../wamp/fingerprint';
import type { MethodSpec } from './contract';

const method =
  <R>() =>
  <S extends z.ZodType<unknown[]>>(args: S): MethodSpec<z.infer<S>, R> => ({ args }) as unknown as MethodSpec<z.infer<S>, R>;

import { MAX_PROBES_PER_ACTION, TESTER_AUTHMETHODS, TESTER_SERIALIZERS, type TesterAuthMethod, type TesterSerializer } from './tester-constants';

export { DEFAULT_TEST_TIMEOUT_MS, MAX_PROBES_PER_ACTION, TESTER_AUTHMETHODS, TESTER_SERIALIZERS } from './tester-constants';
export type { TesterAuthMethod, TesterSerializer } from './tester-constants';

const uriText = z.string().min(1).max(512);
const probeList = z.array(uriText).max(MAX_PROBES_PER_ACTION);

export const testerProbesSchema = z.object({
  call: probeList,
  register: probeList,
  publish: probeList,
  subscribe: probeList,
});

export const testerProfileDraftSchema = z.object({
  name: z.string().min(1).max(128),
  /** ws://, wss:// (WebSocket), rs://, rss:// (RawSocket over TCP) or unix:/path (RawSocket over a Unix socket). */
  url: z.string().min(1).max(2048),
  realm: z.string().min(1).max(255),
  authmethod: z.enum(TESTER_AUTHMETHODS),
  authid: z.string().max(255).optional(),
  authrole: z.string().max(255).optional(),
  serializer: z.enum(TESTER_SERIALIZERS),
  /** Per step: connect, handshake answer, each probe, goodbye. */
  timeoutMs: z.number().int().min(100).max(120_000),
  /** 'cryptosign': sign with this stored key (the `keys` namespace) instead of the profile's own secret. */
  cryptosignKey: z.string().min(1).max(64).optional(),
  /** 'totp': use this stored authenticator account's secret instead of the profile's own keychain secret. */
  totpAccountId: z.string().min(1).max(64).optional(),
  /** 'totp' with the profile's own secret: code parameters (defaults SHA1, 6 digits, 30 s). */
  totp: z
    .object({
      algorithm: z.enum(['SHA1', 'SHA256', 'SHA512']),
      digits: z.number().int().min(6).max(8),
      period: z.number().int().min(1).max(3600),
    })
    .optional(),
  /**
   * 'wampcra': key derivation used when the router's CHALLENGE carries no salt of its own (a router that
   * stores a salted key without announcing it). If the router rejects the derived key, the secret itself
   * is tried; accepted, the user is unsalted (craKey 'unsalted', with a note that these options do not apply).
   */
  cra: z
    .object({
      salt: z.string().min(1).max(256),
      iterations: z.number().int().min(1).max(10_000_000),
      keylen: z.number().int().min(1).max(1024),
    })
    .optional(),
  probes: testerProbesSchema,
  /**
   * wss:// and rss://: how to trust the router's certificate. caFile: PEM file of the CA (or the router's
   * self-signed certificate) to trust instead of the system's; pin: the certificate's SHA-256 fingerprint
   * (trusts exactly that certificate, for any host name); insecure: accept any certificate (warned about).
   */
  tls: z
    .object({
      caFile: z.string().min(1).max(4096).optional(),
      pin: z
        .string()
        .max(200)
        .refine((p) => normalizeFingerprint(p) !== undefined, { error: 'pin must be a SHA-256 fingerprint: 64 hex digits, colons allowed' })
        .optional(),
      insecure: z.boolean().optional(),
    })
    .optional(),
});

/** Save: a draft plus the id of the profile to replace (absent: create a new one). */
export const testerProfileInputSchema = testerProfileDraftSchema.extend({ id: z.string().min(1).max(64).optional() });

/**
 * Secret change on save: a string stores it in the keychain, null deletes it, undefined keeps what is stored.
 * What it is depends on the authmethod: the ticket, the WAMP-CRA secret, or the base32 TOTP secret.
 */
export const testerSecretSchema = z.string().max(4096).nullable().optional();

// The inline form comes first: zod objects drop unknown keys, so {profile, secret, profileId} tried
// against {profileId} first would lose the draft and run the saved profile instead.
export const testRunTargetSchema = z.union([
  z.object({
    profile: testerProfileDraftSchema,
    secret: z.string().max(4096).optional(),
    /**
     * "Run without saving" of a saved profile: the run counts as that profile's (history), and without
     * `secret` its stored secret is used — the draft is run as it is, nothing is saved.
     */
    profileId: z.string().min(1).max(64).optional(),
  }),
  z.object({ profileId: z.string().min(1).max(64) }),
]);

export const REPORT_FORMATS = ['json', 'markdown'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export type TesterProbes = z.infer<typeof testerProbesSchema>;
export type TesterProfileDraft = z.infer<typeof testerProfileDraftSchema>;
export type TesterProfileInput = z.infer<typeof testerProfileInputSchema>;
export type TestRunTarget = z.infer<typeof testRunTargetSchema>;

/** A saved profile as the UI sees it: never the secret, only whether one is stored. */
export interface TesterProfileView extends TesterProfileDraft {
  id: string;
  hasSecret: boolean;
  createdAt: string;
  updatedAt: string;
}

/** One line of the trace. `t` is milliseconds since the run started. */
export interface TraceEntry {
  t: number;
  /** 'out' = sent to the router, 'in' = received, 'info' = what the tester did or saw besides frames. */
  dir: 'out' | 'in' | 'info';
  /** Message name (HELLO, CHALLENGE, …) for frames; a short label for info lines. */
  name: string;
  /** WAMP message code of a frame. */
  code?: number;
  /** Decoded frame as plain JSON, secrets replaced by "•••" (AUTHENTICATE signature, tickets). */
  content?: unknown;
  /** Size of the frame on the wire. */
  bytes?: number;
  text?: string;
}

export const DIAGNOSIS_KINDS = [
  'ok',
  'invalid_url',
  'connection_refused',
  'dns_failure',
  'tls_failure',
  'http_error',
  'no_common_subprotocol',
  'not_rawsocket',
  'rawsocket_refused',
  'rawsocket_serializer_refused',
  'tls_insecure',
  'connect_timeout',
  'handshake_timeout',
  'connection_closed',
  'closed_during_upgrade',
  'tls_required',
  'protocol_error',
  'no_such_realm',
  'no_auth_method',
  'no_such_principal',
  'ticket_rejected',
  'cra_signature_invalid',
  'cra_key_is_derived',
  'cra_salt_options_unused',
  'totp_reused',
  'totp_expired',
  'totp_rejected',
  'cryptosign_rejected',
  'no_such_role',
  'not_authorized',
  'authentication_failed',
  'aborted',
  'missing_secret',
  'ticket_over_plain_ws',
  'probe_denied',
  'authrole_differs',
] as const;
export type DiagnosisKind = (typeof DIAGNOSIS_KINDS)[number];

/** Plain-words explanation of an outcome or a warning. */
export interface Diagnosis {
  kind: DiagnosisKind;
  severity: 'ok' | 'info' | 'warning' | 'error';
  title: string;
  explanation: string;
  hint: string;
}

export interface WelcomeInfo {
  session: number;
  authid: string | null;
  authrole: string | null;
  authmethod: string | null;
  authprovider: string | null;
  authextra: unknown;
  /** Router roles from WELCOME.Details.roles (broker, dealer) with their announced features. */
  roles: Record<string, unknown>;
}

export interface AbortInfo {
  reason: string;
  message: string | null;
  details: unknown;
}

/** Which key the router's salted WAMP-CRA accepted (see DESIGN.md: Crossbar changed this in 2025). */
export type CraKeyInterpretation = 'password' | 'derived-key' | 'unsalted';

export interface TestDetails {
  url: string;
  realm: string;
  authmethod: TesterAuthMethod;
  authid: string | null;
  authrole: string | null;
  serializer: TesterSerializer;
  /** Subprotocol the router picked, e.g. "wamp.2.json"; null when none was negotiated. */
  subprotocol: string | null;
  tls: boolean;
  /** WebSocket (ws://, wss://) or RawSocket (rs://, rss://, unix:). */
  transport?: 'websocket' | 'rawsocket';
  /** TLS: the router certificate's SHA-256 fingerprint (AB:CD:…), once the handshake got that far. */
  certificateSha256?: string | null;
  latency: {
    /** TCP (+TLS) + WebSocket opening handshake (RawSocket: its 4-octet handshake). */
    connectMs: number | null;
    /** HELLO sent → WELCOME or ABORT received (includes CHALLENGE/AUTHENTICATE). */
    handshakeMs: number | null;
    totalMs: number;
  };
  welcome: WelcomeInfo | null;
  abort: AbortInfo | null;
  /** Salted/unsalted WAMP-CRA: which interpretation of the secret the router accepted. */
  craKey: CraKeyInterpretation | null;
  /** Connection attempts made (2 when the other WAMP-CRA key interpretation was tried). */
  attempts: number;
}

export type ProbeAction = 'call' | 'register' | 'publish' | 'subscribe';

export interface ProbeResult {
  action: ProbeAction;
  uri: string;
  /** 'allowed' includes "authorized, but nothing is registered" (see note). */
  outcome: 'allowed' | 'denied' | 'error' | 'timeout';
  /** The router's answer: RESULT, REGISTERED, PUBLISHED, SUBSCRIBED or the ERROR URI. */
  answer: string;
  note: string;
  latencyMs: number | null;
}

export type TestOutcome = 'welcome' | 'abort' | 'no_connection';

export interface TestResult {
  id: string;
  profileId: string | null;
  profileName: string;
  startedAt: string;
  outcome: TestOutcome;
  /** ABORT reason URI, or the failure kind when there was no WAMP answer; "welcome" on success. */
  reason: string;
  diagnosis: Diagnosis;
  /**
   * Extra findings that do not decide the outcome (ticket over ws://, which WAMP-CRA key worked, a role
   * other than the requested one). Denied probes are not here: they make the diagnosis itself.
   */
  warnings: Diagnosis[];
  details: TestDetails;
  trace: TraceEntry[];
  probes: ProbeResult[];
}

export interface ReportFile {
  fileName: string;
  mimeType: string;
  content: string;
}

/** Where a recorded run came from: the app's Tester, or `authbahn test --profile` / `--all`. */
export type TestRunSource = 'app' | 'cli';

/** One run in a profile's history: what it gave, never a secret nor the trace. */
export interface TestRunSummary {
  /** The TestResult's id. */
  id: string;
  profileId: string;
  profileName: string;
  startedAt: string;
  source: TestRunSource;
  outcome: TestOutcome;
  reason: string;
  diagnosis: Pick<Diagnosis, 'kind' | 'severity' | 'title'>;
  latency: TestDetails['latency'];
  craKey: CraKeyInterpretation | null;
  /** How many probes ended each way. */
  probes: Record<ProbeResult['outcome'], number>;
  /** The whole result (trace included) is still kept: tester.historyRun returns it. */
  hasTrace: boolean;
}

/** A run from the history with its full, redacted result for the last few runs of each profile. */
export interface StoredTestRun extends TestRunSummary {
  /** null: an older run whose trace was dropped (only the summary is kept). */
  result: TestResult | null;
}

/** Runs kept per profile and in all; traces kept per profile (see main/tester/history/). */
export const HISTORY_LIMITS = { runsPerProfile: 200, runsTotal: 2000, tracesPerProfile: 5 } as const;

/** What tester.importSuite did with each case of the suite file. */
export interface SuiteImportResult {
  created: { id: string; name: string }[];
  skipped: { name: string; reason: string }[];
  /** Things the user must do or know (secrets to enter, expectations not kept). */
  notes: string[];
}

/** Upper bound of a suite file's text (the same as `authbahn test --suite`). */
export const MAX_SUITE_TEXT = 2 * 1024 * 1024;

const profileId = z.string().min(1).max(64);

export const testerContract = {
  listProfiles: method<TesterProfileView[]>()(z.tuple([])),
  saveProfile: method<TesterProfileView>()(z.tuple([testerProfileInputSchema, testerSecretSchema])),
  /** Also deletes the profile's keychain secret. */
  removeProfile: method<void>()(z.tuple([z.string().min(1).max(64)])),
  run: method<TestResult>()(z.tuple([testRunTargetSchema])),
  /** Every saved profile, one after another, in list order. */
  runAll: method<TestResult[]>()(z.tuple([])),
  /** Results of this session, newest last (bounded). */
  results: method<TestResult[]>()(z.tuple([])),
  /** Report of the given results (default: the latest run or runAll batch). */
  exportReport: method<ReportFile>()(z.tuple([z.enum(REPORT_FORMATS), z.array(z.string().min(1).max(64)).max(1000).optional()])),
  /** A profile's recorded runs, newest first (default: all that are kept). */
  history: method<TestRunSummary[]>()(z.tuple([profileId, z.number().int().min(1).max(HISTORY_LIMITS.runsPerProfile).optional()])),
  /** One recorded run with its full result while its trace is kept (the last few per profile). */
  historyRun: method<StoredTestRun>()(z.tuple([z.string().min(1).max(64)])),
  /** Forgets a profile's recorded runs. */
  clearHistory: method<void>()(z.tuple([profileId])),
  /** A copy of a saved profile named "NAME (copy)", with its keychain secret copied too. */
  duplicateProfile: method<TesterProfileView>()(z.tuple([profileId])),
  /** A suite file (YAML) of the given profiles for `authbahn test --suite`; secrets become {profile: NAME}. */
  exportSuite: method<ReportFile>()(z.tuple([z.array(profileId).min(1).max(1000)])),
  /** Creates profiles from a suite file's cases (JSON or YAML); secrets in it are never imported. */
  importSuite: method<SuiteImportResult>()(z.tuple([z.string().min(1).max(MAX_SUITE_TEXT)])),
} as const;
