// Remote procedure calls for one realm: registrations (exact/prefix/wildcard, shared with an
// invocation policy), CALL → INVOCATION routing, YIELD/ERROR back to the caller, progressive
// results, cancellation, call timeouts, and cleanup when either side leaves mid-call.
import { MSG } from '../../shared/wamp/codes';
import { WAMP_ERROR } from '../../shared/wamp/errors';
import { IdSequence } from '../../shared/wamp/ids';
import type { Args, Dict, ErrorMessage, YieldMessage } from '../../shared/wamp/messages';
import type { MatchPolicy } from '../../shared/wamp/uri';
import type { IdSource } from './id-source';
import { PatternIndex } from './pattern-index';
import type { Peer } from './peer';

export type InvokePolicy = 'single' | 'roundrobin' | 'random' | 'first' | 'last';
export const INVOKE_POLICIES: readonly InvokePolicy[] = ['single', 'roundrobin', 'random', 'first', 'last'];

export interface Registration {
  id: number;
  uri: string;
  match: MatchPolicy;
  invoke: InvokePolicy;
  /** ISO 8601 */
  created: string;
  /** In registration order (first/last policies depend on it). */
  callees: Peer[];
  nextIndex: number;
}

export interface DealerListener {
  created(reg: Registration, peer: Peer): void;
  registered(reg: Registration, peer: Peer): void;
  unregistered(reg: Registration, peer: Peer): void;
  deleted(reg: Registration, peer: Peer): void;
}

export type CancelMode = 'skip' | 'kill' | 'killnowait';

interface Invocation {
  id: number;
  caller: Peer;
  callerRequest: number;
  callee: Peer;
  registration: Registration;
  receiveProgress: boolean;
  timer: ReturnType<typeof setTimeout> | undefined;
  /** Set once the caller got its final answer via cancel(kill) pending: callee's reply becomes the answer. */
  killRequested: boolean;
}

export type RegisterResult = { ok: true; registration: Registration } | { ok: false; error: string; message: string };

/**
 * May this callee serve a call to this concrete procedure? Asked only for pattern registrations: a
 * prefix or wildcard registration was authorized for its pattern, and a role may allow the pattern
 * yet deny one procedure it covers (prefix "com.example." allowed, exact "com.example.admin" denied).
 * Static permissions answer synchronously; a dynamic authorizer's promise makes the call wait.
 */
export type CalleeCheck = (callee: Peer, procedure: string) => boolean | Promise<boolean>;

interface Route {
  registration: Registration;
  callee: Peer;
}

export interface CallRequest {
  caller: Peer;
  requestId: number;
  procedure: string;
  options: Dict;
  args?: Args;
  kwargs?: Dict;
  /** Put caller, caller_authid, caller_authrole into INVOCATION.Details. */
  disclose: boolean;
  /**
   * A call by the router itself (dynamic authenticator/authorizer procedures named in its config):
   * no callee check, which could otherwise call a dynamic authorizer to route a call to itself.
   */
  trusted?: boolean;
}

function errorMessage(type: number, request: number, error: string, text?: string, details: Dict = {}): unknown[] {
  return text === undefined ? [MSG.ERROR, type, request, details, error] : [MSG.ERROR, type, request, details, error, [text]];
}

function appendPayload(msg: unknown[], args: Args | undefined, kwargs: Dict | undefined): unknown[] {
  if (kwargs !== undefined && Object.keys(kwargs).length > 0) msg.push(args ?? [], kwargs);
  else if (args !== undefined && args.length > 0) msg.push(args);
  return msg;
}

export class Dealer {
  readonly index = new PatternIndex<Registration>();
  private readonly byId = new Map<number, Registration>();
  private readonly byPeer = new Map<Peer, Set<Registration>>();
  private readonly invocations = new Map<number, Invocation>();
  /** caller → (CALL.Request → invocation), for CANCEL and caller cleanup. */
  private readonly callsByCaller = new Map<Peer, Map<number, Invocation>>();
  /** callee → its open invocations, for callee cleanup. */
  private readonly invocationsByCallee = new Map<Peer, Set<Invocation>>();
  private readonly invocationIds = new IdSequence();
  /** Peers that left: a call whose routing waited on an authorizer is dropped if its caller is here. */
  private readonly departed = new WeakSet<Peer>();

