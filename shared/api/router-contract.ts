// API of the in-app WAMP router (issue 4): start/stop, its Crossbar-style config (router.json in the data
// dir), live sessions, the authentication log, and keychain secrets referenced from the config.
// Secrets travel only inbound (setSecret); no returned value ever holds a ticket, password or signature.
import { z } from 'zod';
import type { MethodSpec } from './contract';

const method =
  <R>() =>
  <S extends z.ZodType<unknown[]>>(args: S): MethodSpec<z.infer<S>, R> => ({ args }) as unknown as MethodSpec<z.infer<S>, R>;

/** Same cap as the router's config loader (MAX_CONFIG_BYTES): far above any real config. */
export const MAX_ROUTER_CONFIG_CHARS = 4 * 1024 * 1024;
/** Entries the authentication log keeps (oldest dropped first). */
export const AUTH_LOG_LIMIT = 500;
/** Sessions one `sessions()` answer or event lists (the total is always reported). */
export const SESSION_LIST_LIMIT = 1000;

/** Keychain item names the router may reference ({"keychain": "NAME"} → item router:NAME). */
export const routerSecretNameSchema = z
  .string()
  .regex(/^[\w.@:/-]{1,200}$/, { error: 'secret names use letters, digits and . _ - @ : / (at most 200)' });

export type RouterRunState = 'stopped' | 'starting' | 'running' | 'stopping';

export interface RouterTransportView {
  id: string;
  /** ws://host:port/path with the bound port (a configured port 0 shows the real one). */
  url: string;
}

export interface RouterStatus {
  state: RouterRunState;
  running: boolean;
  transports: RouterTransportView[];
  /** ISO 8601; null when not running. */
  startedAt: string | null;
  /** Why the last start failed or the router stopped on its own; null when fine. */
  error: string | null;
  /** router.json was saved after the running router started: a restart applies it. */
  configChangedSinceStart: boolean;
  sessionCount: number;
}

export interface RouterConfigIssue {
  /** JSON path, e.g. "workers[0].transports[0].endpoint.port", or "(file)" for JSON syntax errors. */
  path: string;
  message: string;
}

export interface RouterConfigSummary {
  realms: { name: string; roles: string[] }[];
  transports: { id: string; host: string; port: number; path: string; authmethods: string[] }[];
}

export interface RouterValidation {
  valid: boolean;
  issues: RouterConfigIssue[];
  /** Accepted but ignored parts of the config (unsupported Crossbar features). */
  warnings: string[];
  summary: RouterConfigSummary | null;
}

export interface RouterConfigNotice {
  level: 'info' | 'warning';
  message: string;
}

export interface RouterConfigView extends RouterValidation {
  /** The exact text of router.json. */
  text: string;
  /** Where it lives (for the user's own editor). */
  path: string;
  /** Keychain/account references that cannot be resolved right now (the router would refuse to start). */
  secretProblems: string[];
  /** What happened to the file on load (created with defaults, restored from backup, corrupt file set aside). */
  notices: RouterConfigNotice[];
}

export interface RouterSessionView {
  id: number;
  realm: string;
  authid: string;
  authrole: string;
  authmethod: string;
  authprovider: string;
  /** Id of the configured transport. */
  transport: string;
  /** "tcp4:127.0.0.1:54321" */
  peer: string;
  serializer: string;
  /** ISO 8601 */
  joinedAt: string;
}

export interface RouterSessionsView {
  /** Newest last, at most SESSION_LIST_LIMIT. */
  sessions: RouterSessionView[];
  total: number;
}

/** One authentication outcome. Never holds a secret, ticket or signature. */
export interface RouterAuthLogEntry {
  /** Increasing per app run; a stable React key. */
  seq: number;
  /** ISO 8601 */
  time: string;
  transport: string;
  peer: string;
  realm: string;
  /** The authid the client claimed (or was assigned, on success). */
  authid: string | null;
  authmethod: string | null;
  outcome: 'success' | 'failure';
  /** On success. */
  authrole: string | null;
  /** On failure: the ABORT reason URI (wamp.error.not_authorized, …) or "timeout". */
  reason: string | null;
  message: string | null;
}

/** The self-signed TLS certificate the app made in its data folder (tls/cert.pem, tls/key.pem). */
export interface RouterCertificateView {
  certFile: string;
  keyFile: string;
  /** SHA-256 of the certificate, AB:CD:… (what `authbahn test --pin` and browsers show). */
  fingerprint256: string;
  /** ISO 8601 */
  notAfter: string;
  /** Names it is valid for ("DNS:localhost, IP Address:127.0.0.1, …"). */
  names: string;
}

export const routerContract = {
  status: method<RouterStatus>()(z.tuple([])),
  /** Loads router.json, checks its secret references and binds every transport. */
  start: method<RouterStatus>()(z.tuple([])),
  /** GOODBYE (wamp.close.system_shutdown) to every session, then closes the listeners. */
  stop: method<RouterStatus>()(z.tuple([])),
  getConfig: method<RouterConfigView>()(z.tuple([])),
  /** Checks a config text without saving it. */
  validateConfig: method<RouterValidation>()(z.tuple([z.string().max(MAX_ROUTER_CONFIG_CHARS)])),
  /** Saves a valid config; an invalid one fails with INVALID_ARGUMENT, details.issues, and nothing is written. */
  saveConfig: method<RouterConfigView>()(z.tuple([z.string().max(MAX_ROUTER_CONFIG_CHARS)])),
  /** Sets the port of the first transport (0: any free port) and saves. */
  setPort: method<RouterConfigView>()(z.tuple([z.number().int().min(0).max(65_535)])),
  sessions: method<RouterSessionsView>()(z.tuple([])),
  /** GOODBYE wamp.close.killed to one session; false when it is gone already. */
  killSession: method<boolean>()(z.tuple([z.number().int().min(1).max(2 ** 53)])),
  /** Oldest first, at most AUTH_LOG_LIMIT. */
  authLog: method<RouterAuthLogEntry[]>()(z.tuple([])),
  clearAuthLog: method<void>()(z.tuple([])),
  /** Stores a secret as keychain item router:NAME, for {"keychain": "NAME"} in the config. */
  setSecret: method<void>()(z.tuple([routerSecretNameSchema, z.string().min(1).max(4096)])),
  deleteSecret: method<boolean>()(z.tuple([routerSecretNameSchema])),
  /**
   * Which of these keychain items router:NAME exist (the editor's "stored in keychain" marks). Answers
   * names only, never a value; capped so one call cannot make main read the whole keychain.
   */
  storedSecrets: method<string[]>()(z.tuple([z.array(routerSecretNameSchema).max(200)])),
  /** The certificate made by makeCertificate, or null when there is none (or it cannot be read). */
  certificate: method<RouterCertificateView | null>()(z.tuple([])),
  /**
   * Makes a self-signed certificate for localhost, 127.0.0.1 and ::1 in the data folder. An existing one
   * is kept (DUPLICATE) unless replace is true: clients may trust or pin it.
   */
  makeCertificate: method<RouterCertificateView>()(z.tuple([z.object({ replace: z.boolean() })])),
} as const;

/** Push events of the router namespace (registered in ApiEvents). */
export interface RouterEvents {
  'router.status': RouterStatus;
  'router.sessions': RouterSessionsView;
  'router.auth': RouterAuthLogEntry;
}
