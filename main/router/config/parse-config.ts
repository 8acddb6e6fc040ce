// Crossbar config.json (version 2) → RouterPlan. Walks the file by hand where Crossbar dispatches on
// "type" (workers, transports, web paths, auth methods) so unsupported features get a precise
// "not supported" message, and uses zod for the leaf objects. Every object is strict: a misspelt key
// ("principles", "permisions") is an error with its JSON path rather than a silently open door.
//
// Security-relevant features we cannot honour (scram/cookie/tls auth, TLS client certificates) are
// errors: ignoring them would run a router that is less secure than the file says. Features that only
// add functionality (mqtt transports, static web paths, components, other worker types, realm stores)
// are skipped with a warning. File paths (TLS key and certificates, Unix sockets) are relative to the
// config file's folder, as in Crossbar.
import { isAbsolute, resolve } from 'node:path';
import { z } from 'zod';
import { normalizeBase32 } from '../../../shared/otp/base32';
import { HASH_ALGORITHMS } from '../../../shared/otp/types';
import type { SerializerId } from '../../../shared/wamp/serializers';
import { isValidUri } from '../../../shared/wamp/uri';
import { KEY_NAME_PATTERN, KEY_NAME_RULE } from '../../../shared/api/keys-contract';
import type { AnonymousAuth, AuthorizedKey, CraAuth, CraUser, CryptosignAuth, CryptosignPrincipal, DynamicAuth, TicketAuth, TicketPrincipal, TransportAuth } from '../auth/auth-config';
import { toPermission, type Permission } from '../auth/permissions';
import type { RateLimitOptions } from '../auth/rate-limiter';
import type { RoleRule } from '../auth/realm-authorizer';
import type { SecretRef, TotpRef } from '../auth/secret-refs';
import { IssueCollector, RouterConfigError, type JsonPath } from './config-error';
import { authParts, DEFAULT_DYNAMIC_TIMEOUT_MS, type RealmPlan, type RouterPlan, type TransportPlan } from './router-plan';
import type { TlsFiles } from '../transport/tls-context';

/** Bind address when an endpoint names no interface: loopback only (Crossbar binds all interfaces). */
export const DEFAULT_INTERFACE = '127.0.0.1';

type Obj = Record<string, unknown>;
const isObject = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const has = (o: Obj, key: string) => Object.prototype.hasOwnProperty.call(o, key);

function parseLeaf<T>(schema: z.ZodType<T>, value: unknown, path: JsonPath, issues: IssueCollector): T | undefined {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  for (const issue of result.error.issues) {
    const at = [...path, ...(issue.path as (string | number)[])];
    if (issue.code === 'unrecognized_keys') for (const key of issue.keys) issues.error([...at, key], 'unknown key');
    else issues.error(at, issue.message.replace(/^Invalid input: /, ''));
  }
  return undefined;
}

/** Reports keys of `o` outside `allowed`; returns false when there were any. */
function onlyKeys(o: Obj, allowed: readonly string[], path: JsonPath, issues: IssueCollector): boolean {
  let ok = true;
  for (const key of Object.keys(o)) {
    if (!allowed.includes(key)) {
      issues.error([...path, key], `unknown key (expected one of: ${allowed.join(', ')})`);
      ok = false;
    }
  }
  return ok;
}

const uri = (what: string) =>
  z.string({ error: `${what} must be a string` }).refine((s) => isValidUri(s), { error: `${what} must be a WAMP URI like "com.example.authenticate"` });
const name = (what: string) => z.string({ error: `${what} must be a string` }).min(1, { error: `${what} must not be empty` }).max(255);
const ms = (what: string, max = 3_600_000) =>
  z.number({ error: `${what} must be a number of milliseconds` }).int({ error: `${what} must be a whole number` }).min(0).max(max);

// ---------------------------------------------------------------------------------------------
// Top level and workers

export interface ParseOptions {
  /** Folder of the config file: relative paths in it (TLS files, Unix sockets) start here. */
  baseDir?: string;
}

export function parseRouterConfig(input: unknown, source?: string, options: ParseOptions = {}): RouterPlan {
  const issues = new IssueCollector();
  const plan = walk(input, issues, options);
  if (issues.errors.length > 0 || !plan) throw new RouterConfigError(issues.errors, source);
  return { ...plan, warnings: issues.warnings };
}

function walk(input: unknown, issues: IssueCollector, options: ParseOptions): Omit<RouterPlan, 'warnings'> | undefined {
  if (!isObject(input)) {
    issues.error([], 'the config must be a JSON object like {"version": 2, "workers": [...]}');
    return undefined;
  }
  onlyKeys(input, ['version', 'controller', 'workers', '$schema'], [], issues);
  if (input.version !== 2) {
    issues.error(['version'], `must be 2 (Crossbar config format version 2), got ${JSON.stringify(input.version) ?? 'nothing'}`);
  }
  if (input.controller !== undefined && !isObject(input.controller)) issues.error(['controller'], 'must be an object');
  else if (isObject(input.controller) && Object.keys(input.controller).length > 0) {
    issues.warn(['controller'], 'ignored (Authbahn runs the router in its own process)');
  }
  if (!Array.isArray(input.workers)) {
    issues.error(['workers'], 'must be a list of workers with one {"type": "router", ...}');
    return undefined;
  }
  const routers: { worker: Obj; index: number }[] = [];
  input.workers.forEach((worker, index) => {
    if (!isObject(worker)) return issues.error(['workers', index], 'must be an object');
    if (worker.type === 'router') routers.push({ worker, index });
    else issues.warn(['workers', index], `worker type ${JSON.stringify(worker.type)} is not supported and is ignored (only "router" workers run)`);
  });
  if (routers.length === 0) {
    issues.error(['workers'], 'no worker of type "router"');
    return undefined;
  }
  if (routers.length > 1) {
    issues.error(['workers', routers[1]!.index], 'only one router worker is supported; put all realms and transports in one');
    return undefined;
  }
  return routerWorker(routers[0]!.worker, ['workers', routers[0]!.index], issues, options);
}

const rateLimitSchema = z.strictObject({
  max_failures_per_authid: z.number().int().min(1).max(1000).optional(),
  max_failures_per_peer: z.number().int().min(1).max(100_000).optional(),
  max_failures_per_network: z.number().int().min(1).max(1_000_000).optional(),
  window: ms('window', 86_400_000).optional(),
  lockout: ms('lockout', 86_400_000).optional(),
  max_lockout: ms('max_lockout', 7 * 86_400_000).optional(),
  decay: ms('decay', 7 * 86_400_000).min(1, { error: 'decay must be at least 1 ms' }).optional(),
  max_pending_per_authid: z.number().int().min(1).max(10_000).optional(),
  max_pending_per_peer: z.number().int().min(1).max(100_000).optional(),
});

