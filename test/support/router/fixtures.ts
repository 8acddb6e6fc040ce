// Test-only authentication/authorization for router tests. The real ones (Crossbar-style config)
// live in main/router/auth and main/router/authz; these let the router core be tested on its own.
import type { Action, Authorization, Authorizer, HelloInfo, HelloOutcome, SessionAuthenticator, SessionRef } from '../../../main/router/auth/types';

/** Allows everything to every role in `roles`, except (uri, action) pairs listed in `deny`. */
export class PermissiveAuthorizer implements Authorizer {
  readonly checks: { session: number; uri: string; action: Action }[] = [];
  constructor(
    private readonly roles: string[] = ['anonymous', 'user', 'backend'],
    private readonly deny: { uri: string; action: Action }[] = [],
    private readonly discloseAll = false,
  ) {}
  hasRole(role: string): boolean {
    return this.roles.includes(role);
  }
  async authorize(session: SessionRef, uri: string, action: Action): Promise<Authorization> {
    this.checks.push({ session: session.sessionId, uri, action });
    const denied = this.deny.some((d) => d.uri === uri && d.action === action);
    return { allow: !denied, disclose: this.discloseAll };
  }
}

/**
 * Welcomes everyone; authid = HELLO authid or "anon-<session>"; authrole = HELLO.Details.authrole
 * or "anonymous" (so tests can ask for a role the realm lacks). Records every HelloInfo.
 */
export class AnonymousTestAuthenticator implements SessionAuthenticator {
  readonly hellos: HelloInfo[] = [];
  async hello(info: HelloInfo): Promise<HelloOutcome> {
    this.hellos.push(info);
    return {
      kind: 'welcome',
      identity: { realm: info.realm, authid: info.authid ?? `anon-${info.sessionId}`, authrole: info.authrole ?? 'anonymous', authmethod: 'anonymous', authprovider: 'test' },
    };
  }
}

/** Ticket-style: CHALLENGE, then WELCOME as role "user" iff the signature equals `secret`. */
export class TicketTestAuthenticator implements SessionAuthenticator {
  constructor(private readonly secret: string) {}
  async hello(info: HelloInfo): Promise<HelloOutcome> {
    if (!info.authmethods.includes('ticket')) return { kind: 'abort', reason: 'wamp.error.no_auth_method', message: 'only ticket is offered' };
    return {
      kind: 'challenge',
      authmethod: 'ticket',
      extra: {},
      authenticate: async (signature) =>
        signature === this.secret
          ? { kind: 'welcome', identity: { realm: info.realm, authid: info.authid ?? 'joe', authrole: 'user', authmethod: 'ticket', authprovider: 'test' } }
          : { kind: 'abort', reason: 'wamp.error.not_authorized', message: 'wrong ticket' },
    };
  }
}
