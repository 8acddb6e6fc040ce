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

export type AnonymousAuth = { type: 'static'; role: string } | DynamicAuth;
export type TicketAuth = { type: 'static'; principals: Record<string, TicketPrincipal> } | DynamicAuth;
export type CraAuth = { type: 'static'; users: Record<string, CraUser> } | DynamicAuth;

export interface TransportAuth {
  anonymous?: AnonymousAuth;
  ticket?: TicketAuth;
  wampcra?: CraAuth;
}

export type AuthMethod = keyof TransportAuth;
export const AUTH_METHODS: readonly AuthMethod[] = ['anonymous', 'ticket', 'wampcra'];