function routerWorker(worker: Obj, path: JsonPath, issues: IssueCollector, options: ParseOptions): Omit<RouterPlan, 'warnings'> | undefined {
  onlyKeys(worker, ['type', 'id', 'options', 'realms', 'transports', 'components', 'connections', 'manhole'], path, issues);
  for (const key of ['components', 'connections', 'manhole'] as const) {
    if (worker[key] !== undefined) issues.warn([...path, key], `not supported and ignored (run components as separate WAMP clients)`);
  }
  const rateLimit: Partial<RateLimitOptions> = {};
  let dynamicTimeoutMs = DEFAULT_DYNAMIC_TIMEOUT_MS;
  if (worker.options !== undefined) {
    const options = worker.options;
    if (!isObject(options)) issues.error([...path, 'options'], 'must be an object');
    else {
      for (const [key, value] of Object.entries(options)) {
        const at = [...path, 'options', key];
        if (key === 'auth_rate_limit') {
          const r = parseLeaf(rateLimitSchema, value, at, issues);
          if (r) {
            if (r.max_failures_per_authid !== undefined) rateLimit.maxFailuresPerAuthid = r.max_failures_per_authid;
            if (r.max_failures_per_peer !== undefined) rateLimit.maxFailuresPerPeer = r.max_failures_per_peer;
            if (r.window !== undefined) rateLimit.windowMs = r.window;
            if (r.lockout !== undefined) rateLimit.lockoutMs = r.lockout;
            if (r.max_lockout !== undefined) rateLimit.maxLockoutMs = r.max_lockout;
            if (r.max_failures_per_network !== undefined) rateLimit.maxFailuresPerNetwork = r.max_failures_per_network;
            if (r.decay !== undefined) rateLimit.decayMs = r.decay;
            if (r.max_pending_per_authid !== undefined) rateLimit.maxPendingPerAuthid = r.max_pending_per_authid;
            if (r.max_pending_per_peer !== undefined) rateLimit.maxPendingPerPeer = r.max_pending_per_peer;
          }
        } else if (key === 'dynamic_auth_timeout') {
          const t = parseLeaf(ms(key, 600_000).min(1), value, at, issues);
          if (t !== undefined) dynamicTimeoutMs = t;
        } else if (['title', 'env', 'pythonpath', 'cpu_affinity', 'reactor', 'expose_controller', 'expose_shared', 'shutdown', 'restart'].includes(key)) {
          issues.warn(at, 'Crossbar worker option ignored');
        } else {
          issues.error(at, 'unknown router worker option (Authbahn adds "auth_rate_limit" and "dynamic_auth_timeout")');
        }
      }
    }
  }

  const realms: RealmPlan[] = [];
  if (!Array.isArray(worker.realms)) issues.error([...path, 'realms'], 'must be a list of realms');
  else {
    worker.realms.forEach((realm, i) => {
      const plan = parseRealm(realm, [...path, 'realms', i], issues);
      if (!plan) return;
      if (realms.some((r) => r.name === plan.name)) issues.error([...path, 'realms', i, 'name'], `realm "${plan.name}" is defined twice`);
      else realms.push(plan);
    });
  }

  const transports: TransportPlan[] = [];
  if (!Array.isArray(worker.transports)) issues.error([...path, 'transports'], 'must be a list of transports');
  else {
    worker.transports.forEach((transport, i) => {
      const plan = parseTransport(transport, i, [...path, 'transports', i], issues, options);
      if (!plan) return;
      if (transports.some((t) => t.id === plan.id)) issues.error([...path, 'transports', i, 'id'], `transport id "${plan.id}" is used twice`);
      else transports.push(plan);
    });
    if (worker.transports.length > 0 && transports.length === 0 && issues.errors.length === 0) {
      issues.error([...path, 'transports'], 'no supported transport (Authbahn serves "websocket", "web" with a websocket path, "rawsocket" and "universal")');
    }
    if (worker.transports.length === 0) issues.error([...path, 'transports'], 'needs at least one transport');
  }
  crossCheck(realms, transports, path, issues);
  return { realms, transports, rateLimit, dynamicTimeoutMs };
}

// ---------------------------------------------------------------------------------------------
// Realms, roles, permissions

const allowSchema = z.strictObject({
  call: z.boolean().optional(),
  register: z.boolean().optional(),
  publish: z.boolean().optional(),
  subscribe: z.boolean().optional(),
});

