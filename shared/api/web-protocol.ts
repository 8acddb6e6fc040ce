// Wire protocol of the web bridge (JSON text frames over one WebSocket at /api), shared by the server
// (main/web) and the browser client (renderer/bridge) so the two cannot drift apart.
//
//   client → server  { type: 'hello', token }                      must be the first frame, within 5 s
//                    { type: 'call', id, ns, method, args }         after `ready`
//   server → client  { type: 'ready' }                              hello accepted
//                    { type: 'result', id, result: Result }         one per call, any order
//                    { type: 'event', event, payload }              services' push events
//                    { type: 'error', message, id? }                bad frame; the connection stays usable
import type { Result } from './result';

export const API_PATH = '/api';

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
