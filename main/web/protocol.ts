// Wire protocol of the web bridge (JSON text frames over one WebSocket at /api).
// The renderer keeps a mirror of these shapes in renderer/bridge/protocol.ts (it may not import main/).
//
//   client → server  { type: 'hello', token }                      must be the first frame, within 5 s
//                    { type: 'call', id, ns, method, args }         after `ready`
//   server → client  { type: 'ready' }                              hello accepted
//                    { type: 'result', id, result: Result }         one per call, any order
//                    { type: 'event', event, payload }              services' push events
//                    { type: 'error', message, id? }                bad frame; the connection stays usable
import type { Result } from '../../shared/api/result';

export const API_PATH = '/api';
export const MAX_PAYLOAD_BYTES = 16 * 1024 * 1024;
export const HELLO_TIMEOUT_MS = 5_000;

/** WebSocket close codes (4000–4999 are free for applications; these echo the HTTP status they mean). */
export const CLOSE = {
  unauthorized: 4401,
  helloTimeout: 4408,
  tooManyAttempts: 4429,
  goingAway: 1001,
} as const;

export type CallId = string | number;

export type ClientMessage =
  | { type: 'hello'; token: string }
  | { type: 'call'; id: CallId; ns: string; method: string; args: unknown[] };

export type ServerMessage =
  | { type: 'ready' }
  | { type: 'result'; id: CallId; result: Result<unknown> }
  | { type: 'event'; event: string; payload: unknown }
  | { type: 'error'; message: string; id?: CallId };

export type Parsed = { ok: true; message: ClientMessage } | { ok: false; message: string; id?: CallId };

const isCallId = (v: unknown): v is CallId =>
  (typeof v === 'string' && v.length > 0 && v.length <= 64) || (typeof v === 'number' && Number.isSafeInteger(v));

/** Parse one text frame. Never throws: a bad frame becomes an error value the session reports back. */
export function parseClientMessage(text: string): Parsed {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, message: 'Frame is not valid JSON' };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, message: 'Frame must be a JSON object' };
  }
  const m = value as Record<string, unknown>;
  const id = isCallId(m.id) ? m.id : undefined;
  switch (m.type) {
    case 'hello':
      return typeof m.token === 'string'
        ? { ok: true, message: { type: 'hello', token: m.token } }
        : { ok: false, message: 'hello needs a token string' };
    case 'call':
      if (id === undefined) return { ok: false, message: 'call needs an id (string of 1–64 chars or a safe integer)' };
      if (typeof m.ns !== 'string' || typeof m.method !== 'string') {
        return { ok: false, message: 'call needs ns and method strings', id };
      }
      if (m.args !== undefined && !Array.isArray(m.args)) return { ok: false, message: 'call args must be an array', id };
      return { ok: true, message: { type: 'call', id, ns: m.ns, method: m.method, args: (m.args as unknown[]) ?? [] } };
    default:
      return { ok: false, message: `Unknown frame type ${JSON.stringify(String(m.type)).slice(0, 80)}`, ...(id === undefined ? {} : { id }) };
  }
}