const permissionSchema = z
  .strictObject({
    uri: z.string({ error: 'uri must be a string ("" or "*" for everything)' }).max(1024),
    match: z.enum(['exact', 'prefix', 'wildcard'], { error: 'match must be "exact", "prefix" or "wildcard"' }).optional(),
    allow: allowSchema.optional(),
    disclose: z.strictObject({ caller: z.boolean().optional(), publisher: z.boolean().optional() }).optional(),
    cache: z.boolean().optional(),
    // Older Crossbar configs put the four actions at the top level of a permission.
    call: z.boolean().optional(),
    register: z.boolean().optional(),
    publish: z.boolean().optional(),
    subscribe: z.boolean().optional(),
  })
  .superRefine((p, ctx) => {
    if (/[\s#]/.test(p.uri)) ctx.addIssue({ code: 'custom', path: ['uri'], message: 'uri must not contain whitespace or "#"' });
    if (p.match !== undefined && p.uri.includes('*')) {
      ctx.addIssue({ code: 'custom', path: ['uri'], message: 'a "*" URI cannot be combined with "match" (use "com.example." with match "prefix", or "com..create" with "wildcard")' });
    }
    if (p.match === 'exact' && p.uri === '') ctx.addIssue({ code: 'custom', path: ['uri'], message: 'an exact permission needs a URI' });
  });

function parseRealm(value: unknown, path: JsonPath, issues: IssueCollector): RealmPlan | undefined {
  if (!isObject(value)) {
    issues.error(path, 'must be an object like {"name": "realm1", "roles": [...]}');
    return undefined;
  }
  onlyKeys(value, ['name', 'id', 'roles', 'store', 'options'], path, issues);
  if (value.store !== undefined) issues.warn([...path, 'store'], 'not supported and ignored');
  const limits = parseRealmOptions(value.options, [...path, 'options'], issues);
  const realmName = parseLeaf(uri('realm name'), value.name, [...path, 'name'], issues);
  const roles: Record<string, RoleRule> = {};
  if (value.roles === undefined) issues.warn([...path, 'roles'], 'no roles: nobody can join this realm');
  else if (!Array.isArray(value.roles)) issues.error([...path, 'roles'], 'must be a list of roles');
  else {
    value.roles.forEach((role, i) => {
      const at = [...path, 'roles', i];
      if (!isObject(role)) return issues.error(at, 'must be an object like {"name": "frontend", "permissions": [...]}');
      onlyKeys(role, ['name', 'id', 'permissions', 'authorizer'], at, issues);
      const roleName = parseLeaf(name('role name'), role.name, [...at, 'name'], issues);
      if (roleName === undefined) return;
      if (has(roles, roleName)) return issues.error([...at, 'name'], `role "${roleName}" is defined twice`);
      if (role.authorizer !== undefined) {
        if (role.permissions !== undefined) return issues.error(at, 'a role has either "permissions" or an "authorizer", not both');
        const authorizer = parseLeaf(uri('authorizer'), role.authorizer, [...at, 'authorizer'], issues);
        if (authorizer !== undefined) roles[roleName] = { kind: 'dynamic', authorizer };
        return;
      }
      const permissions: Permission[] = [];
      if (role.permissions === undefined) issues.warn([...at, 'permissions'], `role "${roleName}" has no permissions: it may join but do nothing`);
      else if (!Array.isArray(role.permissions)) issues.error([...at, 'permissions'], 'must be a list of permissions');
      else {
        role.permissions.forEach((p, j) => {
          const parsed = parseLeaf(permissionSchema, p, [...at, 'permissions', j], issues);
          if (!parsed) return;
          const allow = {
            call: parsed.allow?.call ?? parsed.call,
            register: parsed.allow?.register ?? parsed.register,
            publish: parsed.allow?.publish ?? parsed.publish,
            subscribe: parsed.allow?.subscribe ?? parsed.subscribe,
          };
          permissions.push(toPermission({ uri: parsed.uri, match: parsed.match, allow, disclose: parsed.disclose, cache: parsed.cache }));
        });
      }
      roles[roleName] = { kind: 'static', permissions };
    });
  }
  return realmName === undefined ? undefined : { name: realmName, roles, ...limits };
}

const perSessionLimit = (what: string) => z.number({ error: `${what} must be a number` }).int({ error: `${what} must be a whole number` }).min(1).max(1_000_000);

/** Realm "options": Authbahn's per-session limits; Crossbar's own realm options are ignored with a warning. */
function parseRealmOptions(value: unknown, path: JsonPath, issues: IssueCollector): Pick<RealmPlan, 'maxSubscriptionsPerSession' | 'maxRegistrationsPerSession'> {
  const out: Pick<RealmPlan, 'maxSubscriptionsPerSession' | 'maxRegistrationsPerSession'> = {};
  if (value === undefined) return out;
  if (!isObject(value)) {
    issues.error(path, 'must be an object');
    return out;
  }
  const ignored: string[] = [];
  for (const [key, v] of Object.entries(value)) {
    if (key === 'max_subscriptions_per_session') {
      const n = parseLeaf(perSessionLimit(key), v, [...path, key], issues);
      if (n !== undefined) out.maxSubscriptionsPerSession = n;
    } else if (key === 'max_registrations_per_session') {
      const n = parseLeaf(perSessionLimit(key), v, [...path, key], issues);
      if (n !== undefined) out.maxRegistrationsPerSession = n;
    } else ignored.push(key);
  }
  if (ignored.length > 0) issues.warn(path, `ignored (not supported): ${ignored.join(', ')} (Authbahn reads "max_subscriptions_per_session" and "max_registrations_per_session")`);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Transports

const UNSUPPORTED_TRANSPORTS = ['mqtt', 'flashpolicy', 'flspolicy', 'websocket.testee', 'stream.testee', 'wap'];

const portSchema = z.unknown().transform((v, ctx) => {
  const n = typeof v === 'string' && /^\d{1,5}$/.test(v) ? Number(v) : v;
  if (typeof n === 'number' && Number.isInteger(n) && n >= 0 && n <= 65_535) return n;
  ctx.addIssue({ code: 'custom', message: `port must be a number from 0 to 65535, got ${JSON.stringify(v) ?? 'nothing'}` });
  return z.NEVER;
});

const endpointSchema = z.strictObject({
  type: z.literal('tcp', { error: 'endpoint type must be "tcp" or "unix"' }),
  port: portSchema,
  interface: z.string().min(1).max(255).optional(),
  version: z.union([z.literal(4), z.literal(6)]).optional(),
  backlog: z.number().int().min(1).optional(),
  shared: z.boolean().optional(),
  user_timeout: z.number().int().min(0).optional(),
  tls: z.unknown().optional(),
});

const unixEndpointSchema = z.strictObject({
  type: z.literal('unix'),
  path: z.string({ error: 'path must be the socket file, e.g. "router.sock"' }).min(1).max(1024),
  backlog: z.number().int().min(1).optional(),
});

const pathText = (what: string) => z.string({ error: `${what} must be a file path` }).min(1, { error: `${what} must not be empty` }).max(4096);

const tlsSchema = z.strictObject({
  key: pathText('key'),
  certificate: pathText('certificate'),
  chain_certificates: z.array(pathText('chain_certificates entry')).max(16).optional(),
  ciphers: z.string().min(1).max(4096).optional(),
  dhparam: pathText('dhparam').optional(),
  ca_certificates: z.unknown().optional(),
});

export interface EndpointPlan {
  host: string;
  port: number;
  socketPath?: string;
  tls?: TlsFiles;
}

/** A path from the config: absolute as written, else relative to the config file's folder. */
function configPath(value: string, path: JsonPath, issues: IssueCollector, options: ParseOptions): string | undefined {
  if (isAbsolute(value)) return value;
  if (options.baseDir === undefined) {
    issues.error(path, `"${value}" is relative, but this config has no file location to resolve it against: write an absolute path`);
    return undefined;
  }
  return resolve(options.baseDir, value);
}

function parseTls(value: unknown, path: JsonPath, issues: IssueCollector, options: ParseOptions): TlsFiles | undefined {
  if (!isObject(value)) {
    issues.error(path, 'must be an object like {"key": "server.key", "certificate": "server.crt"}');
    return undefined;
  }
  if (value.ca_certificates !== undefined) {
    // Crossbar verifies client certificates against these (and then allows "tls" authentication).
    issues.error([...path, 'ca_certificates'], 'TLS client certificates are not supported (no client-certificate verification, no "tls" authentication); remove ca_certificates');
  }
  const tls = parseLeaf(tlsSchema, value, path, issues);
  if (!tls) return undefined;
  const key = configPath(tls.key, [...path, 'key'], issues, options);
  const certificate = configPath(tls.certificate, [...path, 'certificate'], issues, options);
  const chain = (tls.chain_certificates ?? []).map((c, i) => configPath(c, [...path, 'chain_certificates', i], issues, options));
  const dhparam = tls.dhparam === undefined ? undefined : configPath(tls.dhparam, [...path, 'dhparam'], issues, options);
  if (key === undefined || certificate === undefined || chain.some((c) => c === undefined) || (tls.dhparam !== undefined && dhparam === undefined)) return undefined;
  return {
    keyFile: key,
    certFile: certificate,
    ...(chain.length > 0 ? { chainFiles: chain as string[] } : {}),
    ...(dhparam !== undefined ? { dhparamFile: dhparam } : {}),
    ...(tls.ciphers !== undefined ? { ciphers: tls.ciphers } : {}),
  };
}

function parseEndpoint(value: unknown, path: JsonPath, issues: IssueCollector, options: ParseOptions, allowUnix: boolean): EndpointPlan | undefined {
  if (!isObject(value)) {
    issues.error(path, 'must be an object like {"type": "tcp", "port": 8080}');
    return undefined;
  }
  if (value.type === 'twisted') {
    issues.error([...path, 'type'], '"twisted" endpoints are not supported; use {"type": "tcp", "port": N} or {"type": "unix", "path": "…"}');
    return undefined;
  }
  if (value.type === 'unix') {
    if (!allowUnix) {
      issues.error([...path, 'type'], 'Unix socket endpoints are supported for "rawsocket" transports only (clients reach them as unix:/path)');
      return undefined;
    }
    const unix = parseLeaf(unixEndpointSchema, value, path, issues);
    if (!unix) return undefined;
    if (unix.backlog !== undefined) issues.warn(path, 'backlog is ignored');
    const socketPath = configPath(unix.path, [...path, 'path'], issues, options);
    return socketPath === undefined ? undefined : { host: 'unix', port: 0, socketPath };
  }
  const endpoint = parseLeaf(endpointSchema, value, path, issues);
  const tls = value.tls === undefined ? undefined : parseTls(value.tls, [...path, 'tls'], issues, options);
  if (!endpoint || (value.tls !== undefined && !tls)) return undefined;
  const host = endpoint.interface ?? (endpoint.version === 6 ? '::1' : DEFAULT_INTERFACE);
  if (host === '0.0.0.0' || host === '::' || host === '') {
    issues.warn([...path, 'interface'], `"${host}" listens on every network interface: other machines can reach the router`);
  }
  if (endpoint.backlog !== undefined || endpoint.shared !== undefined || endpoint.user_timeout !== undefined) {
    issues.warn(path, 'backlog/shared/user_timeout are ignored');
  }
  return { host, port: endpoint.port, ...(tls ? { tls } : {}) };
}

const IGNORED_WS_OPTIONS = [
  'auto_ping_interval',
  'auto_ping_timeout',
  'auto_ping_size',
  'auto_ping_restart_on_any_traffic',
  'max_frame_size',
  'auto_fragment_size',
  'fail_by_drop',
  'echo_close_codereason',
  'close_handshake_timeout',
  'tcp_nodelay',
  'compression',
  'require_websocket_subprotocol',
  'enable_webstatus',
  'external_port',
  'show_server_version',
  'server',
  'enable_flash_policy',
  'flash_policy',
  'require_masking',
  'apply_mask',
  'mask_server_frames',
  'trust_x_forwarded_for',
];

interface WsOptions {
  maxMessageSize?: number;
  handshakeTimeoutMs?: number;
  authTimeoutMs?: number;
  allowedOrigins?: string[] | null;
  maxOutgoingBufferBytes?: number;
}

function parseWsOptions(value: unknown, path: JsonPath, issues: IssueCollector): WsOptions {
  const out: WsOptions = {};
  if (value === undefined) return out;
  if (!isObject(value)) {
    issues.error(path, 'must be an object');
    return out;
  }
  const ignored: string[] = [];
  for (const [key, v] of Object.entries(value)) {
    const at = [...path, key];
    switch (key) {
      case 'max_message_size': {
        const n = parseLeaf(z.number().int().min(1024, { error: 'max_message_size must be at least 1024 bytes' }).max(1024 ** 3), v, at, issues);
        if (n !== undefined) out.maxMessageSize = n;
        break;
      }
      case 'open_handshake_timeout': {
        const n = parseLeaf(ms(key), v, at, issues);
        if (n !== undefined && n > 0) out.handshakeTimeoutMs = n;
        break;
      }
      case 'auth_timeout': {
        const n = parseLeaf(ms(key).min(1), v, at, issues);
        if (n !== undefined) out.authTimeoutMs = n;
        break;
      }
      case 'max_outgoing_buffer_size': {
        const n = parseLeaf(z.number().int().min(64 * 1024, { error: 'max_outgoing_buffer_size must be at least 65536 bytes' }).max(1024 ** 3), v, at, issues);
        if (n !== undefined) out.maxOutgoingBufferBytes = n;
        break;
      }
      case 'allowed_origins': {
        const list = parseLeaf(z.array(z.string().min(1).max(1024)).max(1000, { error: 'at most 1000 origins' }), v, at, issues);
        // Crossbar: ["*"] allows every origin.
        if (list !== undefined) out.allowedOrigins = list.includes('*') ? null : list;
        break;
      }
      default:
        if (IGNORED_WS_OPTIONS.includes(key)) ignored.push(key);
        else issues.error(at, 'unknown WebSocket option');
    }
  }
  if (ignored.length > 0) issues.warn(path, `ignored (not supported): ${ignored.join(', ')}`);
  return out;
}

const KNOWN_SERIALIZERS: SerializerId[] = ['json', 'msgpack', 'cbor'];

function parseSerializers(value: unknown, path: JsonPath, issues: IssueCollector): SerializerId[] {
  if (value === undefined) return [...KNOWN_SERIALIZERS];
  if (!Array.isArray(value) || value.some((s) => typeof s !== 'string')) {
    issues.error(path, 'must be a list like ["json", "msgpack", "cbor"]');
    return [];
  }
  const out: SerializerId[] = [];
  (value as string[]).forEach((s, i) => {
    if ((KNOWN_SERIALIZERS as string[]).includes(s)) {
      if (!out.includes(s as SerializerId)) out.push(s as SerializerId);
    } else if (s === 'ubjson' || s === 'flatbuffers') issues.warn([...path, i], `serializer "${s}" is not supported and is skipped`);
    else issues.error([...path, i], `unknown serializer "${s}" (supported: json, msgpack, cbor)`);
  });
  if (out.length === 0 && value.length > 0) issues.error(path, 'none of the serializers is supported (supported: json, msgpack, cbor)');
  if (value.length === 0) issues.error(path, 'must name at least one serializer');
  return out;
}

function parseTransport(value: unknown, index: number, path: JsonPath, issues: IssueCollector, parse: ParseOptions): TransportPlan | undefined {
  if (!isObject(value)) {
    issues.error(path, 'must be an object like {"type": "websocket", "endpoint": {...}}');
    return undefined;
  }
  const type = value.type;
  if (typeof type === 'string' && UNSUPPORTED_TRANSPORTS.includes(type)) {
    issues.warn(path, `transport type "${type}" is not supported and is skipped (Authbahn serves WAMP over WebSocket and RawSocket)`);
    return undefined;
  }
  const id = value.id === undefined ? `transport${index + 1}` : parseLeaf(name('transport id'), value.id, [...path, 'id'], issues);
  if (type === 'websocket') {
    onlyKeys(value, ['type', 'id', 'endpoint', 'serializers', 'options', 'auth', 'url', 'debug', 'cookie'], path, issues);
    const endpoint = parseEndpoint(value.endpoint, [...path, 'endpoint'], issues, parse, false);
    const ws = parseWebSocketPart(value, path, issues);
    if (!endpoint || id === undefined) return undefined;
    return { id, ...endpoint, ...ws };
  }
  if (type === 'web') {
    onlyKeys(value, ['type', 'id', 'endpoint', 'paths', 'options'], path, issues);
    if (value.options !== undefined) issues.warn([...path, 'options'], 'web transport options are ignored');
    const endpoint = parseEndpoint(value.endpoint, [...path, 'endpoint'], issues, parse, false);
    if (!isObject(value.paths)) {
      issues.error([...path, 'paths'], 'must be an object like {"ws": {"type": "websocket"}}');
      return undefined;
    }
    for (const [key, p] of Object.entries(value.paths)) {
      if (!isObject(p)) issues.error([...path, 'paths', key], 'must be an object with a "type"');
      else if (p.type !== 'websocket') issues.warn([...path, 'paths', key], `path type ${JSON.stringify(p.type)} is not supported and is skipped (only "websocket" paths are served)`);
    }
    const ws = singleWebSocketPath(value.paths, [...path, 'paths'], issues, 'web transport');
    if (ws === null) {
      issues.warn([...path, 'paths'], 'no "websocket" path: this web transport is skipped');
      return undefined;
    }
    if (!ws || !endpoint || id === undefined) return undefined;
    return { id, ...endpoint, ...ws };
  }
  if (type === 'rawsocket') {
    onlyKeys(value, ['type', 'id', 'endpoint', 'serializers', 'max_message_size', 'options', 'auth', 'debug'], path, issues);
    const endpoint = parseEndpoint(value.endpoint, [...path, 'endpoint'], issues, parse, true);
    const rs = parseRawSocketPart(value, path, issues);
    if (!endpoint || id === undefined) return undefined;
    return { id, kind: 'rawsocket', ...endpoint, serializers: rs.serializers, ...rs.options, auth: rs.auth };
  }
  if (type === 'universal') {
    onlyKeys(value, ['type', 'id', 'endpoint', 'rawsocket', 'websocket', 'web', 'mqtt'], path, issues);
    const endpoint = parseEndpoint(value.endpoint, [...path, 'endpoint'], issues, parse, false);
    for (const key of ['web', 'mqtt'] as const) {
      if (value[key] !== undefined) issues.warn([...path, key], `the universal transport's "${key}" part is not supported and is skipped (WebSocket and RawSocket are served)`);
    }
    let rs: ReturnType<typeof parseRawSocketPart> | undefined;
    if (value.rawsocket !== undefined) {
      if (!isObject(value.rawsocket)) issues.error([...path, 'rawsocket'], 'must be an object like {"serializers": ["json", "msgpack", "cbor"]}');
      else {
        onlyKeys(value.rawsocket, ['id', 'type', 'serializers', 'max_message_size', 'options', 'auth', 'debug'], [...path, 'rawsocket'], issues);
        rs = parseRawSocketPart(value.rawsocket, [...path, 'rawsocket'], issues);
      }
    }
    let ws: ReturnType<typeof parseWebSocketPart> | null | undefined = null;
    if (value.websocket !== undefined) {
      if (!isObject(value.websocket)) issues.error([...path, 'websocket'], 'must be an object of paths like {"ws": {"type": "websocket"}}');
      else ws = singleWebSocketPath(value.websocket, [...path, 'websocket'], issues, 'universal transport');
    }
    if (!endpoint || id === undefined || ws === undefined) return undefined;
    if (ws === null && !rs) {
      issues.error(path, 'a universal transport needs a "rawsocket" or a "websocket" part');
      return undefined;
    }
    if (ws === null) return { id, kind: 'rawsocket', ...endpoint, serializers: rs!.serializers, ...rs!.options, auth: rs!.auth };
    if (!rs) return { id, ...endpoint, ...ws };
    return {
      id,
      kind: 'universal',
      ...endpoint,
      ...ws,
      rawsocket: { serializers: rs.serializers, ...(rs.options.maxMessageSize !== undefined ? { maxMessageSize: rs.options.maxMessageSize } : {}), auth: rs.auth },
    };
  }
  issues.error([...path, 'type'], `unknown transport type ${JSON.stringify(type)} (supported: "websocket", "web", "rawsocket", "universal")`);
  return undefined;
}

type WebSocketPart = Pick<TransportPlan, 'serializers' | 'maxMessageSize' | 'handshakeTimeoutMs' | 'authTimeoutMs' | 'allowedOrigins' | 'maxOutgoingBufferBytes' | 'auth' | 'path'>;

/** A websocket transport's own keys (also a web path's and a universal transport's websocket entry). */
function parseWebSocketPart(ws: Obj, at: JsonPath, issues: IssueCollector): WebSocketPart {
  if (ws.cookie !== undefined) issues.error([...at, 'cookie'], 'cookie tracking is not supported');
  const serializers = parseSerializers(ws.serializers, [...at, 'serializers'], issues);
  const options = parseWsOptions(ws.options, [...at, 'options'], issues);
  const auth = ws.auth === undefined ? undefined : parseAuth(ws.auth, [...at, 'auth'], issues);
  return { serializers, ...options, auth };
}

/** The one "websocket" entry of a paths object (web transport "paths", universal "websocket"); null: none. */
function singleWebSocketPath(paths: Obj, at: JsonPath, issues: IssueCollector, what: string): WebSocketPart | null | undefined {
  const wsPaths = Object.entries(paths).filter(([, p]) => isObject(p) && p.type === 'websocket');
  if (wsPaths.length === 0) return null;
  if (wsPaths.length > 1) {
    issues.error([...at, wsPaths[1]![0]], `only one websocket path per ${what} is supported; use another transport (port) for the second`);
    return undefined;
  }
  const [key, ws] = wsPaths[0]! as [string, Obj];
  const here = [...at, key];
  onlyKeys(ws, ['type', 'serializers', 'options', 'auth', 'url', 'debug', 'cookie'], here, issues);
  if (!/^\/?[A-Za-z0-9._~-]*$/.test(key)) issues.error(here, 'path must be one URL path segment like "ws"');
  return { ...parseWebSocketPart(ws, here, issues), path: key === '/' ? '/' : `/${key.replace(/^\//, '')}` };
}

/** RawSocket can announce at most 2^24 bytes (16 MiB) in its handshake. */
const RAWSOCKET_MAX_LENGTH = 16 * 1024 * 1024;

interface RawSocketOptions {
  maxMessageSize?: number;
  handshakeTimeoutMs?: number;
  authTimeoutMs?: number;
  maxOutgoingBufferBytes?: number;
}

/** A rawsocket transport's keys: serializers, max_message_size (Crossbar puts it at the top), auth, and options. */
function parseRawSocketPart(rs: Obj, at: JsonPath, issues: IssueCollector): { serializers: SerializerId[]; options: RawSocketOptions; auth: TransportAuth | undefined } {
  const serializers = parseSerializers(rs.serializers, [...at, 'serializers'], issues);
  const options: RawSocketOptions = {};
  const maxSize = (v: unknown, where: JsonPath) => {
    // Crossbar accepts 1 byte to 64 MiB; the handshake can announce 512 bytes to 16 MiB.
    const n = parseLeaf(z.number().int().min(512, { error: 'max_message_size must be at least 512 bytes' }).max(64 * 1024 * 1024), v, where, issues);
    if (n === undefined) return;
    if (n > RAWSOCKET_MAX_LENGTH) issues.warn(where, `RawSocket messages are at most ${RAWSOCKET_MAX_LENGTH} bytes (16 MiB); that is the limit used`);
    options.maxMessageSize = Math.min(n, RAWSOCKET_MAX_LENGTH);
  };
  if (rs.max_message_size !== undefined) maxSize(rs.max_message_size, [...at, 'max_message_size']);
  if (rs.options !== undefined) {
    if (!isObject(rs.options)) issues.error([...at, 'options'], 'must be an object');
    else {
      for (const [key, v] of Object.entries(rs.options)) {
        const where = [...at, 'options', key];
        if (key === 'max_message_size') maxSize(v, where);
        else if (key === 'open_handshake_timeout') {
          const n = parseLeaf(ms(key), v, where, issues);
          if (n !== undefined && n > 0) options.handshakeTimeoutMs = n;
        } else if (key === 'auth_timeout') {
          const n = parseLeaf(ms(key).min(1), v, where, issues);
          if (n !== undefined) options.authTimeoutMs = n;
        } else if (key === 'max_outgoing_buffer_size') {
          const n = parseLeaf(z.number().int().min(64 * 1024, { error: 'max_outgoing_buffer_size must be at least 65536 bytes' }).max(1024 ** 3), v, where, issues);
          if (n !== undefined) options.maxOutgoingBufferBytes = n;
        } else issues.error(where, 'unknown RawSocket option (supported: max_message_size, open_handshake_timeout, auth_timeout, max_outgoing_buffer_size)');
      }
    }
  }
  const auth = rs.auth === undefined ? undefined : parseAuth(rs.auth, [...at, 'auth'], issues);
  return { serializers, options, auth };
}

// ---------------------------------------------------------------------------------------------
// Authentication

const UNSUPPORTED_AUTH: Record<string, string> = {
  'cryptosign-proxy': 'WAMP-Cryptosign proxy authentication is not supported (use "cryptosign")',
  scram: 'WAMP-SCRAM is not supported (use wampcra)',
  cookie: 'cookie authentication is not supported',
  tls: 'TLS client-certificate authentication is not supported',
  'anonymous-proxy': 'proxy authentication is not supported',
  'ticket-proxy': 'proxy authentication is not supported',
};

const dynamicSchema = z.strictObject({
  type: z.literal('dynamic'),
  authenticator: uri('authenticator'),
  'authenticator-realm': uri('authenticator-realm').optional(),
});

function toDynamic(d: z.infer<typeof dynamicSchema>): DynamicAuth {
  return { type: 'dynamic', authenticator: d.authenticator, ...(d['authenticator-realm'] ? { authenticatorRealm: d['authenticator-realm'] } : {}) };
}

const extraSchema = z.record(z.string(), z.unknown()).optional();

function parseAuth(value: unknown, path: JsonPath, issues: IssueCollector): TransportAuth | undefined {
  if (!isObject(value)) {
    issues.error(path, 'must be an object like {"ticket": {...}, "wampcra": {...}}');
    return undefined;
  }
  const auth: TransportAuth = {};
  for (const [method, config] of Object.entries(value)) {
    const at = [...path, method];
    if (has(UNSUPPORTED_AUTH, method)) {
      issues.error(at, UNSUPPORTED_AUTH[method]!);
      continue;
    }
    if (method !== 'anonymous' && method !== 'ticket' && method !== 'wampcra' && method !== 'cryptosign') {
      issues.error(at, 'unknown authentication method (supported: anonymous, ticket, wampcra, cryptosign)');
      continue;
    }
    if (!isObject(config) || (config.type !== 'static' && config.type !== 'dynamic')) {
      issues.error([...at, 'type'], 'must be "static" or "dynamic"');
      continue;
    }
    if (config.type === 'dynamic') {
      const d = parseLeaf(dynamicSchema, config, at, issues);
      if (d) auth[method] = toDynamic(d);
      continue;
    }
    if (method === 'anonymous') {
      const s = parseLeaf(z.strictObject({ type: z.literal('static'), role: name('role').optional() }), config, at, issues);
      if (s) auth.anonymous = { type: 'static', role: s.role ?? 'anonymous' } satisfies AnonymousAuth;
    } else if (method === 'ticket') {
      const t = parseTicketStatic(config, at, issues);
      if (t) auth.ticket = t;
    } else if (method === 'cryptosign') {
      const c = parseCryptosignStatic(config, at, issues);
      if (c) auth.cryptosign = c;
    } else {
      const c = parseCraStatic(config, at, issues);
      if (c) auth.wampcra = c;
    }
  }
  if (Object.keys(value).length === 0) issues.error(path, 'an empty auth section lets nobody in; remove it for anonymous access or configure a method');
  return auth;
}

/** "secret" / "ticket" value: inline text or {"keychain": "NAME"}. */
function parseSecretRef(value: unknown, path: JsonPath, issues: IssueCollector, what: string): SecretRef | undefined {
  if (typeof value === 'string') {
    if (value === '') issues.error(path, `${what} must not be empty`);
    return value === '' ? undefined : { kind: 'inline', value };
  }
  if (isObject(value) && has(value, 'keychain')) {
    onlyKeys(value, ['keychain'], path, issues);
    const n = parseLeaf(name('keychain item name'), value.keychain, [...path, 'keychain'], issues);
    return n === undefined ? undefined : { kind: 'keychain', name: n };
  }
  issues.error(path, `${what} must be a string or {"keychain": "NAME"}`);
  return undefined;
}

function parseTotp(value: Obj, path: JsonPath, issues: IssueCollector): TotpRef | undefined {
  onlyKeys(value, ['totp', 'digits', 'period', 'algorithm'], path, issues);
  const source = value.totp;
  if (isObject(source) && has(source, 'account')) {
    onlyKeys(source, ['account'], [...path, 'totp'], issues);
    for (const key of ['digits', 'period', 'algorithm']) {
      if (value[key] !== undefined) issues.error([...path, key], 'comes from the referenced account; remove it here');
    }
    const query = parseLeaf(name('account'), source.account, [...path, 'totp', 'account'], issues);
    return query === undefined ? undefined : { kind: 'account', query };
  }
  const secret = parseSecretRef(source, [...path, 'totp'], issues, 'totp (a base32 secret, {"keychain": "NAME"} or {"account": "ID"})');
  if (secret?.kind === 'inline') {
    const normalized = normalizeBase32(secret.value);
    if (!normalized.ok) {
      issues.error([...path, 'totp'], `not a base32 secret: ${normalized.error.message}`);
      return undefined;
    }
  }
  const digits = value.digits === undefined ? 6 : parseLeaf(z.number().int().min(6, { error: 'digits must be 6 to 8' }).max(8, { error: 'digits must be 6 to 8' }), value.digits, [...path, 'digits'], issues);
  const period = value.period === undefined ? 30 : parseLeaf(z.number().int().min(1).max(300), value.period, [...path, 'period'], issues);
  const algorithm =
    value.algorithm === undefined
      ? 'SHA1'
      : parseLeaf(
          z.string().transform((s) => s.toUpperCase().replace('-', '')).pipe(z.enum(HASH_ALGORITHMS, { error: 'algorithm must be SHA1, SHA256 or SHA512' })),
          value.algorithm,
          [...path, 'algorithm'],
          issues,
        );
  if (!secret || digits === undefined || period === undefined || algorithm === undefined) return undefined;
  return { kind: 'secret', secret, digits, period, algorithm };
}

function principalCommon(p: Obj, at: JsonPath, issues: IssueCollector) {
  const role = parseLeaf(name('role'), p.role, [...at, 'role'], issues);
  const realm = p.realm === undefined ? undefined : parseLeaf(uri('realm'), p.realm, [...at, 'realm'], issues);
  const extra = parseLeaf(extraSchema, p.extra, [...at, 'extra'], issues);
  return { role, realm, extra };
}

function parseTicketStatic(config: Obj, path: JsonPath, issues: IssueCollector): TicketAuth | undefined {
  onlyKeys(config, ['type', 'principals'], path, issues);
  if (!isObject(config.principals)) {
    issues.error([...path, 'principals'], 'must be an object like {"joe": {"ticket": "secret!!!", "role": "frontend"}}');
    return undefined;
  }
  const principals: Record<string, TicketPrincipal> = {};
  for (const [authid, p] of Object.entries(config.principals)) {
    const at = [...path, 'principals', authid];
    if (!isObject(p)) {
      issues.error(at, 'must be an object like {"ticket": "...", "role": "..."}');
      continue;
    }
    onlyKeys(p, ['ticket', 'role', 'realm', 'extra', 'authid'], at, issues);
    if (p.authid !== undefined && p.authid !== authid) issues.error([...at, 'authid'], 'must equal the key it is listed under');
    const { role, realm, extra } = principalCommon(p, at, issues);
    let ticket: TicketPrincipal['ticket'] | undefined;
    if (isObject(p.ticket) && has(p.ticket, 'totp')) {
      const totp = parseTotp(p.ticket, [...at, 'ticket'], issues);
      if (totp) ticket = { kind: 'totp', totp };
    } else {
      const secret = parseSecretRef(p.ticket, [...at, 'ticket'], issues, 'ticket');
      if (secret) ticket = { kind: 'secret', secret };
    }
    if (role !== undefined && ticket) principals[authid] = { role, ticket, ...(realm ? { realm } : {}), ...(extra ? { extra } : {}) };
  }
  return { type: 'static', principals };
}

const craParams = z.strictObject({
  salt: z.string().min(1).max(1024).optional(),
  iterations: z.number().int().min(1).max(10_000_000).optional(),
  keylen: z.number().int().min(1).max(1024).optional(),
});

function parseCraStatic(config: Obj, path: JsonPath, issues: IssueCollector): CraAuth | undefined {
  onlyKeys(config, ['type', 'users'], path, issues);
  if (!isObject(config.users)) {
    issues.error([...path, 'users'], 'must be an object like {"joe": {"secret": "...", "role": "frontend"}}');
    return undefined;
  }
  const users: Record<string, CraUser> = {};
  for (const [authid, u] of Object.entries(config.users)) {
    const at = [...path, 'users', authid];
    if (!isObject(u)) {
      issues.error(at, 'must be an object like {"secret": "...", "role": "..."}');
      continue;
    }
    onlyKeys(u, ['secret', 'role', 'realm', 'extra', 'salt', 'iterations', 'keylen', 'authid'], at, issues);
    if (u.authid !== undefined && u.authid !== authid) issues.error([...at, 'authid'], 'must equal the key it is listed under');
    const { role, realm, extra } = principalCommon(u, at, issues);
    const secret = parseSecretRef(u.secret, [...at, 'secret'], issues, 'secret');
    const params = parseLeaf(craParams, { salt: u.salt, iterations: u.iterations, keylen: u.keylen }, at, issues);
    if (params && params.salt === undefined && (params.iterations !== undefined || params.keylen !== undefined)) {
      issues.error(at, '"iterations" and "keylen" only apply together with "salt"');
    }
    if (role === undefined || !secret || !params) continue;
    users[authid] = {
      role,
      secret,
      ...(realm ? { realm } : {}),
      ...(extra ? { extra } : {}),
      ...(params.salt !== undefined ? { salt: params.salt, iterations: params.iterations ?? 1000, keylen: params.keylen ?? 32 } : {}),
    };
  }
  return { type: 'static', users };
}

/**
 * Static WAMP-Cryptosign: {"principals": {AUTHID: {"authorized_keys": [HEX, ...], "role": R, "realm"?}}}.
 * Authbahn extension: an authorized key may be {"keychain-key": NAME}, the public key of the app's
 * stored key NAME (`authbahn keys generate NAME`), looked up on every login.
 */
function parseCryptosignStatic(config: Obj, path: JsonPath, issues: IssueCollector): CryptosignAuth | undefined {
  onlyKeys(config, ['type', 'principals'], path, issues);
  if (!isObject(config.principals)) {
    issues.error([...path, 'principals'], 'must be an object like {"client01": {"authorized_keys": ["545efb0a…"], "role": "frontend"}}');
    return undefined;
  }
  const principals: Record<string, CryptosignPrincipal> = {};
  const owners = new Map<string, string>();
  for (const [authid, p] of Object.entries(config.principals)) {
    const at = [...path, 'principals', authid];
    if (!isObject(p)) {
      issues.error(at, 'must be an object like {"authorized_keys": ["…"], "role": "…"}');
      continue;
    }
    onlyKeys(p, ['authorized_keys', 'role', 'realm', 'extra', 'authid'], at, issues);
    if (p.authid !== undefined && p.authid !== authid) issues.error([...at, 'authid'], 'must equal the key it is listed under');
    const { role, realm, extra } = principalCommon(p, at, issues);
    const keys = parseAuthorizedKeys(p.authorized_keys, [...at, 'authorized_keys'], issues);
    for (const key of keys ?? []) {
      const id = key.kind === 'hex' ? key.publicKey : `keychain-key ${key.name}`;
      const owner = owners.get(id);
      if (owner !== undefined && owner !== authid) {
        issues.warn([...at, 'authorized_keys'], `the key ${key.kind === 'hex' ? key.publicKey.slice(0, 16) + '…' : `"${key.name}"`} is also authorized for "${owner}": a client sending it without an authid cannot be identified`);
      }
      owners.set(id, authid);
    }
    if (role !== undefined && keys) principals[authid] = { role, authorizedKeys: keys, ...(realm ? { realm } : {}), ...(extra ? { extra } : {}) };
  }
  return { type: 'static', principals };
}

function parseAuthorizedKeys(value: unknown, path: JsonPath, issues: IssueCollector): AuthorizedKey[] | undefined {
  if (!Array.isArray(value) || value.length === 0) {
    issues.error(path, 'must be a non-empty list of Ed25519 public keys (64 hex digits) or {"keychain-key": "NAME"}');
    return undefined;
  }
  if (value.length > 1000) {
    issues.error(path, 'at most 1000 keys per principal');
    return undefined;
  }
  const keys: AuthorizedKey[] = [];
  let ok = true;
  value.forEach((entry, i) => {
    if (typeof entry === 'string') {
      if (/^[0-9a-fA-F]{64}$/.test(entry)) keys.push({ kind: 'hex', publicKey: entry.toLowerCase() });
      else {
        issues.error([...path, i], 'an Ed25519 public key is 32 bytes in hex (64 hex digits)');
        ok = false;
      }
    } else if (isObject(entry) && has(entry, 'keychain-key')) {
      onlyKeys(entry, ['keychain-key'], [...path, i], issues);
      const keyName = entry['keychain-key'];
      if (typeof keyName === 'string' && KEY_NAME_PATTERN.test(keyName)) keys.push({ kind: 'keychain-key', name: keyName });
      else {
        issues.error([...path, i, 'keychain-key'], KEY_NAME_RULE);
        ok = false;
      }
    } else {
      issues.error([...path, i], 'must be a public key (64 hex digits) or {"keychain-key": "NAME"}');
      ok = false;
    }
  });
  return ok ? keys : undefined;
}

// ---------------------------------------------------------------------------------------------
// Cross-references

function crossCheck(realms: RealmPlan[], transports: TransportPlan[], path: JsonPath, issues: IssueCollector): void {
  const realmNames = new Set(realms.map((r) => r.name));
  transports.flatMap(authParts).forEach((t) => {
    const at = [...path, 'transports', `(id "${t.id}")`];
    const check = (realm: string | undefined, role: string | undefined, where: string) => {
      if (realm !== undefined && !realmNames.has(realm)) issues.error(at, `${where}: realm "${realm}" is not defined in realms`);
      if (realm !== undefined && role !== undefined && realmNames.has(realm)) {
        const plan = realms.find((r) => r.name === realm)!;
        if (!has(plan.roles, role)) issues.error(at, `${where}: role "${role}" is not defined in realm "${realm}"`);
      }
      if (realm === undefined && role !== undefined && realms.length > 0 && !realms.some((r) => has(r.roles, role))) {
        issues.error(at, `${where}: role "${role}" is not defined in any realm`);
      }
    };
    const auth = t.auth;
    if (!auth) {
      if (!realms.some((r) => has(r.roles, 'anonymous'))) {
        issues.warn(at, 'no "auth" section: clients join as role "anonymous", which no realm defines');
      }
      return;
    }
    for (const method of ['anonymous', 'ticket', 'wampcra', 'cryptosign'] as const) {
      const m = auth[method];
      if (m?.type === 'dynamic' && m.authenticatorRealm !== undefined && !realmNames.has(m.authenticatorRealm)) {
        issues.error(at, `auth.${method}: authenticator-realm "${m.authenticatorRealm}" is not defined in realms`);
      }
    }
    if (auth.anonymous?.type === 'static') check(undefined, auth.anonymous.role, 'auth.anonymous');
    if (auth.ticket?.type === 'static') {
      for (const [authid, p] of Object.entries(auth.ticket.principals)) check(p.realm, p.role, `auth.ticket.principals["${authid}"]`);
    }
    if (auth.wampcra?.type === 'static') {
      for (const [authid, u] of Object.entries(auth.wampcra.users)) check(u.realm, u.role, `auth.wampcra.users["${authid}"]`);
    }
    if (auth.cryptosign?.type === 'static') {
      for (const [authid, p] of Object.entries(auth.cryptosign.principals)) check(p.realm, p.role, `auth.cryptosign.principals["${authid}"]`);
    }
  });
  const ports = new Map<string, string>();
  for (const t of transports) {
    const key = t.socketPath !== undefined ? `unix:${t.socketPath}` : `${t.host}:${t.port}`;
    if ((t.port !== 0 || t.socketPath !== undefined) && ports.has(key)) issues.error([...path, 'transports'], `transports "${ports.get(key)}" and "${t.id}" both listen on ${key}`);
    ports.set(key, t.id);
  }
}
