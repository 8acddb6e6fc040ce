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

/**
 * Which key a salted WAMP-CRA signature uses: 'password' derives it from the secret with PBKDF2;
 * 'derived-key' uses the secret itself (as the already-derived key when the router sent the salt, or
 * as the plain secret of an unsalted user when the salt came from the profile's options).
 */
export type CraAttempt = 'password' | 'derived-key';

export interface CraChallengeFacts {
  /** Key derivation was involved: the CHALLENGE carried a salt, or the profile supplied one for a CHALLENGE without. */
  salted: boolean;
  /** Where salt/iterations/keylen came from. The router's own salt always wins over the profile's options. */
  saltSource: 'challenge' | 'profile' | null;
  derivation: CraDerivation | null;
}

/** Signs a WAMP-CRA CHALLENGE; `facts` records whether (and from where) key derivation was involved. */
export function respondCra(
  secret: string,
  profileDerivation: CraDerivation | undefined,
  attempt: CraAttempt,
  challenge: ChallengeInfo,
  facts: CraChallengeFacts,
): ChallengeResponse {
  if (challenge.authmethod !== 'wampcra') return { ok: false, error: `the router asked for "${challenge.authmethod}", but the profile uses wampcra` };
  const text = challenge.extra['challenge'];
  if (typeof text !== 'string') return { ok: false, error: 'the WAMP-CRA CHALLENGE has no "challenge" string' };
  const fromChallenge = craDerivation(challenge.extra);
  const derivation = fromChallenge ?? profileDerivation ?? null;
  facts.salted = derivation !== null;
  facts.saltSource = fromChallenge ? 'challenge' : profileDerivation ? 'profile' : null;
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
