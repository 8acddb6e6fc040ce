// WAMP-Ticket (Crossbar crossbar/router/auth/ticket.py): CHALLENGE with empty extra, the client sends
// its ticket as the AUTHENTICATE signature. Static principals hold a fixed ticket or a TOTP secret
// (the current code is the ticket); dynamic mode calls authenticate(realm, authid, details) with
// details.ticket. Wrong tickets get Crossbar's wamp.error.not_authorized.
import { WAMP_ERROR } from '../../../shared/wamp/errors';
import type { TicketAuth, TicketPrincipal } from './auth-config';
import { constantTimeEqual } from './constant-time';
import type { AuthMethodHandler, MethodContext, MethodOutcome, PendingChallenge } from './method-context';
import { sessionDetails } from './method-context';
import { abort, assignPrincipal, callAuthenticator, isAbort, parsePrincipal, transportDetails, type AuthAbort } from './principal';
import { resolveSecret, resolveTotp } from './secret-refs';
import { verifyTotp } from './totp-verifier';
import type { HelloInfo, Identity } from './types';

export class TicketMethod implements AuthMethodHandler {
  readonly authmethod = 'ticket';
  readonly credential = true;

  constructor(private readonly config: TicketAuth) {}

  async hello(info: HelloInfo, ctx: MethodContext): Promise<MethodOutcome> {
    const config = this.config;
    if (config.type === 'dynamic') return this.dynamic(info, ctx, config.authenticator, config.authenticatorRealm);

    const authid = info.authid;
    const principal = authid !== undefined && Object.prototype.hasOwnProperty.call(config.principals, authid) ? config.principals[authid] : undefined;
    if (!principal || authid === undefined) {
      return abort(WAMP_ERROR.not_authorized, `no principal with authid "${authid ?? ''}" exists`, true);
    }
    const identity = assignPrincipal(
      {
        requestedRealm: info.realm,
        requestedAuthid: authid,
        principal: { role: principal.role, realm: principal.realm, extra: principal.extra },
        authmethod: 'ticket',
        authprovider: 'static',
      },
      ctx.realms,
    );
    if (isAbort(identity)) return identity;
    return challenge((ticket) => checkStaticTicket(principal, ticket, authid, identity, ctx));
  }

  private dynamic(info: HelloInfo, ctx: MethodContext, procedure: string, authenticatorRealm: string | undefined): MethodOutcome {
    return challenge(async (ticket) => {
      const details = { ...sessionDetails(info, 'ticket', transportDetails(info.transport)), ticket };
      const called = await callAuthenticator({
        caller: ctx.caller,
        realms: ctx.realms,
        procedure,
        authenticatorRealm,
        requestedRealm: info.realm,
        args: [info.realm, info.authid ?? null, details],
        timeoutMs: ctx.dynamicTimeoutMs,
      });
      if (!called.ok) return called.abort;
      const principal = parsePrincipal(called.value, procedure);
      if (isAbort(principal)) return principal;
      return assignPrincipal(
        { requestedRealm: info.realm, requestedAuthid: info.authid, principal, authmethod: 'ticket', authprovider: 'dynamic' },
        ctx.realms,
      );
    });
  }
}

function challenge(verify: (ticket: string) => Promise<Identity | AuthAbort>): PendingChallenge {
  return { kind: 'challenge', authmethod: 'ticket', extra: {}, verify: (signature) => verify(signature) };
}

async function checkStaticTicket(
  principal: TicketPrincipal,
  ticket: string,
  authid: string,
  identity: Identity,
  ctx: MethodContext,
): Promise<Identity | AuthAbort> {
  const source = principal.ticket;
  try {
    if (source.kind === 'secret') {
      const expected = await resolveSecret(source.secret, ctx.secrets);
      return constantTimeEqual(expected, ticket)
        ? identity
        : abort(WAMP_ERROR.not_authorized, 'ticket in static WAMP-Ticket authentication is invalid', true);
    }
    const params = await resolveTotp(source.totp, ctx.secrets);
    const check = await verifyTotp(ticket, params, ctx.now(), ctx.totpGuard);
    if (check.ok) return identity;
    return check.reason === 'replayed'
      ? abort(WAMP_ERROR.not_authorized, 'this TOTP code has already been used; wait for the next code', true)
      : abort(WAMP_ERROR.not_authorized, 'TOTP code in WAMP-Ticket authentication is invalid', true);
  } catch (error) {
    // The router's own problem (keychain locked, item deleted), not the client's: no rate-limit strike.
    const text = error instanceof Error ? error.message : String(error);
    return abort(WAMP_ERROR.authentication_failed, `the ticket of principal "${authid}" cannot be checked: ${text}`);
  }
}