  constructor(
    private readonly ids: IdSource,
    private readonly now: () => number,
    private readonly listener: DealerListener,
    private readonly random: () => number = Math.random,
    private readonly calleeCheck?: CalleeCheck,
  ) {}

  /** How many registrations this peer is a callee of (the realm caps it per session). */
  registrationCount(peer: Peer): number {
    return this.byPeer.get(peer)?.size ?? 0;
  }

  register(peer: Peer, uri: string, match: MatchPolicy, invoke: InvokePolicy): RegisterResult {
    const existing = this.index.get(uri, match);
    if (existing) {
      if (existing.callees.includes(peer)) {
        return { ok: false, error: WAMP_ERROR.procedure_already_exists, message: `this session already registered '${uri}'` };
      }
      if (existing.invoke === 'single' || invoke === 'single') {
        return { ok: false, error: WAMP_ERROR.procedure_already_exists, message: `procedure '${uri}' is already registered` };
      }
      if (existing.invoke !== invoke) {
        return {
          ok: false,
          error: WAMP_ERROR.procedure_exists_with_different_invocation_policy,
          message: `procedure '${uri}' is registered with invoke '${existing.invoke}', not '${invoke}'`,
        };
      }
      existing.callees.push(peer);
      this.track(peer, existing);
      this.listener.registered(existing, peer);
      return { ok: true, registration: existing };
    }
    const reg: Registration = {
      id: this.ids.takeUnique((id) => this.byId.has(id)),
      uri,
      match,
      invoke,
      created: new Date(this.now()).toISOString(),
      callees: [peer],
      nextIndex: 0,
    };
    this.index.add(reg);
    this.byId.set(reg.id, reg);
    this.track(peer, reg);
    this.listener.created(reg, peer);
    this.listener.registered(reg, peer);
    return { ok: true, registration: reg };
  }

  private track(peer: Peer, reg: Registration): void {
    let mine = this.byPeer.get(peer);
    if (!mine) this.byPeer.set(peer, (mine = new Set()));
    mine.add(reg);
  }

  /** false when the peer is not a callee of that registration. */
  unregister(peer: Peer, registrationId: number): boolean {
    const reg = this.byId.get(registrationId);
    if (!reg || !reg.callees.includes(peer)) return false;
    this.byPeer.get(peer)?.delete(reg);
    this.detach(reg, peer);
    return true;
  }

  private detach(reg: Registration, peer: Peer): void {
    reg.callees = reg.callees.filter((p) => p !== peer);
    this.listener.unregistered(reg, peer);
    if (reg.callees.length === 0) {
      this.index.remove(reg);
      this.byId.delete(reg.id);
      this.listener.deleted(reg, peer);
    }
  }

  get(registrationId: number): Registration | undefined {
    return this.byId.get(registrationId);
  }

  /** The registration a call to this URI would go to. */
  match(procedure: string): Registration | undefined {
    return this.index.best(procedure);
  }

  /** The callee of `reg` that gets the next call, by its invocation policy, among `callees` (all, or the ones allowed). */
  private pickCallee(reg: Registration, callees: Peer[]): Peer | undefined {
    const n = callees.length;
    if (n === 0) return undefined;
    switch (reg.invoke) {
      case 'single':
      case 'first':
        return callees[0];
      case 'last':
        return callees[n - 1];
      case 'random':
        return callees[Math.floor(this.random() * n) % n];
      case 'roundrobin': {
        const peer = callees[reg.nextIndex % n];
        reg.nextIndex = (reg.nextIndex + 1) % n;
        return peer;
      }
    }
  }

