// WAMP-CRA (Crossbar crossbar/router/auth/wampcra.py): at HELLO the router looks up the user (static
// config, or the dynamic authenticator returning {secret, role, salt?, iterations?, keylen?}), sends a
// JSON challenge and expects base64(HMAC-SHA256(key, challenge)). With a salt the key is the derived
// key — which the configured/returned secret already is (classic Crossbar), the client derives it
// from the password with the salt, iterations and keylen sent in CHALLENGE.extra.
import { buildCraChallenge, signCraChallenge } from '../../../shared/wamp/cra';
import { WAMP_ERROR } from '../../../shared/wamp/errors';
import type { CraAuth } from './auth-config';
import { constantTimeEqual } from './constant-time';
import type { AuthMethodHandler, MethodContext, MethodOutcome } from './method-context';
import { sessionDetails } from './method-context';
import { abort, assignPrincipal, callAuthenticator, isAbort, parsePrincipal, transportDetails } from './principal';
import { resolveSecret } from './secret-refs';
import type { HelloInfo, Identity } from './types';

/** Random bytes in a challenge nonce (Crossbar uses 64 base64 characters = 48 bytes). */
export const CRA_NONCE_BYTES = 48;

interface KeyMaterial {
  secret: string;
  salt?: string;
  iterations?: number;
  keylen?: number;
}

export class WampCraMethod implements AuthMethodHandler {
  readonly authmethod = 'wampcra';
  readonly credential = true;

  constructor(private readonly config: CraAuth) {}

  async hello(info: HelloInfo, ctx: MethodContext): Promise<MethodOutcome> {
    const config = this.config;
    if (config.type === 'static') {
      const authid = info.authid;
      const user = authid !== undefined && Object.prototype.hasOwnProperty.call(config.users, authid) ? config.users[authid] : undefined;
      if (!user || authid === undefined) return abort(WAMP_ERROR.not_authorized, `no principal with authid "${authid ?? ''}" exists`, true);
      const identity = assignPrincipal(
        { requestedRealm: info.realm, requestedAuthid: authid, principal: { role: user.role, realm: user.realm, extra: user.extra }, authmethod: 'wampcra', authprovider: 'static' },
        ctx.realms,
      );
      if (isAbort(identity)) return identity;
      let secret: string;
      try {
        secret = await resolveSecret(user.secret, ctx.secrets);
      } catch (error) {
        const text = error instanceof Error ? error.message : String(error);
        return abort(WAMP_ERROR.authentication_failed, `the secret of user "${authid}" cannot be read: ${text}`);
      }
      return craChallenge(identity, { secret, salt: user.salt, iterations: user.iterations, keylen: user.keylen }, info, ctx);
    }

    const procedure = config.authenticator;
    const called = await callAuthenticator({
      caller: ctx.caller,
      realms: ctx.realms,
      procedure,
      authenticatorRealm: config.authenticatorRealm,
      requestedRealm: info.realm,
      args: [info.realm, info.authid ?? null, sessionDetails(info, 'wampcra', transportDetails(info.transport))],
      timeoutMs: ctx.dynamicTimeoutMs,
    });
    if (!called.ok) return called.abort;
    const principal = parsePrincipal(called.value, procedure);
    if (isAbort(principal)) return principal;
    const material = keyMaterial(called.value, procedure);
    if (isAbort(material)) return material;
    const identity = assignPrincipal(
      { requestedRealm: info.realm, requestedAuthid: info.authid, principal, authmethod: 'wampcra', authprovider: 'dynamic' },
      ctx.realms,
    );
    if (isAbort(identity)) return identity;
    return craChallenge(identity, material, info, ctx);
  }
}

function keyMaterial(value: unknown, procedure: string): KeyMaterial | ReturnType<typeof abort> {
  const v = (value ?? {}) as Record<string, unknown>;
  const bad = (what: string) => abort(WAMP_ERROR.authentication_failed, `dynamic authenticator ${procedure} returned ${what}`);
  if (typeof v.secret !== 'string' || v.secret === '') return bad('no "secret" (WAMP-CRA needs {secret, role})');
  if (v.salt !== undefined && typeof v.salt !== 'string') return bad('a non-string "salt"');
  const positive = (x: unknown) => x === undefined || (typeof x === 'number' && Number.isInteger(x) && x > 0 && x <= 10_000_000);
  if (!positive(v.iterations)) return bad('an invalid "iterations"');
  if (!positive(v.keylen) || (typeof v.keylen === 'number' && v.keylen > 1024)) return bad('an invalid "keylen"');
  return { secret: v.secret, salt: v.salt as string | undefined, iterations: v.iterations as number | undefined, keylen: v.keylen as number | undefined };
}

function craChallenge(identity: Identity, key: KeyMaterial, info: HelloInfo, ctx: MethodContext): MethodOutcome {
  const nonce = Buffer.from(ctx.randomBytes(CRA_NONCE_BYTES)).toString('base64');
  const challenge = buildCraChallenge({
    authid: identity.authid,
    authrole: identity.authrole,
    authmethod: 'wampcra',
    authprovider: identity.authprovider,
    nonce,
    timestamp: new Date(ctx.now()).toISOString(),
    session: info.sessionId,
  });
  const expected = signCraChallenge(key.secret, challenge);
  const extra: Record<string, unknown> = { challenge };
  if (key.salt !== undefined) {
    extra.salt = key.salt;
    extra.iterations = key.iterations ?? 1000;
    extra.keylen = key.keylen ?? 32;
  }
  return {
    kind: 'challenge',
    authmethod: 'wampcra',
    extra,
    verify: async (signature) =>
      constantTimeEqual(expected, signature) ? identity : abort(WAMP_ERROR.not_authorized, 'WAMP-CRA signature is invalid', true),
  };
}
