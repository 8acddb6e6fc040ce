// What the tester authenticates with, resolved before the run (secrets come from the keychain, the
// command line or the UI), and how each authmethod answers a CHALLENGE.
import { deriveCraKey, signCraChallenge } from '../../shared/wamp/cra';
import type { CryptosignKey } from './cryptosign';
import type { ChallengeInfo, ChallengeResponse } from './handshake';

export interface CraDerivation {
  salt: string;
  iterations: number;
  keylen: number;
}

/** A TOTP code with the end of its validity window (Unix ms). */
export interface TotpCode {
  code: string;
  validUntil: number;
}

export type Credential =
  | { method: 'anonymous' }
  | { method: 'ticket'; ticket: string }
  | { method: 'wampcra'; secret: string; cra?: CraDerivation }
  | {
      method: 'totp';
      /** Computes the code at the given time (Unix ms), from an inline secret or a stored account. */
      codeAt: (atMs: number) => Promise<TotpCode>;
      /** Identifies the secret (not the secret itself) for the replay memory, e.g. "account:<id>". */
      source: string;
    }
  | { method: 'cryptosign'; key: CryptosignKey }
  /** The profile needs a secret that is not there; the run reports it without connecting. */
  | { method: 'missing'; authmethod: string; reason: string };

/** WAMP authmethods offered in HELLO. TOTP travels as a WAMP-Ticket. */
export function helloAuthmethods(credential: Credential): string[] {
  switch (credential.method) {
    case 'anonymous':
      return ['anonymous'];
    case 'ticket':
    case 'totp':
      return ['ticket'];
    case 'wampcra':
      return ['wampcra'];
    case 'cryptosign':
      return ['cryptosign'];
    case 'missing':
      return [];
  }
}

/** Which key a salted WAMP-CRA signature uses: the secret as the password (derive it), or as the key itself. */
export type CraAttempt = 'password' | 'derived-key';

export interface CraChallengeFacts {
  /** The CHALLENGE carried salt/iterations/keylen (or the profile supplied them). */
  salted: boolean;
  derivation: CraDerivation | null;
}

/** Signs a WAMP-CRA CHALLENGE; `facts` records whether key derivation was involved. */
export function respondCra(
  secret: string,
  fallback: CraDerivation | undefined,
  attempt: CraAttempt,
  challenge: ChallengeInfo,
  facts: CraChallengeFacts,
): ChallengeResponse {
  if (challenge.authmethod !== 'wampcra') return { ok: false, error: `the router asked for "${challenge.authmethod}", but the profile uses wampcra` };
  const text = challenge.extra['challenge'];
  if (typeof text !== 'string') return { ok: false, error: 'the WAMP-CRA CHALLENGE has no "challenge" string' };
  const derivation = craDerivation(challenge.extra) ?? fallback ?? null;
  facts.salted = derivation !== null;
  facts.derivation = derivation;
  if (derivation && !(derivation.iterations >= 1 && derivation.iterations <= 10_000_000 && derivation.keylen >= 1 && derivation.keylen <= 1024)) {
    return { ok: false, error: `the CHALLENGE asks for unusable key derivation (iterations ${derivation.iterations}, keylen ${derivation.keylen})` };
  }
  const key = derivation && attempt === 'password' ? deriveCraKey(secret, derivation.salt, derivation.iterations, derivation.keylen) : secret;
  return { ok: true, signature: signCraChallenge(key, text) };
}

/** salt/iterations/keylen from CHALLENGE.Extra; Autobahn's defaults (1000, 32) when only the salt is there. */
export function craDerivation(extra: Record<string, unknown>): CraDerivation | null {
  const salt = extra['salt'];
  if (typeof salt !== 'string' || salt === '') return null;
  const iterations = extra['iterations'];
  const keylen = extra['keylen'];
  return {
    salt,
    iterations: typeof iterations === 'number' && Number.isInteger(iterations) ? iterations : 1000,
    keylen: typeof keylen === 'number' && Number.isInteger(keylen) ? keylen : 32,
  };
}
