// Client side of the web bridge wire protocol (shapes in shared/api/web-protocol.ts): a tolerant
// parser of server frames.
import type { Result } from '../../shared/api/result';
import { INSTANCE_ID_PATTERN, type ServerMessage } from '../../shared/api/web-protocol';

export { API_PATH, CLOSE, LOGIN_PATH, SESSION_PATH, type CallId } from '../../shared/api/web-protocol';
export type { ClientMessage as ClientFrame, ServerMessage as ServerFrame } from '../../shared/api/web-protocol';
type ServerFrame = ServerMessage;

/** Tolerant parse of a server frame; anything unexpected is ignored by the caller. */
export function parseServerFrame(data: unknown): ServerFrame | undefined {
  if (typeof data !== 'string') return undefined;
  let value: unknown;
  try {
    value = JSON.parse(data);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const frame = value as Record<string, unknown>;
  switch (frame.type) {
    case 'ready':
      // An older server sent no instance; '' then means "unknown", which never counts as a restart.
      return { type: 'ready', instance: typeof frame.instance === 'string' && INSTANCE_ID_PATTERN.test(frame.instance) ? frame.instance : '' };
    case 'result':
      return typeof frame.id === 'number' && isResult(frame.result) ? { type: 'result', id: frame.id, result: frame.result } : undefined;
    case 'event':
      return typeof frame.event === 'string' ? { type: 'event', event: frame.event, payload: frame.payload } : undefined;
    case 'error':
      return typeof frame.message === 'string'
        ? { type: 'error', message: frame.message, ...(typeof frame.id === 'number' ? { id: frame.id } : {}) }
        : undefined;
    default:
      return undefined;
  }
}

function isResult(value: unknown): value is Result<unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const r = value as Record<string, unknown>;
  if (r.ok === true) return 'value' in r;
  if (r.ok !== false || typeof r.error !== 'object' || r.error === null) return false;
  const e = r.error as Record<string, unknown>;
  return typeof e.code === 'string' && typeof e.message === 'string';
}
