// WAMP-Anonymous (Crossbar crossbar/router/auth/anonymous.py): static gives every client the configured
// role and a random authid (a client cannot claim an identity without credentials); dynamic asks the
// authenticator procedure at HELLO.
import { WAMP_ERROR } from '../../../shared/wamp/errors';
import type { AnonymousAuth } from './auth-config';
import type { AuthMethodHandler, MethodContext, MethodOutcome } from './method-context';
import { sessionDetails } from './method-context';
import { abort, assignPrincipal, callAuthenticator, isAbort, parsePrincipal, transportDetails } from './principal';
import type { HelloInfo } from './types';

const SERIAL_ALPHABET = '3456789ABCDEFGHJKLMNPQRSTUVWXY';

/** Crossbar-style random authid "XXXX-XXXX-XXXX-XXXX-XXXX-XXXX" (util.generate_serial_number). */
export function anonymousAuthid(randomBytes: (n: number) => Uint8Array): string {
  const bytes = randomBytes(24);
  let out = '';
  for (let i = 0; i < 24; i += 1) {
    if (i > 0 && i % 4 === 0) out += '-';
    out += SERIAL_ALPHABET[(bytes[i] ?? 0) % SERIAL_ALPHABET.length];
  }
  return out;
}

export class AnonymousMethod implements AuthMethodHandler {
  readonly authmethod = 'anonymous';
  readonly credential = false;

  constructor(private readonly config: AnonymousAuth) {}

  async hello(info: HelloInfo, ctx: MethodContext): Promise<MethodOutcome> {
    const authid = anonymousAuthid(ctx.randomBytes);
    if (this.config.type === 'static') {
      return assignPrincipal(
        { requestedRealm: info.realm, requestedAuthid: authid, principal: { role: this.config.role }, authmethod: 'anonymous', authprovider: 'static' },
        ctx.realms,
      );
    }
    const procedure = this.config.authenticator;
    const called = await callAuthenticator({
      caller: ctx.caller,
      realms: ctx.realms,
      procedure,
      authenticatorRealm: this.config.authenticatorRealm,
      requestedRealm: info.realm,
      args: [info.realm, authid, sessionDetails(info, 'anonymous', transportDetails(info.transport))],
      timeoutMs: ctx.dynamicTimeoutMs,
    });
    if (!called.ok) return called.abort;
    const principal = parsePrincipal(called.value, procedure);
    if (isAbort(principal)) return principal;
    return assignPrincipal(
      { requestedRealm: info.realm, requestedAuthid: authid, principal, authmethod: 'anonymous', authprovider: 'dynamic' },
      ctx.realms,
    );
  }
}

/** Transports without an "auth" section: everyone joins as role "anonymous" (Crossbar's default). */
export const DEFAULT_ANONYMOUS: AnonymousAuth = { type: 'static', role: 'anonymous' };

export const noAuthMethod = (offered: string[]) =>
  abort(WAMP_ERROR.no_auth_method, `cannot authenticate using any of the offered authmethods ${JSON.stringify(offered)}`);
