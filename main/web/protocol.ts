// Server side of the web bridge wire protocol (shapes in shared/api/web-protocol.ts): limits and the
// parser of client frames.
import type { CallId, ClientMessage } from '../../shared/api/web-protocol';

export { API_PATH, CLOSE, LOGIN_PATH, SESSION_PATH, type CallId, type SessionProbe, type ClientMessage, type ServerMessage } from '../../shared/api/web-protocol';
/**
 * Largest frame the server accepts: a QR import image of QR_MAX_IMAGE_BYTES (25 MB) travels as base64
 * in one call frame (~35 MB). Only a signed-in browser session ever gets a WebSocket (the upgrade needs
 * the session cookie), so no unauthenticated peer can make the server buffer a frame of this size.
 */
export const MAX_PAYLOAD_BYTES = 40 * 1024 * 1024;

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
