// Validated authentication settings of one transport — what the config loader produces from
// transports[].auth and the authenticators consume. Plain data, no secrets resolved yet.
import type { SecretRef, TotpRef } from './secret-refs';

export interface DynamicAuth {
  type: 'dynamic';
  /** URI of the authenticator procedure, called as authenticate(realm, authid, details). */
  authenticator: string;
  /** Realm the authenticator is registered on; default: the realm the client asked for. */
  authenticatorRealm?: string;
}

export interface TicketPrincipal {
  role: string;
  /** Realm the principal joins (Crossbar: overrides the realm in HELLO). */
  realm?: string;
  /** A fixed ticket (inline or keychain), or a TOTP code as ticket. */
  ticket: { kind: 'secret'; secret: SecretRef } | { kind: 'totp'; totp: TotpRef };
  extra?: Record<string, unknown>;
}

export interface CraUser {
  role: string;
  realm?: string;
  /** The HMAC key: the password, or with `salt` the PBKDF2-derived key (base64), as in classic Crossbar configs. */
  secret: SecretRef;
  salt?: string;
  iterations?: number;
  keylen?: number;
  extra?: Record<string, unknown>;
}

/** One entry of a cryptosign principal's authorized_keys: a public key in hex, or a stored key of the app. */
export type AuthorizedKey = { kind: 'hex'; publicKey: string } | { kind: 'keychain-key'; name: string };

export interface CryptosignPrincipal {
  role: string;
  realm?: string;
  authorizedKeys: AuthorizedKey[];
  extra?: Record<string, unknown>;
}

export type AnonymousAuth = { type: 'static'; role: string } | DynamicAuth;
export type TicketAuth = { type: 'static'; principals: Record<string, TicketPrincipal> } | DynamicAuth;
export type CraAuth = { type: 'static'; users: Record<string, CraUser> } | DynamicAuth;
/** Dynamic: the authenticator is called at HELLO (details.authextra.pubkey) and returns {role, pubkey, authid?, realm?, extra?}. */
export type CryptosignAuth = { type: 'static'; principals: Record<string, CryptosignPrincipal> } | DynamicAuth;

export interface TransportAuth {
  anonymous?: AnonymousAuth;
  ticket?: TicketAuth;
  wampcra?: CraAuth;
  cryptosign?: CryptosignAuth;
}

export type AuthMethod = keyof TransportAuth;
export const AUTH_METHODS: readonly AuthMethod[] = ['anonymous', 'ticket', 'wampcra', 'cryptosign'];
