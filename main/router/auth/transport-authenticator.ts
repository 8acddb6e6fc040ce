// The SessionAuthenticator of one transport: picks the authentication method (the first of the
// client's HELLO.authmethods that the transport is configured for, in the client's order — Crossbar's
// rule), applies the failed-login backoff, and reports every outcome to an audit log.
import { WAMP_ERROR } from '../../../shared/wamp/errors';
import { AnonymousMethod, DEFAULT_ANONYMOUS, noAuthMethod } from './anonymous';
import type { TransportAuth } from './auth-config';
import { CryptosignMethod } from './cryptosign';
import { isPendingChallenge, type AuthMethodHandler, type MethodContext, type MethodOutcome } from './method-context';
import { abort, isAbort, type AuthAbort } from './principal';
import type { LimitCheck, LoginAttempt, LoginRateLimiter } from './rate-limiter';
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
    if (auth.cryptosign) this.methods.set('cryptosign', new CryptosignMethod(auth.cryptosign));
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
    if (!method.credential) return this.finish(info, method, await this.runHello(method, info));

    // A credential method: the backoff holds at HELLO (some methods decide there, e.g. an unknown
    // principal) and again at AUTHENTICATE (below), and the number of challenges one authid or peer
    // may hold open is capped — otherwise many connections could each collect a CHALLENGE before a
    // lockout and all answer it afterwards, getting as many guesses as connections.
    const { limiter } = this.options;
    const { authid } = info;
    const { peer } = info.transport;
    // At HELLO only a lockout refuses; checks in flight fill the budget only at AUTHENTICATE (a burst
    // of HELLOs is bounded by the pending-challenge caps instead).
    const gate = limiter.check(authid, peer);
    if (!gate.ok && gate.cause === 'locked') return this.finish(info, method.authmethod, limitAbort(gate, authid));
    const hold = limiter.holdChallenge(authid, peer);
    if (!hold.ok) {
      const who = hold.scope === 'authid' ? `authid "${authid}"` : 'this peer';
      return this.finish(
        info,
        method.authmethod,
        abort(
          WAMP_ERROR.authentication_failed,
          `too many logins for ${who} are waiting for AUTHENTICATE (at most ${hold.limit}); answer or close them first ` +
            `(auth_rate_limit.max_pending_per_${hold.scope})`,
        ),
      );
    }

    const outcome = await this.runHello(method, info);
    if (!isPendingChallenge(outcome)) {
      hold.slot.release();
      // Decided at HELLO (an unknown principal, a dynamic authenticator's denial): strike without a reservation.
      if (isAbort(outcome) && outcome.credentialFailure) limiter.recordFailure(authid, peer);
      else if (!isAbort(outcome) && authid !== undefined) limiter.recordSuccess(authid, peer);
      return this.finish(info, method, outcome);
    }

    const pending = outcome;
    const slot = hold.slot;
    let used = false;
    this.emit(info, method.authmethod, { outcome: 'challenge' });
    return {
      kind: 'challenge',
      authmethod: pending.authmethod,
      extra: pending.extra,
      cancel: () => slot.release(),
      authenticate: async (signature, extra) => {
        if (used) return this.finish(info, method, abort(WAMP_ERROR.protocol_violation, 'AUTHENTICATE was already received'));
        used = true;
        slot.release();
        // A lockout that came into force while this challenge was held refuses it before the secret is
        // looked at; so does a budget already filled by failures plus checks still in flight.
        const check = limiter.begin(authid, peer);
        if (!check.ok) return this.finish(info, method.authmethod, limitAbort(check, authid));
        if (typeof signature !== 'string') {
          return this.finish(info, method, abort(WAMP_ERROR.not_authorized, 'AUTHENTICATE signature must be a string', true), check.attempt);
        }
        let result: Identity | AuthAbort;
        try {
          result = await pending.verify(signature, extra);
        } catch (error) {
          result = abort(WAMP_ERROR.authentication_failed, `authentication failed: ${error instanceof Error ? error.message : String(error)}`);
        }
        return this.finish(info, method, result, check.attempt);
      },
    };
  }

  private async runHello(method: AuthMethodHandler, info: HelloInfo): Promise<MethodOutcome> {
    try {
      return await method.hello(info, this.options.context);
    } catch (error) {
      return abort(WAMP_ERROR.authentication_failed, `authentication failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /** Reports the outcome and settles the login's limiter reservation (a strike only for a credential failure). */
  private finish(info: HelloInfo, method: AuthMethodHandler | string | undefined, result: MethodOutcome, attempt?: LoginAttempt): Welcome | Abort {
    const name = typeof method === 'string' ? method : method?.authmethod;
    if (isPendingChallenge(result)) throw new Error('finish() called with a pending challenge');
    if (isAbort(result)) {
      if (result.credentialFailure) attempt?.fail();
      else attempt?.cancel();
      this.emit(info, name, { outcome: 'abort', reason: result.reason, message: result.message });
      return { kind: 'abort', reason: result.reason, message: result.message, ...(name !== undefined ? { authmethod: name } : {}) };
    }
    attempt?.succeed();
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

/** The ABORT for a login the backoff refuses; not itself a strike (that would let an attacker extend the lock). */
function limitAbort(refusal: Extract<LimitCheck, { ok: false }>, authid: string | undefined): AuthAbort {
  const who = refusal.scope === 'authid' ? `authid "${authid}"` : refusal.scope === 'peer' ? 'this peer' : "this peer's network";
  const seconds = Math.max(1, Math.ceil(refusal.retryAfterMs / 1000));
  return refusal.cause === 'locked'
    ? abort(WAMP_ERROR.authentication_failed, `too many failed logins for ${who}; try again later (in ${seconds} s)`)
    : abort(
        WAMP_ERROR.authentication_failed,
        `too many failed or concurrent logins for ${who}; try again ${refusal.retryAfterMs > 0 ? `later (in ${seconds} s or less)` : 'in a moment'}`,
      );
}
