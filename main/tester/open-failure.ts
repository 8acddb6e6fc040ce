// How opening a connection to a router can fail, as kinds the diagnosis explains — shared by the
// WebSocket and the RawSocket client. Each failure records how far the opening got (phase).
import type { TlsProblem } from './tls-trust';
import type { HttpAnswer } from './http-answer';

export type OpenFailureKind =
  | 'invalid_url'
  | 'connection_refused'
  | 'dns_failure'
  | 'tls_failure'
  | 'http_error'
  | 'no_common_subprotocol'
  | 'connect_timeout'
  | 'connection_closed'
  | 'closed_during_upgrade'
  | 'tls_required'
  | 'not_rawsocket'
  | 'rawsocket_refused'
  | 'rawsocket_serializer_refused';

/**
 * How far the opening got: a timeout or a close means different things before TCP connects, during
 * the TLS handshake and after the HTTP upgrade request (RawSocket: the 4-octet handshake) went out.
 * For ws:// and rs:// the request is sent as soon as TCP connects; for wss:// and rss:// once TLS is done.
 */
export type ConnectPhase = 'connecting' | 'tcp_connected' | 'upgrade_sent' | 'upgraded';

export interface OpenFailure {
  kind: OpenFailureKind;
  error: string;
  phase?: ConnectPhase;
  http?: HttpAnswer;
  /** tls_failure: the port answered (or ignored) TLS like a plain ws:// port does. */
  plainPort?: boolean;
  /** tls_failure: the certificate check that failed (self-signed, wrong host, pin mismatch, …). */
  tls?: TlsProblem;
  /** rawsocket_refused / rawsocket_serializer_refused: the router's error code. */
  rawsocketError?: number;
}

const DNS_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL', 'EAI_NONAME', 'EAI_NODATA']);

export function classifyOpenError(error: unknown, secure: boolean, phase?: ConnectPhase): OpenFailure {
  const code = String((error as { code?: unknown } | null)?.code ?? '');
  const message = error instanceof Error ? error.message : String(error);
  const text = code && !message.includes(code) ? `${code}: ${message}` : message;
  if (/Server sent (no|an invalid) subprotocol|subprotocol but none was requested/.test(message)) {
    return { kind: 'no_common_subprotocol', error: message };
  }
  if (code === 'ECONNREFUSED') return { kind: 'connection_refused', error: text };
  // A Unix socket path where nothing listens, or that this user may not open.
  if (code === 'ENOENT' || code === 'EACCES') return { kind: 'connection_refused', error: text };
  if (DNS_CODES.has(code)) return { kind: 'dns_failure', error: text };
  if (
    secure &&
    (/^(ERR_TLS|ERR_SSL|CERT_|DEPTH_ZERO|SELF_SIGNED|UNABLE_TO_|EPROTO$)/.test(code) || /\b(ssl|tls|certificate)\b/i.test(message))
  ) {
    const tls = tlsText(code, message);
    return { kind: 'tls_failure', error: tls.text, ...(tls.plainPort ? { plainPort: true } : {}) };
  }
  if (code === 'ECONNRESET' || code === 'EPIPE' || /socket hang up/i.test(message)) {
    // The upgrade request went out and the server hung up without any HTTP answer.
    if (phase === 'upgrade_sent') return { kind: 'closed_during_upgrade', error: text };
    return { kind: 'connection_closed', error: text };
  }
  if (/Invalid (Upgrade|Sec-WebSocket-Accept) header|Unexpected server response/.test(message)) return { kind: 'http_error', error: message };
  return { kind: 'connection_closed', error: text };
}

/** OpenSSL reasons a client sees when the port does not speak TLS at all (an HTTP answer read as a TLS record). */
const PLAIN_PORT_REASONS = new Set(['wrong version number', 'packet length too long', 'record layer failure', 'http request']);

/** OpenSSL's "write EPROTO 80FC…:error:0A00010B:SSL routines:ssl3_get_record:wrong version number:…" → the reason. */
function tlsText(code: string, message: string): { text: string; plainPort: boolean } {
  const reason = /SSL routines:[^:]*:([^:]+)/.exec(message)?.[1]?.trim();
  if (reason && PLAIN_PORT_REASONS.has(reason)) {
    return { text: `the server did not answer in TLS (OpenSSL: ${reason}) — it probably speaks plain ws:// on this port`, plainPort: true };
  }
  if (reason) return { text: `OpenSSL: ${reason}`, plainPort: false };
  return { text: code && !message.includes(code) ? `${code}: ${message}` : message, plainPort: false };
}

/** Timeout while opening, told apart by how far the connection got. */
export function openTimeout(phase: ConnectPhase, secure: boolean, timeoutMs: number, rawsocket = false): OpenFailure {
  if (phase === 'tcp_connected' && secure) {
    return {
      kind: 'tls_failure',
      phase,
      plainPort: true,
      error: `the TCP connection was accepted, but the TLS handshake got no answer within ${timeoutMs} ms — the port probably speaks plain ${rawsocket ? 'rs://' : 'ws://'}`,
    };
  }
  const where =
    phase === 'connecting'
      ? 'the TCP connection got no answer'
      : rawsocket
        ? 'the connection was accepted, but the RawSocket handshake got no answer'
        : 'the TCP connection was accepted, but the WebSocket upgrade request got no answer';
  return { kind: 'connect_timeout', phase, error: `${where} within ${timeoutMs} ms` };
}

