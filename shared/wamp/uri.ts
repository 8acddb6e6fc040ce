// WAMP URI validation and pattern matching (WAMP spec "URIs" and the advanced profile's
// pattern-based subscriptions/registrations).

export type MatchPolicy = 'exact' | 'prefix' | 'wildcard';

export interface UriCheckOptions {
  /** Allow empty components ("a..b") — wildcard patterns need this. */
  allowEmptyComponents?: boolean;
  /** Strict rules: components only of [0-9a-z_] (lower case). Loose (default): no whitespace, "." or "#". */
  strict?: boolean;
}

const LOOSE = /^([^\s.#]+\.)*([^\s.#]+)$/;
const LOOSE_EMPTY = /^(([^\s.#]+\.)|\.)*([^\s.#]+)?$/;
const STRICT = /^([0-9a-z_]+\.)*([0-9a-z_]+)$/;
const STRICT_EMPTY = /^(([0-9a-z_]+\.)|\.)*([0-9a-z_]+)?$/;

export function isValidUri(uri: unknown, options: UriCheckOptions = {}): uri is string {
  if (typeof uri !== 'string' || uri.length === 0) return false;
  if (options.allowEmptyComponents) return (options.strict ? STRICT_EMPTY : LOOSE_EMPTY).test(uri);
  return (options.strict ? STRICT : LOOSE).test(uri);
}

/** Validate a topic/procedure (or a pattern, given its match policy). Prefix patterns may end in "." or be any prefix. */
export function isValidPattern(uri: unknown, match: MatchPolicy): uri is string {
  if (match === 'wildcard') return isValidUri(uri, { allowEmptyComponents: true });
  if (match === 'prefix') return typeof uri === 'string' && uri.length > 0 && !/[\s#]/.test(uri);
  return isValidUri(uri);
}

export function parseMatchPolicy(value: unknown): MatchPolicy | undefined {
  if (value === undefined) return 'exact';
  return value === 'exact' || value === 'prefix' || value === 'wildcard' ? value : undefined;
}

/** Wildcard pattern "a..c" matches "a.b.c": same number of components, empty components match any one. */
export function wildcardMatches(pattern: string, uri: string): boolean {
  const p = pattern.split('.');
  const u = uri.split('.');
  if (p.length !== u.length) return false;
  for (let i = 0; i < p.length; i += 1) if (p[i] !== '' && p[i] !== u[i]) return false;
  return true;
}

export function prefixMatches(prefix: string, uri: string): boolean {
  return uri.startsWith(prefix);
}

export function patternMatches(pattern: string, match: MatchPolicy, uri: string): boolean {
  if (match === 'exact') return pattern === uri;
  if (match === 'prefix') return prefixMatches(pattern, uri);
  return wildcardMatches(pattern, uri);
}
