// Pure checks made on the HTTP upgrade request, before a WebSocket exists: path, Origin and
// WAMP subprotocol. Kept separate from the socket code so they can be unit tested.
import { serializerForSubprotocol, type SerializerId, type WampSerializer } from '../../../shared/wamp/serializers';

export function normalizePath(path: string | undefined): string {
  if (!path || path === '/') return '/';
  const withSlash = path.startsWith('/') ? path : `/${path}`;
  return withSlash.length > 1 && withSlash.endsWith('/') ? withSlash.slice(0, -1) : withSlash;
}

/** The configured path, with or without a trailing slash, and the root are accepted. */
export function pathAccepted(requestUrl: string | undefined, path: string): boolean {
  const pathname = normalizePath((requestUrl ?? '/').split('?')[0]);
  return pathname === path || pathname === '/';
}

function globToRegExp(glob: string): RegExp {
  const escaped = glob.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*');
  return new RegExp(`^${escaped}$`, 'i');
}

/**
 * null/undefined list: any origin. Otherwise a present Origin must match an entry ("*" is a
 * wildcard); an absent Origin passes because only browsers send one, and they always do.
 */
export function originAllowed(origin: string | undefined, allowed: string[] | null | undefined): boolean {
  if (!allowed) return true;
  if (origin === undefined) return true;
  return allowed.some((pattern) => globToRegExp(pattern).test(origin));
}

/** Parse the Sec-WebSocket-Protocol header (comma separated). */
export function offeredProtocols(header: string | string[] | undefined): string[] {
  const text = Array.isArray(header) ? header.join(',') : (header ?? '');
  return text
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p.length > 0);
}

export interface ChosenSubprotocol {
  protocol: string;
  serializer: WampSerializer;
  /** "….batched" variant: several messages per WebSocket message (see batching.ts). */
  batched: boolean;
}

/** The first protocol in the client's order that we support and allow on this transport. */
export function chooseSubprotocol(offered: Iterable<string>, allowed: readonly SerializerId[]): ChosenSubprotocol | undefined {
  for (const protocol of offered) {
    const batched = protocol.endsWith('.batched');
    const serializer = serializerForSubprotocol(batched ? protocol.slice(0, -'.batched'.length) : protocol);
    if (serializer && allowed.includes(serializer.id)) return { protocol, serializer, batched };
  }
  return undefined;
}
