// Turning a principal (static config entry or a dynamic authenticator's answer) into an identity,
// with Crossbar's checks and ABORT reasons (crossbar/router/auth/pending.py _assign_principal).
import { WAMP_ERROR } from '../../../shared/wamp/errors';
import type { Abort, Identity, RouterCaller, TransportInfo } from './types';
import { WampCallError } from './types';

/** Realms and roles the router knows, for no_such_realm / no_such_role before WELCOME. */
export interface RealmDirectory {
  hasRealm(realm: string): boolean;
  hasRole(realm: string, role: string): boolean;
}

/** An ABORT that counts as a failed login for rate limiting (wrong secret, unknown principal, denial). */
export type AuthAbort = Abort & { credentialFailure?: boolean };

export function abort(reason: string, message: string, credentialFailure = false): AuthAbort {
  return { kind: 'abort', reason, message, ...(credentialFailure ? { credentialFailure } : {}) };
}

export interface PrincipalSpec {
  role?: string;
  authid?: string;
  realm?: string;
  extra?: Record<string, unknown>;
}

/** A dynamic authenticator's answer: a role string, or {role, authid?, realm?, extra?, …}. */
export function parsePrincipal(value: unknown, procedure: string): PrincipalSpec | AuthAbort {
  if (typeof value === 'string') return { role: value };
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return abort(WAMP_ERROR.authentication_failed, `dynamic authenticator ${procedure} returned ${describe(value)}; expected a role string or an object with "role"`, true);
  }
  const v = value as Record<string, unknown>;
  for (const key of ['role', 'authid', 'realm'] as const) {
    if (v[key] !== undefined && typeof v[key] !== 'string') {
      return abort(WAMP_ERROR.authentication_failed, `dynamic authenticator ${procedure} returned a non-string "${key}"`, true);
    }
  }
  if (v.extra !== undefined && (v.extra === null || typeof v.extra !== 'object' || Array.isArray(v.extra))) {
    return abort(WAMP_ERROR.authentication_failed, `dynamic authenticator ${procedure} returned "extra" that is not an object`, true);
  }
  return {
    role: v.role as string | undefined,
    authid: v.authid as string | undefined,
    realm: v.realm as string | undefined,
    extra: v.extra as Record<string, unknown> | undefined,
  };
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

export interface AssignInput {
  requestedRealm: string;
  requestedAuthid: string | undefined;
  principal: PrincipalSpec;
  authmethod: string;
  authprovider: string;
}

/** Crossbar's order of checks: realm, authid, role assigned; realm exists; role exists on it. */
export function assignPrincipal(input: AssignInput, realms: RealmDirectory): Identity | AuthAbort {
  const realm = input.principal.realm ?? input.requestedRealm;
  const authid = input.principal.authid ?? input.requestedAuthid;
  const role = input.principal.role;
  if (!realm) return abort(WAMP_ERROR.no_such_realm, 'no realm assigned');
  if (!authid) return abort(WAMP_ERROR.no_such_principal, 'no authid assigned');
  if (!role) return abort(WAMP_ERROR.no_such_role, 'no authrole assigned');
  if (!realms.hasRealm(realm)) return abort(WAMP_ERROR.no_such_realm, `no realm "${realm}" exists on this router`);
  if (!realms.hasRole(realm, role)) return abort(WAMP_ERROR.no_such_role, `realm "${realm}" has no role "${role}"`);
  return {
    realm,
    authid,
    authrole: role,
    authmethod: input.authmethod,
    authprovider: input.authprovider,
    ...(input.principal.extra ? { authextra: input.principal.extra } : {}),
  };
}

export const isAbort = (value: unknown): value is AuthAbort => (value as { kind?: unknown } | null)?.kind === 'abort';

/** details.transport as Crossbar passes it to authenticators (its key names). */
export function transportDetails(t: TransportInfo): Record<string, unknown> {
  return { type: t.type, protocol: t.protocol, peer: t.peer, http_headers_received: t.httpHeaders, transport_id: t.transportId };
}

export interface DynamicCallInput {
  caller: RouterCaller;
  realms: RealmDirectory;
  procedure: string;
  authenticatorRealm: string | undefined;
  requestedRealm: string;
  args: unknown[];
  timeoutMs: number;
}

/**
 * Calls a dynamic authenticator. An ERROR reply (e.g. an ApplicationError raised by the authenticator)
 * becomes an ABORT with that URI and its first argument as message, as in Crossbar.
 */
export async function callAuthenticator(input: DynamicCallInput): Promise<{ ok: true; value: unknown } | { ok: false; abort: AuthAbort }> {
  const realm = input.authenticatorRealm ?? input.requestedRealm;
  if (input.authenticatorRealm !== undefined && !input.realms.hasRealm(input.authenticatorRealm)) {
    return { ok: false, abort: abort(WAMP_ERROR.no_such_realm, `explicit realm <${input.authenticatorRealm}> configured for dynamic authenticator does not exist`) };
  }
  if (!realm || !input.realms.hasRealm(realm)) {
    return { ok: false, abort: abort(WAMP_ERROR.no_such_realm, `no realm "${realm}" exists on this router`) };
  }
  try {
    const result = await input.caller.call(realm, input.procedure, input.args, {}, input.timeoutMs);
    return { ok: true, value: Array.isArray(result) && result.length === 1 ? result[0] : result };
  } catch (error) {
    if (error instanceof WampCallError) {
      const message =
        typeof error.args[0] === 'string'
          ? error.args[0]
          : error.error === WAMP_ERROR.no_such_procedure
            ? `dynamic authenticator ${input.procedure} is not registered on realm "${realm}"`
            : `dynamic authenticator ${input.procedure} failed: ${error.error}`;
      return { ok: false, abort: abort(error.error, message, error.error !== WAMP_ERROR.no_such_procedure) };
    }
    const text = error instanceof Error ? error.message : String(error);
    return { ok: false, abort: abort(WAMP_ERROR.authentication_failed, `dynamic authenticator failed: ${text}`) };
  }
}
