// The Authorizer of one realm: each role is either a static permission table or a dynamic authorizer
// procedure (Crossbar's {"name": ROLE, "authorizer": URI}), which is called as
// authorizer(session, uri, action, options) and answers true/false or {allow, disclose, cache}.
import { PermissionTable, type Permission } from './permissions';
import { WampCallError, type Action, type Authorization, type Authorizer, type RouterCaller, type SessionRef } from './types';

export type RoleRule = { kind: 'static'; permissions: Permission[] } | { kind: 'dynamic'; authorizer: string };

export interface AuthorizationLog {
  (entry: { realm: string; role: string; uri: string; action: Action; error: string }): void;
}

export interface RealmAuthorizerOptions {
  realm: string;
  roles: Record<string, RoleRule>;
  /** For dynamic authorizers; may be bound after the router exists (see DeferredCaller). */
  caller?: RouterCaller;
  /** Dynamic authorizer call timeout (default 10 s). */
  timeoutMs?: number;
  /** Where dynamic authorizer failures are reported (they deny the action). */
  onError?: AuthorizationLog;
}

/** Cached dynamic decisions per (session, action, uri); bounded so a busy client cannot grow it without end. */
const MAX_CACHE = 10_000;

type Compiled = { kind: 'static'; table: PermissionTable } | { kind: 'dynamic'; authorizer: string };

export class RealmAuthorizer implements Authorizer {
  private readonly roles = new Map<string, Compiled>();
  private readonly cache = new Map<string, Authorization>();

  constructor(private readonly options: RealmAuthorizerOptions) {
    for (const [name, rule] of Object.entries(options.roles)) {
      this.roles.set(name, rule.kind === 'static' ? { kind: 'static', table: new PermissionTable(rule.permissions) } : rule);
    }
  }

  hasRole(role: string): boolean {
    return this.roles.has(role);
  }

  roleNames(): string[] {
    return [...this.roles.keys()];
  }

  /** Static permissions and cached dynamic decisions answer synchronously (see Authorizer.authorize). */
  authorize(session: SessionRef, uri: string, action: Action, options: Record<string, unknown>): Authorization | Promise<Authorization> {
    const rule = this.roles.get(session.identity.authrole);
    if (!rule) return { allow: false, disclose: false };
    if (rule.kind === 'static') {
      const { allow, disclose } = rule.table.decide(uri, action);
      return { allow, disclose };
    }
    const key = `${session.sessionId}\u0000${action}\u0000${uri}`;
    const cached = this.cache.get(key);
    if (cached) return cached;
    return this.authorizeDynamic(rule.authorizer, key, session, uri, action, options);
  }

  private async authorizeDynamic(
    authorizer: string,
    key: string,
    session: SessionRef,
    uri: string,
    action: Action,
    options: Record<string, unknown>,
  ): Promise<Authorization> {
    const decision = await this.callAuthorizer(authorizer, session, uri, action, options);
    if (decision.cache) {
      if (this.cache.size >= MAX_CACHE) this.cache.delete(this.cache.keys().next().value!);
      this.cache.set(key, { allow: decision.allow, disclose: decision.disclose });
    }
    return { allow: decision.allow, disclose: decision.disclose };
  }

  /** Forget cached dynamic decisions of a session (call when it leaves). */
  forgetSession(sessionId: number): void {
    const prefix = `${sessionId}\u0000`;
    for (const key of this.cache.keys()) if (key.startsWith(prefix)) this.cache.delete(key);
  }

  /**
   * Calls the dynamic authorizer. Failures (ERROR reply, timeout, a malformed answer) are reported and
   * thrown: the router then answers wamp.error.authorization_failed, as Crossbar does.
   */
  private async callAuthorizer(
    procedure: string,
    session: SessionRef,
    uri: string,
    action: Action,
    options: Record<string, unknown>,
  ): Promise<Authorization & { cache: boolean }> {
    const fail = (error: string): never => {
      this.options.onError?.({ realm: this.options.realm, role: session.identity.authrole, uri, action, error });
      throw new Error(error);
    };
    if (!this.options.caller) return fail('no router caller configured for the dynamic authorizer');
    const { identity } = session;
    const details = {
      session: session.sessionId,
      authid: identity.authid,
      authrole: identity.authrole,
      authmethod: identity.authmethod,
      authprovider: identity.authprovider,
      authextra: identity.authextra ?? null,
    };
    let result: unknown;
    try {
      result = await this.options.caller.call(this.options.realm, procedure, [details, uri, action, options], {}, this.options.timeoutMs ?? 10_000);
    } catch (error) {
      return fail(`dynamic authorizer ${procedure} failed: ${error instanceof WampCallError ? error.message : String(error)}`);
    }
    const value = Array.isArray(result) && result.length === 1 ? result[0] : result;
    if (typeof value === 'boolean') return { allow: value, disclose: false, cache: false };
    if (value !== null && typeof value === 'object' && typeof (value as { allow?: unknown }).allow === 'boolean') {
      const v = value as { allow: boolean; disclose?: unknown; cache?: unknown };
      return { allow: v.allow, disclose: v.disclose === true, cache: v.cache === true };
    }
    return fail(`dynamic authorizer ${procedure} returned ${JSON.stringify(value) ?? String(value)}, expected a boolean or {allow, disclose, cache}`);
  }
}