  /**
   * Route and send the INVOCATION. Returns a promise only when routing waits on a dynamic authorizer
   * (the caller's session then waits with its next message, which keeps its order).
   */
  call(req: CallRequest): void | Promise<void> {
    const best = this.index.best(req.procedure);
    if (!best || best.match === 'exact' || !this.calleeCheck || req.trusted) {
      this.dispatch(req, best && { registration: best, callee: this.pickCallee(best, best.callees)! });
      return;
    }
    const route = this.route(req.procedure, this.index.candidates(req.procedure), 0);
    if (!(route instanceof Promise)) {
      this.dispatch(req, route);
      return;
    }
    return route.then((r) => {
      if (this.departed.has(req.caller)) return;
      // A callee may have left while the authorizer decided: route again from what is registered now.
      if (r && !r.registration.callees.includes(r.callee)) return this.call(req);
      this.dispatch(req, r);
    });
  }

  /** The first candidate (best first) with a callee allowed to serve this procedure. */
  private route(procedure: string, candidates: Registration[], from: number): Route | undefined | Promise<Route | undefined> {
    for (let i = from; i < candidates.length; i += 1) {
      const reg = candidates[i]!;
      if (reg.callees.length === 0) continue;
      if (reg.match === 'exact') return { registration: reg, callee: this.pickCallee(reg, reg.callees)! };
      const callees = reg.callees;
      const verdicts = callees.map((callee) => this.mayServe(callee, procedure));
      if (verdicts.some((v) => v instanceof Promise)) {
        return Promise.all(verdicts).then((decided) => {
          const allowed = callees.filter((c, j) => decided[j] === true && reg.callees.includes(c));
          return allowed.length > 0 ? { registration: reg, callee: this.pickCallee(reg, allowed)! } : this.route(procedure, candidates, i + 1);
        });
      }
      const allowed = verdicts.every((v) => v === true) ? callees : callees.filter((_, j) => verdicts[j] === true);
      if (allowed.length > 0) return { registration: reg, callee: this.pickCallee(reg, allowed)! };
    }
    return undefined;
  }

  private mayServe(callee: Peer, procedure: string): boolean | Promise<boolean> {
    let verdict: boolean | Promise<boolean>;
    try {
      verdict = this.calleeCheck!(callee, procedure);
    } catch {
      return false;
    }
    return verdict instanceof Promise ? verdict.then((ok) => ok === true, () => false) : verdict;
  }

  private dispatch(req: CallRequest, route: Route | undefined): void {
    const reg = route?.registration;
    const callee = route?.callee;
    if (!reg || !callee) {
      req.caller.send(errorMessage(MSG.CALL, req.requestId, WAMP_ERROR.no_such_procedure, `no callee registered for procedure '${req.procedure}'`));
      return;
    }
    let calls = this.callsByCaller.get(req.caller);
    if (!calls) this.callsByCaller.set(req.caller, (calls = new Map()));
    if (calls.has(req.requestId)) {
      req.caller.send(errorMessage(MSG.CALL, req.requestId, WAMP_ERROR.invalid_argument, `CALL.Request ${req.requestId} is already in flight`));
      return;
    }
    const receiveProgress = req.options.receive_progress === true;
    const inv: Invocation = {
      id: this.invocationIds.take(),
      caller: req.caller,
      callerRequest: req.requestId,
      callee,
      registration: reg,
      receiveProgress,
      timer: undefined,
      killRequested: false,
    };
    this.invocations.set(inv.id, inv);
    calls.set(req.requestId, inv);
    let open = this.invocationsByCallee.get(callee);
    if (!open) this.invocationsByCallee.set(callee, (open = new Set()));
    open.add(inv);

    const details: Dict = {};
    if (reg.match !== 'exact') details.procedure = req.procedure;
    if (receiveProgress && callee.features.calleeProgress) details.receive_progress = true;
    if (req.disclose) {
      details.caller = req.caller.id;
      details.caller_authid = req.caller.identity.authid;
      details.caller_authrole = req.caller.identity.authrole;
    }
    const timeout = req.options.timeout;
    if (typeof timeout === 'number' && timeout > 0 && Number.isFinite(timeout)) {
      inv.timer = setTimeout(() => this.timeOut(inv, timeout), timeout);
    }
    callee.send(appendPayload([MSG.INVOCATION, inv.id, reg.id, details], req.args, req.kwargs));
  }

  private finish(inv: Invocation): void {
    this.invocations.delete(inv.id);
    this.callsByCaller.get(inv.caller)?.delete(inv.callerRequest);
    this.invocationsByCallee.get(inv.callee)?.delete(inv);
    if (inv.timer) clearTimeout(inv.timer);
    inv.timer = undefined;
  }

