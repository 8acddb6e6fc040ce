// Wire protocol of the web bridge (JSON text frames over one WebSocket at /api), shared by the server
// (main/web) and the browser client (renderer/bridge) so the two cannot drift apart.
//
// Authentication happens before any frame: the page gets a session cookie by opening the one-use link
// (GET /login?code=…), GET /session tells it whether that cookie is still good, and the upgrade to /api
// is refused (401) without it — an unauthenticated peer never gets a WebSocket to send frames on.
//
//   client → server  { type: 'call', id, ns, method, args }         after `ready`
//   server → client  { type: 'ready', instance }                    first frame of every connection
//                    { type: 'result', id, result: Result }         one per call, any order
//                    { type: 'event', event, payload }              services' push events
//                    { type: 'error', message, id? }                bad frame; the connection stays usable
import type { Result } from './result';

export const API_PATH = '/api';
/** GET /login?code=… trades a one-use code for the session cookie and redirects to `/`. */
export const LOGIN_PATH = '/login';
/** GET /session answers 200 with a SessionProbe: is the page's session cookie good? */
export const SESSION_PATH = '/session';

/**
 * Answer of GET /session. Signed out: no cookie at all (the link was never opened in this browser), or a
 * cookie this server does not know (typically from before a restart — the browser needs the new link).
 */
export type SessionProbe = { signedIn: true } | { signedIn: false; reason: 'no-session' | 'unknown-session' };

/** WebSocket close codes (4000–4999 are free for applications; these echo the HTTP status they mean). */
export const CLOSE = {
  unauthorized: 4401,
  tooManyAttempts: 4429,
  goingAway: 1001,
} as const;

export type CallId = string | number;

export type ClientMessage = { type: 'call'; id: CallId; ns: string; method: string; args: unknown[] };

/**
 * Random id of one run of `authbahn serve`, sent in every `ready`. A tab that reconnects and sees another
 * id is talking to a restarted server (its state — lock, settings, accounts — may differ), so it stops and
 * asks for a reload instead of carrying on with what it had. Not a credential: only signed-in sockets see it.
 */
export const INSTANCE_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

export type ServerMessage =
  | { type: 'ready'; instance: string }
  | { type: 'result'; id: CallId; result: Result<unknown> }
  | { type: 'event'; event: string; payload: unknown }
  | { type: 'error'; message: string; id?: CallId };
