// Static role permissions, Crossbar semantics (crossbar/router/role.py RouterRoleStaticAuth):
//   1. a permission whose uri equals the URI exactly ("exact" policy, or any policy with an equal uri)
//   2. otherwise a matching "wildcard" permission (empty components match any one component);
//      among several, the one with the longest literal text before its first empty component
//   3. otherwise the matching "prefix" permission with the longest uri
//   4. otherwise nothing is allowed.
// The legacy starred form without "match" is converted as Crossbar's convert_starred_uri does:
// "com.example.*" → prefix "com.example.", "com.*.create" → wildcard "com..create", "*" → prefix ""
// (everything), no star → exact.
import { wildcardMatches, type MatchPolicy } from '../../../shared/wamp/uri';
import type { Action } from './types';

export interface Permission {
  uri: string;
  match: MatchPolicy;
  allow: Record<Action, boolean>;
  disclose: { caller: boolean; publisher: boolean };
  cache: boolean;
}

export interface PermissionInput {
  uri: string;
  match?: MatchPolicy;
  allow?: Partial<Record<Action, boolean>>;
  disclose?: Partial<{ caller: boolean; publisher: boolean }>;
  cache?: boolean;
}

/** Crossbar's convert_starred_uri (autobahn.wamp.uri): one trailing star → prefix, other stars → wildcard. */
export function convertStarredUri(uri: string): { uri: string; match: MatchPolicy } {
  const stars = uri.split('*').length - 1;
  if (stars === 0) return { uri, match: 'exact' };
  if (stars === 1 && uri.endsWith('*')) return { uri: uri.slice(0, -1), match: 'prefix' };
  return { uri: uri.replaceAll('*', ''), match: 'wildcard' };
}

export function toPermission(input: PermissionInput): Permission {
  const { uri, match } = input.match === undefined ? convertStarredUri(input.uri) : { uri: input.uri, match: input.match };
  return {
    uri,
    match,
    allow: {
      call: input.allow?.call ?? false,
      register: input.allow?.register ?? false,
      publish: input.allow?.publish ?? false,
      subscribe: input.allow?.subscribe ?? false,
    },
    disclose: { caller: input.disclose?.caller ?? false, publisher: input.disclose?.publisher ?? false },
    cache: input.cache ?? true,
  };
}

/** Literal text before the first empty component: how specific a wildcard pattern is. */
function wildcardSpecificity(pattern: string): number {
  const i = pattern.indexOf('..');
  if (pattern.startsWith('.')) return 0;
  return i < 0 ? pattern.length : i;
}

export class PermissionTable {
  private readonly exact = new Map<string, Permission>();
  private readonly prefixes: Permission[];
  private readonly wildcards: Permission[];

  constructor(permissions: Permission[]) {
    for (const p of permissions) if (p.match === 'exact') this.exact.set(p.uri, p);
    // Longest first, so the first hit is the best one.
    this.prefixes = permissions.filter((p) => p.match === 'prefix').sort((a, b) => b.uri.length - a.uri.length);
    this.wildcards = permissions
      .filter((p) => p.match === 'wildcard')
      .sort((a, b) => wildcardSpecificity(b.uri) - wildcardSpecificity(a.uri));
  }

  /** The permission that governs `uri`, or undefined (deny everything). */
  lookup(uri: string): Permission | undefined {
    const exact = this.exact.get(uri);
    if (exact) return exact;
    // A prefix or wildcard entry whose text equals the URI counts as an exact hit (Crossbar's trie does the same).
    const equal = this.prefixes.find((p) => p.uri === uri) ?? this.wildcards.find((p) => p.uri === uri);
    if (equal) return equal;
    const wild = this.wildcards.find((p) => wildcardMatches(p.uri, uri));
    if (wild) return wild;
    return this.prefixes.find((p) => uri.startsWith(p.uri));
  }

  /** allow/disclose for one action (disclose: caller for call, publisher for publish, else false). */
  decide(uri: string, action: Action): { allow: boolean; disclose: boolean; cache: boolean } {
    const p = this.lookup(uri);
    if (!p) return { allow: false, disclose: false, cache: true };
    const disclose = action === 'call' ? p.disclose.caller : action === 'publish' ? p.disclose.publisher : false;
    return { allow: p.allow[action], disclose, cache: p.cache };
  }
}
