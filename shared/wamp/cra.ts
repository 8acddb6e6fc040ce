// WAMP-CRA (challenge-response authentication) as Autobahn and Crossbar implement it.
// The key for the HMAC is the UTF-8 bytes of the secret, or — with a salt — the ASCII bytes of the
// base64 text of PBKDF2-HMAC-SHA256(secret, salt, iterations, keylen). The signature is
// base64(HMAC-SHA256(key, challenge)) over the exact challenge string received.
import { pbkdf2 } from '@noble/hashes/pbkdf2.js';
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { base64 } from '@scure/base';

const utf8 = new TextEncoder();

export function deriveCraKey(secret: string, salt: string, iterations = 1000, keylen = 32): string {
  return base64.encode(pbkdf2(sha256, utf8.encode(secret), utf8.encode(salt), { c: iterations, dkLen: keylen }));
}

export function signCraChallenge(key: string, challenge: string): string {
  return base64.encode(hmac(sha256, utf8.encode(key), utf8.encode(challenge)));
}

/** Constant-time comparison of two signatures (base64 text). */
export function craSignaturesEqual(a: string, b: string): boolean {
  const x = utf8.encode(a);
  const y = utf8.encode(b);
  let diff = x.length ^ y.length;
  const n = Math.max(x.length, y.length);
  for (let i = 0; i < n; i += 1) diff |= (x[i] ?? 0) ^ (y[i] ?? 0);
  return diff === 0;
}

export interface CraChallengeFields {
  authid: string;
  authrole: string;
  authmethod?: string;
  authprovider: string;
  nonce: string;
  /** ISO 8601 UTC, e.g. "2024-01-01T00:00:00.000Z". */
  timestamp: string;
  session: number;
}

/** The challenge string Crossbar sends: JSON with these keys. */
export function buildCraChallenge(fields: CraChallengeFields): string {
  return JSON.stringify({
    authid: fields.authid,
    authrole: fields.authrole,
    authmethod: fields.authmethod ?? 'wampcra',
    authprovider: fields.authprovider,
    nonce: fields.nonce,
    timestamp: fields.timestamp,
    session: fields.session,
  });
}
