// What a server's non-101 answer to the WebSocket upgrade means: Crossbar refusing a subprotocol (in
// the status line), a TLS-only port answering plain HTTP (Go, nginx), or just a web page — shown as the
// status and one cleaned line of the page, never raw HTML.
import type { OpenFailure } from './ws-client';

/** The server's HTTP answer to the upgrade request, when it was not 101. */
export interface HttpAnswer {
  /** "HTTP 400 Bad Request" */
  status: string;
  /** Text of the page as one cleaned line (tags stripped, whitespace collapsed, cut at a word), or null. */
  excerpt: string | null;
  /** WAMP subprotocols the server says it speaks (Crossbar names them when it refuses the upgrade). */
  serverProtocols: string[] | null;
}

/** Go (and others) answer plain HTTP on a TLS port with a 400 saying so; nginx says it in its error page. */
const HTTP_ON_TLS_PORT = /HTTP request to an HTTPS server|plain HTTP request was sent to HTTPS port/i;

/** Sorts a non-101 answer to the upgrade: subprotocol refusal, TLS-only port, or just not a WebSocket endpoint. */
export function classifyHttpAnswer(statusCode: number | undefined, statusMessage: string | undefined, body: string, secure: boolean): OpenFailure {
  const status = `HTTP ${statusCode ?? '?'}${statusMessage ? ` ${statusMessage}` : ''}`;
  const excerpt = cleanExcerpt(body);
  // Crossbar (Autobahn) puts its refusal into the status line, with no body.
  const said = `${statusMessage ?? ''} ${excerpt ?? ''}`;
  const http: HttpAnswer = { status, excerpt, serverProtocols: null };
  const error = excerpt ? `${status}: ${excerpt}` : status;
  if (!secure && HTTP_ON_TLS_PORT.test(said)) return { kind: 'tls_required', error, phase: 'upgrade_sent', http };
  if (/subprotocol/i.test(said)) {
    const named = [...said.matchAll(/\bwamp\.2\.[a-z0-9_]+(?:\.[a-z0-9_]+)*/gi)].map((m) => m[0]);
    http.serverProtocols = named.length > 0 ? [...new Set(named)] : null;
    return { kind: 'no_common_subprotocol', error, phase: 'upgrade_sent', http };
  }
  return { kind: 'http_error', error, phase: 'upgrade_sent', http };
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', '#39': "'" };

/**
 * An HTTP error body as one readable line: scripts, styles, comments and tags removed, a few entities
 * decoded, whitespace collapsed, and cut at a word boundary with "…" — error pages are mostly markup.
 */
export function cleanExcerpt(body: string, max = 160): string | null {
  // The page's <head> (title, styles, scripts) repeats the status at best; keep it only if the body says nothing.
  const withoutHead = body.replace(/<head\b[\s\S]*?(<\/head\s*>|$)/i, ' ');
  return oneLine(withoutHead, max) ?? oneLine(body, max);
}

function oneLine(body: string, max: number): string | null {
  const text = body
    .replace(/<(script|style)\b[\s\S]*?(<\/\1\s*>|$)/gi, ' ')
    .replace(/<!--[\s\S]*?(-->|$)/g, ' ')
    .replace(/<[^>]*(>|$)/g, ' ')
    .replace(/&(#\d+|#x[0-9a-f]+|[a-z]+\d*);/gi, (whole, name: string) => {
      const lower = name.toLowerCase();
      if (lower in ENTITIES) return ENTITIES[lower]!;
      if (!lower.startsWith('#')) return whole;
      const point = lower.startsWith('#x') ? parseInt(lower.slice(2), 16) : parseInt(lower.slice(1), 10);
      return point > 0 && point <= 0x10ffff ? String.fromCodePoint(point) : ' ';
    })
    .replace(/\s+/g, ' ')
    .trim();
  if (text === '') return null;
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.\-–—]+$/, '')}…`;
}
