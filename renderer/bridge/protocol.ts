// Client-side mirror of the web bridge wire protocol (main/web/protocol.ts is the server side; the
// renderer may not import main/). Keep the two in sync — the web integration tests exercise both.
import type { Result } from '../../shared/api/result';

export const API_PATH = '/api';

export const CLOSE = {
  unauthorized: 4401,
  helloTimeout: 4408,
  tooManyAttempts: 4429,
  goingAway: 1001,
} as const;

export type CallId = number;

export type ClientFrame = { type: 'hello'; token: string } | { type: 'call'; id: CallId; ns: string; method: string; args: unknown[] };

export type ServerFrame =
  | { type: 'ready' }
  | { type: 'result'; id: CallId; result: Result<unknown> }
  | { type: 'event'; event: string; payload: unknown }
  | { type: 'error'; message: string; id?: CallId };

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
      return { type: 'ready' };
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
