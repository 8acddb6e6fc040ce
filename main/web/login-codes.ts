// One-use login codes of the web bridge. The link printed by `authbahn serve` (and the one `--open` hands
// to the browser through a private file) carries such a code; opening it once trades the code for a
// session cookie. A copy of the link left behind — browser history, session restore files, a screenshot,
// `ps` output — is worthless afterwards, which is the point.
import { generateToken, isWellFormedToken, tokenDigest } from './token';

export type RedeemOutcome = 'ok' | 'used' | 'expired' | 'invalid';

export interface IssueOptions {
  /** The code stops working after this long; default: valid until used (or the server stops). */
  ttlMs?: number;
  /** Called once, when the code is redeemed (e.g. to delete the file that carried it). */
  onUsed?: () => void;
}

interface Entry {
  used: boolean;
  expiresAt: number;
  onUsed: (() => void) | undefined;
}

export class LoginCodes {
  /** Keyed by digest. Only codes this process issued are here, so the map stays as small as the launch's links. */
  private readonly codes = new Map<string, Entry>();

  constructor(private readonly now: () => number = Date.now) {}

  issue(options: IssueOptions = {}): string {
    const code = generateToken();
    this.codes.set(tokenDigest(code), {
      used: false,
      expiresAt: options.ttlMs === undefined ? Number.POSITIVE_INFINITY : this.now() + options.ttlMs,
      onUsed: options.onUsed,
    });
    return code;
  }

  /**
   * 'ok' exactly once per issued code; afterwards 'used'. A code past its time is 'expired'; anything we never
   * issued (or malformed) is 'invalid'. The caller decides what each costs (the limiter, the page shown).
   */
  redeem(candidate: unknown): RedeemOutcome {
    if (!isWellFormedToken(candidate)) return 'invalid';
    const entry = this.codes.get(tokenDigest(candidate));
    if (!entry) return 'invalid';
    if (entry.used) return 'used';
    if (this.now() >= entry.expiresAt) return 'expired';
    entry.used = true;
    const onUsed = entry.onUsed;
    entry.onUsed = undefined;
    try {
      onUsed?.();
    } catch {
      // Cleanup of the carrier (a temp file) failing must not fail the login; the file has its own timer.
    }
    return 'ok';
  }
}