  private interrupt(inv: Invocation, mode: CancelMode, reason: string): void {
    if (inv.callee.features.calleeCancel) inv.callee.send([MSG.INTERRUPT, inv.id, { mode, reason }]);
  }

  private timeOut(inv: Invocation, timeout: number): void {
    inv.timer = undefined;
    if (this.invocations.get(inv.id) !== inv) return;
    this.finish(inv);
    this.interrupt(inv, 'killnowait', WAMP_ERROR.timeout);
    inv.caller.send(errorMessage(MSG.CALL, inv.callerRequest, WAMP_ERROR.timeout, `call to '${inv.registration.uri}' timed out after ${timeout} ms`));
  }

  /** YIELD from a callee. Returns false if the message names no invocation of this callee (late yields after a cancel are normal). */
  yield(callee: Peer, msg: YieldMessage): boolean {
    const inv = this.invocations.get(msg[1]);
    if (!inv || inv.callee !== callee) return false;
    const options = msg[2];
    if (options.progress === true) {
      if (inv.receiveProgress) inv.caller.send(appendPayload([MSG.RESULT, inv.callerRequest, { progress: true }], msg[3], msg[4]));
      return true;
    }
    this.finish(inv);
    inv.caller.send(appendPayload([MSG.RESULT, inv.callerRequest, {}], msg[3], msg[4]));
    return true;
  }

  /** ERROR for an INVOCATION from a callee. */
  invocationError(callee: Peer, msg: ErrorMessage): boolean {
    const inv = this.invocations.get(msg[2]);
    if (!inv || inv.callee !== callee) return false;
    this.finish(inv);
    inv.caller.send(appendPayload([MSG.ERROR, MSG.CALL, inv.callerRequest, {}, msg[4]], msg[5], msg[6]));
    return true;
  }

  /**
   * CANCEL from a caller. skip: answer the caller now, forget the invocation; killnowait: also
   * INTERRUPT the callee; kill: INTERRUPT and let the callee's reply answer the caller. Callees that
   * did not announce call_canceling are treated as skip.
   */
  cancel(caller: Peer, requestId: number, options: Dict): void {
    const inv = this.callsByCaller.get(caller)?.get(requestId);
    if (!inv) return; // already answered: nothing to cancel
    const requested = options.mode;
    let mode: CancelMode = requested === 'skip' || requested === 'kill' || requested === 'killnowait' ? requested : 'killnowait';
    if (!inv.callee.features.calleeCancel) mode = 'skip';
    if (mode === 'kill') {
      if (inv.killRequested) return;
      inv.killRequested = true;
      this.interrupt(inv, 'kill', WAMP_ERROR.canceled);
      return;
    }
    this.finish(inv);
    if (mode === 'killnowait') this.interrupt(inv, 'killnowait', WAMP_ERROR.canceled);
    caller.send(errorMessage(MSG.CALL, requestId, WAMP_ERROR.canceled, 'call canceled by the caller'));
  }

  /** A session left: drop its registrations, fail calls it was serving, interrupt calls it made. */
  removePeer(peer: Peer): void {
    this.departed.add(peer);
    const served = this.invocationsByCallee.get(peer);
    if (served) {
      this.invocationsByCallee.delete(peer);
      for (const inv of [...served]) {
        this.finish(inv);
        inv.caller.send(errorMessage(MSG.CALL, inv.callerRequest, WAMP_ERROR.canceled, `callee session ${peer.id} left before answering`));
      }
    }
    const made = this.callsByCaller.get(peer);
    if (made) {
      this.callsByCaller.delete(peer);
      for (const inv of [...made.values()]) {
        this.finish(inv);
        this.interrupt(inv, 'killnowait', WAMP_ERROR.canceled);
      }
    }
    const mine = this.byPeer.get(peer);
    if (mine) {
      this.byPeer.delete(peer);
      for (const reg of mine) this.detach(reg, peer);
    }
  }

  /** Number of calls waiting for an answer (snapshots/tests). */
  get pendingCalls(): number {
    return this.invocations.size;
  }
}
