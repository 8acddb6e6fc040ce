// Is this browser signed in to `authbahn serve`? The session cookie is HttpOnly — page scripts cannot see
// it — and a refused WebSocket only reports code 1006, which looks the same as a stopped server. So the
// bridge asks GET /session first and knows which message to show.
import type { SessionProbe } from '../../shared/api/web-protocol';
import { SESSION_PATH } from './protocol';

/** valid: go ahead; none: the link was never opened here; stale: the server does not know our cookie (restart). */
export type SessionCheck = 'valid' | 'none' | 'stale' | 'unreachable';

/** Maps the /session answer. Anything that is not our server's answer counts as unreachable. */
export function sessionCheckFrom(status: number, body: unknown): SessionCheck {
  if (status !== 200 || typeof body !== 'object' || body === null) return 'unreachable';
  const probe = body as Partial<Record<keyof SessionProbe | 'reason', unknown>>;
  if (probe.signedIn === true) return 'valid';
  if (probe.signedIn !== false) return 'unreachable';
  return probe.reason === 'unknown-session' ? 'stale' : 'none';
}

/** The browser's probe: same-origin fetch, so the cookie goes along; never throws. */
export async function checkBrowserSession(timeoutMs = 10_000): Promise<SessionCheck> {
  try {
    const response = await fetch(SESSION_PATH, { cache: 'no-store', credentials: 'same-origin', signal: AbortSignal.timeout(timeoutMs) });
    const body: unknown = await response.json().catch(() => null);
    return sessionCheckFrom(response.status, body);
  } catch {
    return 'unreachable';
  }
}
