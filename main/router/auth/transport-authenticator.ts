// The SessionAuthenticator of one transport: picks the authentication method (the first of the
// client's HELLO.authmethods that the transport is configured for, in the client's order — Crossbar's
// rule), applies the failed-login backoff, and reports every outcome to an audit log.
import { WAMP_ERROR } from '../../../shared/wamp/errors';
import { AnonymousMethod, DEFAULT_ANONYMOUS, noAuthMethod } from './anonymous';
import type { TransportAuth } from './auth-config';
import { isPendingChallenge, type AuthMethodHandler, type MethodContext, type MethodOutcome } from './method-context';
import { abort, isAbort, type AuthAbort } from './principal';
import type { LoginRateLimiter } from './rate-limiter';
import { TicketMethod } from './ticket';
import type { Abort, HelloInfo, HelloOutcome, Identity, SessionAuthenticator, Welcome } from './types';
import { WampCraMethod } from './wampcra';

/** One line of the authentication audit log. Never contains a secret, ticket or signature. */
export interface AuthEvent {
  transportId: string;
  peer: string;
  realm: string;
  authid: string | undefined;
  authmethod: string | undefined;
  /** challenge: CHALLENGE sent; welcome: joined; abort: refused. */
  outcome: 'challenge' | 'welcome' | 'abort';
  authrole?: string;
  reason?: string;
  message?: string;
}

export interface TransportAuthenticatorOptions {
  transportId: string;
  /** undefined: no "auth" section — everyone joins as anonymous/role "anonymous" (Crossbar default). */
  auth: TransportAuth | undefined;
  context: MethodContext;
  limiter: LoginRateLimiter;
  onEvent?: (event: AuthEvent) => void;
}

export class TransportAuthenticator implements SessionAuthenticator {
  private readonly methods = new Map<string, AuthMethodHandler>();

  constructor(private readonly options: TransportAuthenticatorOptions) {
    const auth = options.auth ?? { anonymous: DEFAULT_ANONYMOUS };
    if (auth.anonymous) this.methods.set('anonymous', new AnonymousMethod(auth.anonymous));
    if (auth.ticket) this.methods.set('ticket', new TicketMethod(auth.ticket));
    if (auth.wampcra) this.methods.set('wampcra', new WampCraMethod(auth.wampcra));
  }

  /** Methods this transport accepts. */
  get authmethods(): string[] {
    return [...this.methods.keys()];
  }

  async hello(info: HelloInfo): Promise<HelloOutcome> {
    // Crossbar: no authmethods in HELLO means anonymous; without an auth section, everyone is anonymous.
    const offered = info.authmethods.length > 0 ? info.authmethods : ['anonymous'];
    const method = this.options.auth === undefined ? this.methods.get('anonymous') : offered.map((m) => this.methods.get(m)).find((m) => m !== undefined);
    if (!method) return this.finish(info, undefined, noAuthMethod(offered));

    const { limiter } = this.options;
    if (method.credential) {
      const limit = limiter.check(info.authid, info.transport.peer);
      if (!limit.ok) {
        const seconds = Math.ceil(limit.retryAfterMs / 1000);
        const who = limit.scope === 'authid' ? `authid "${info.authid}"` : 'this peer';
        return this.finish(
          info,
          method.authmethod,
          abort(WAMP_ERROR.authentication_failed, `too many failed logins for ${who}; try again later (in ${seconds} s)`),
        );
      }
    }

    let outcome: MethodOutcome;
    try {
      outcome = await method.hello(info, this.options.context);
    } catch (error) {
      outcome = abort(WAMP_ERROR.authentication_failed, `authentication failed: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (!isPendingChallenge(outcome)) return this.finish(info, method, outcome);

    const pending = outcome;
    let used = false;
    this.emit(info, method.authmethod, { outcome: 'challenge' });
    return {
      kind: 'challenge',
      authmethod: pending.authmethod,
      extra: pending.extra,
      authenticate: async (signature, extra) => {
        if (used) return this.finish(info, method, abort(WAMP_ERROR.protocol_violation, 'AUTHENTICATE was already received'));
        used = true;
        if (typeof signature !== 'string') {
          return this.finish(info, method, abort(WAMP_ERROR.not_authorized, 'AUTHENTICATE signature must be a string', true));
        }
        let result: Identity | AuthAbort;
        try {
          result = await pending.verify(signature, extra);
        } catch (error) {
          result = abort(WAMP_ERROR.authentication_failed, `authentication failed: ${error instanceof Error ? error.message : String(error)}`);
        }
        return this.finish(info, method, result);
      },
    };
  }

  private finish(info: HelloInfo, method: AuthMethodHandler | string | undefined, result: Identity | AuthAbort): Welcome | Abort {
    const name = typeof method === 'string' ? method : method?.authmethod;
    if (isAbort(result)) {
      if (result.credentialFailure && typeof method === 'object' && method.credential) {
        this.options.limiter.recordFailure(info.authid, info.transport.peer);
      }
      this.emit(info, name, { outcome: 'abort', reason: result.reason, message: result.message });
      return { kind: 'abort', reason: result.reason, message: result.message, ...(name !== undefined ? { authmethod: name } : {}) };
    }
    if (typeof method === 'object' && method.credential) this.options.limiter.recordSuccess(info.authid ?? result.authid);
    this.emit(info, name, { outcome: 'welcome', authrole: result.authrole, authid: result.authid, realm: result.realm });
    return { kind: 'welcome', identity: result };
  }

  private emit(info: HelloInfo, authmethod: string | undefined, fields: Partial<AuthEvent> & Pick<AuthEvent, 'outcome'>): void {
    try {
      this.options.onEvent?.({
        transportId: this.options.transportId,
        peer: info.transport.peer,
        realm: info.realm,
        authid: info.authid,
        authmethod,
        ...fields,
      });
    } catch {
      // A failing log sink must not change the outcome of a login.
    }
  }
}
