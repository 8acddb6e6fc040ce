// The structured editor works on the parsed router.json itself (a Crossbar config), not on a separate
// model: each edit clones the document, changes the few keys it is about and serialises it again. So
// everything the structured view does not show (dynamic auth, options, other transports, unknown keys)
// survives an edit unchanged, and the JSON view and the file stay the single source of truth.
export type Obj = Record<string, unknown>;
export const isObject = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

export type ParsedDoc = { ok: true; doc: Obj } | { ok: false; error: string };

export function parseDoc(text: string): ParsedDoc {
  try {
    const doc: unknown = JSON.parse(text.replace(/^\uFEFF/, ''));
    if (!isObject(doc)) return { ok: false, error: 'the config must be a JSON object' };
    return { ok: true, doc };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

export function formatDoc(doc: unknown): string {
  return `${JSON.stringify(doc, null, 2)}\n`;
}

/** Applies `mutate` to a copy of the document in `text` and returns the new text (unchanged if it is not JSON). */
export function editDoc(text: string, mutate: (doc: Obj) => void): string {
  const parsed = parseDoc(text);
  if (!parsed.ok) return text;
  const doc = structuredClone(parsed.doc);
  mutate(doc);
  return formatDoc(doc);
}

export function routerWorker(doc: Obj): Obj | undefined {
  return Array.isArray(doc.workers) ? (doc.workers.find((w) => isObject(w) && w.type === 'router') as Obj | undefined) : undefined;
}

/** Index of the router worker in "workers" (the start of the JSON paths the editor's controls carry). */
export function routerWorkerIndex(doc: Obj): number {
  return Array.isArray(doc.workers) ? doc.workers.findIndex((w) => isObject(w) && w.type === 'router') : -1;
}

/** The array under `key` of `o`, created when missing (for edits). */
export function arrayAt(o: Obj, key: string): unknown[] {
  if (!Array.isArray(o[key])) o[key] = [];
  return o[key] as unknown[];
}

export function objectAt(o: Obj, key: string): Obj {
  if (!isObject(o[key])) o[key] = {};
  return o[key] as Obj;
}

export const objects = (v: unknown): Obj[] => (Array.isArray(v) ? v.filter(isObject) : []);

// ---- realms, roles, permissions ------------------------------------------------------------------

export const ACTIONS = ['call', 'register', 'publish', 'subscribe'] as const;
export type Action = (typeof ACTIONS)[number];
export const MATCHES = ['exact', 'prefix', 'wildcard'] as const;
export type Match = (typeof MATCHES)[number];

export interface PermissionRow {
  uri: string;
  match: Match;
  allow: Record<Action, boolean>;
}

/** Reads a permission the way the router does: allow.{action}, or the legacy top-level flags. */
export function readPermission(p: Obj): PermissionRow {
  const allow = isObject(p.allow) ? p.allow : {};
  const flag = (a: Action) => (typeof allow[a] === 'boolean' ? (allow[a] as boolean) : p[a] === true);
  const match = MATCHES.includes(p.match as Match) ? (p.match as Match) : String(p.uri ?? '').endsWith('*') ? 'prefix' : 'exact';
  return { uri: typeof p.uri === 'string' ? p.uri : '', match, allow: { call: flag('call'), register: flag('register'), publish: flag('publish'), subscribe: flag('subscribe') } };
}

/** Writes a row back into the permission object, keeping keys the row does not cover (disclose, cache). */
export function writePermission(p: Obj, row: PermissionRow): void {
  // A legacy "com.example.*" permission has no "match" (the router rejects both together): add one
  // only when the user picks a policy other than the one the legacy form implies.
  const legacy = p.match === undefined && row.uri.includes('*') && readPermission(p).match === row.match;
  p.uri = row.uri;
  if (!legacy) p.match = row.match;
  p.allow = { ...(isObject(p.allow) ? p.allow : {}), ...row.allow };
  for (const a of ACTIONS) delete p[a];
}

export function newPermission(): Obj {
  return { uri: 'com.example.', match: 'prefix', allow: { call: true, register: false, publish: false, subscribe: true } };
}

/** Every role name defined in any realm (for the role pickers of the auth editor). */
export function allRoleNames(doc: Obj): string[] {
  const worker = routerWorker(doc);
  const names = objects(worker?.realms).flatMap((r) => objects(r.roles).map((role) => role.name).filter((n): n is string => typeof n === 'string'));
  return [...new Set(names)];
}

// ---- transports and their auth -------------------------------------------------------------------

/** Where a transport keeps its WebSocket settings: itself ("websocket") or its websocket path ("web"). */
export function wsSection(transport: Obj): Obj | undefined {
  if (transport.type === 'websocket') return transport;
  if (transport.type === 'web' && isObject(transport.paths)) {
    return Object.values(transport.paths).find((p): p is Obj => isObject(p) && p.type === 'websocket');
  }
  return undefined;
}

/** Path of wsSection(transport) below the transport: [] itself, or ["paths", KEY] of a web transport. */
export function wsSectionPath(transport: Obj): string[] | undefined {
  if (transport.type === 'websocket') return [];
  if (transport.type === 'web' && isObject(transport.paths)) {
    const key = Object.keys(transport.paths).find((k) => isObject((transport.paths as Obj)[k]) && ((transport.paths as Obj)[k] as Obj).type === 'websocket');
    return key === undefined ? undefined : ['paths', key];
  }
  return undefined;
}

export type SecretSource = { kind: 'keychain'; name: string } | { kind: 'inline'; value: string } | { kind: 'account'; account: string } | { kind: 'other' };

/** A ticket or secret value as the editor shows it; TOTP with inline/keychain secrets is 'other' (JSON view). */
export function readSecret(value: unknown): SecretSource {
  if (typeof value === 'string') return { kind: 'inline', value };
  if (isObject(value) && typeof value.keychain === 'string') return { kind: 'keychain', name: value.keychain };
  if (isObject(value) && isObject(value.totp) && typeof value.totp.account === 'string') return { kind: 'account', account: value.totp.account };
  return { kind: 'other' };
}

export function writeSecret(source: SecretSource): unknown {
  switch (source.kind) {
    case 'keychain':
      return { keychain: source.name };
    case 'inline':
      return source.value;
    case 'account':
      return { totp: { account: source.account } };
    default:
      return undefined;
  }
}

/** Keychain item name suggested for a principal: "<transport>-<method>-<authid>", limited to allowed characters. */
export function suggestSecretName(transportId: string, method: 'ticket' | 'wampcra', authid: string): string {
  return `${transportId}-${method}-${authid}`.replace(/[^\w.@:/-]/g, '_').slice(0, 200);
}

/**
 * Renames a ticket principal or WAMP-CRA user. Its keychain item name follows the new authid while it is
 * still the name suggested for the old one and nothing is stored under it; a stored secret keeps its
 * name, so the config never stops pointing at a secret the user stored (no orphaned keychain items).
 */
export function renamePrincipal(
  entries: Obj,
  from: string,
  to: string,
  where: { transportId: string; method: 'ticket' | 'wampcra'; isStored: (name: string) => boolean },
): Obj {
  const renamed = renameKey(entries, from, to);
  if (renamed === entries) return entries;
  const entry = renamed[to];
  const field = where.method === 'ticket' ? 'ticket' : 'secret';
  if (isObject(entry)) {
    const source = readSecret(entry[field]);
    const suggested = suggestSecretName(where.transportId, where.method, from);
    if (source.kind === 'keychain' && source.name === suggested && !where.isStored(source.name)) {
      renamed[to] = { ...entry, [field]: writeSecret({ kind: 'keychain', name: suggestSecretName(where.transportId, where.method, to) }) };
    }
  }
  return renamed;
}

/** Every keychain item name the transports' ticket principals and WAMP-CRA users refer to. */
export function keychainNames(doc: Obj): string[] {
  const names = new Set<string>();
  for (const t of objects(routerWorker(doc)?.transports)) {
    const auth = wsSection(t)?.auth;
    if (!isObject(auth)) continue;
    const add = (method: unknown, entriesKey: string, field: string) => {
      if (!isObject(method) || !isObject(method[entriesKey])) return;
      for (const entry of Object.values(method[entriesKey] as Obj)) {
        const source = isObject(entry) ? readSecret(entry[field]) : undefined;
        if (source?.kind === 'keychain' && source.name !== '') names.add(source.name);
      }
    };
    add(auth.ticket, 'principals', 'ticket');
    add(auth.wampcra, 'users', 'secret');
  }
  return [...names].sort();
}

// ---- cryptosign authorized keys ------------------------------------------------------------------

/** One entry of a cryptosign principal's authorized_keys: a stored key of the app, or a public key in hex. */
export type AuthorizedKeyRow = { kind: 'stored'; name: string } | { kind: 'hex'; value: string } | { kind: 'other' };

export function readAuthorizedKey(v: unknown): AuthorizedKeyRow {
  if (typeof v === 'string') return { kind: 'hex', value: v };
  if (isObject(v) && typeof v['keychain-key'] === 'string') return { kind: 'stored', name: v['keychain-key'] };
  return { kind: 'other' };
}

export function writeAuthorizedKey(row: AuthorizedKeyRow): unknown {
  return row.kind === 'hex' ? row.value : row.kind === 'stored' ? { 'keychain-key': row.name } : undefined;
}

/** An Ed25519 public key as the router accepts it: 64 hex digits. */
export const isPublicKeyHex = (v: string): boolean => /^[0-9a-fA-F]{64}$/.test(v);

/** Renames a key of an object keeping the key order (principals and users are keyed by authid). */
export function renameKey(o: Obj, from: string, to: string): Obj {
  if (from === to || Object.prototype.hasOwnProperty.call(o, to)) return o;
  const out: Obj = {};
  for (const [k, v] of Object.entries(o)) out[k === from ? to : k] = v;
  return out;
}

/** A fresh authid not used in `o` yet: user1, user2, … */
export function freshKey(o: Obj, base: string): string {
  for (let i = 1; ; i++) if (!Object.prototype.hasOwnProperty.call(o, `${base}${i}`)) return `${base}${i}`;
}

/** Port of the first transport's endpoint, as the UI's port field shows it. */
export function firstPort(doc: Obj): number | undefined {
  const t = objects(routerWorker(doc)?.transports)[0];
  const port = isObject(t?.endpoint) ? t.endpoint.port : undefined;
  return typeof port === 'number' ? port : typeof port === 'string' && /^\d+$/.test(port) ? Number(port) : undefined;
}

export function setFirstPort(doc: Obj, port: number): void {
  const t = objects(routerWorker(doc)?.transports)[0];
  if (t) t.endpoint = { ...(isObject(t.endpoint) ? t.endpoint : { type: 'tcp' }), port };
}
