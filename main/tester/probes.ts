// Post-join probes: try call/register/publish/subscribe on given URIs and sort each answer into
// allowed / denied / error / timeout. The subtle cases are explained in `note`: a call that ends in
// no_such_procedure got past authorization (nothing is registered), a publish is acknowledged only
// because we ask for it (denied publishes are silent otherwise), a registration that already exists
// was authorized too.
import type { ProbeAction, ProbeResult, TesterProbes } from '../../shared/api/tester-contract';
import { MSG } from '../../shared/wamp/codes';
import { WAMP_ERROR } from '../../shared/wamp/errors';
import type { WampMessage } from '../../shared/wamp/messages';
import { round } from './trace';
import type { TesterConnection } from './connection';

const DENIED = new Set<string>([WAMP_ERROR.not_authorized, WAMP_ERROR.authorization_failed]);

export class RequestIds {
  private next = 1;
  take(): number {
    return this.next++;
  }
}

export const PROBE_ORDER: ProbeAction[] = ['subscribe', 'register', 'call', 'publish'];

export function probeCount(probes: TesterProbes): number {
  return PROBE_ORDER.reduce((n, action) => n + probes[action].length, 0);
}

export async function runProbes(connection: TesterConnection, probes: TesterProbes, ids: RequestIds, timeoutMs: number): Promise<ProbeResult[]> {
  const results: ProbeResult[] = [];
  for (const action of PROBE_ORDER) {
    for (const uri of probes[action]) {
      const result = await runProbe(connection, action, uri, ids, timeoutMs);
      results.push(result);
      // A closed connection answers every later probe the same way; stop asking.
      if (result.answer === 'connection closed') return results;
    }
  }
  return results;
}

async function runProbe(connection: TesterConnection, action: ProbeAction, uri: string, ids: RequestIds, timeoutMs: number): Promise<ProbeResult> {
  const request = ids.take();
  const started = performance.now();
  switch (action) {
    case 'call':
      connection.send([MSG.CALL, request, { timeout: timeoutMs }, uri, []]);
      break;
    case 'register':
      connection.send([MSG.REGISTER, request, {}, uri]);
      break;
    case 'publish':
      connection.send([MSG.PUBLISH, request, { acknowledge: true }, uri, []]);
      break;
    case 'subscribe':
      connection.send([MSG.SUBSCRIBE, request, {}, uri]);
      break;
  }
  const answer = await connection.receiveMatching((m) => answers(m, request), timeoutMs);
  const latencyMs = round(performance.now() - started);
  const base = { action, uri, latencyMs };
  if (answer.type === 'timeout') {
    return { ...base, latencyMs: null, outcome: 'timeout', answer: 'no answer', note: `The router did not answer within ${timeoutMs} ms.` };
  }
  if (answer.type === 'closed') {
    return { ...base, latencyMs: null, outcome: 'error', answer: 'connection closed', note: `The router closed the connection (code ${answer.code}).` };
  }
  if (answer.type === 'invalid') return { ...base, outcome: 'error', answer: 'invalid message', note: answer.error };

  const message = answer.message;
  if (message[0] === MSG.ERROR) return fromError(base, action, message[4]);
  switch (message[0]) {
    case MSG.RESULT:
      return { ...base, outcome: 'allowed', answer: 'RESULT', note: 'Allowed: a callee answered.' };
    case MSG.REGISTERED:
      await undo(connection, [MSG.UNREGISTER, ids.take(), message[2]], MSG.UNREGISTERED, timeoutMs);
      return { ...base, outcome: 'allowed', answer: 'REGISTERED', note: 'Allowed (registered, then unregistered at once).' };
    case MSG.PUBLISHED:
      return { ...base, outcome: 'allowed', answer: 'PUBLISHED', note: 'Allowed (the router acknowledged the publication).' };
    case MSG.SUBSCRIBED:
      await undo(connection, [MSG.UNSUBSCRIBE, ids.take(), message[2]], MSG.UNSUBSCRIBED, timeoutMs);
      return { ...base, outcome: 'allowed', answer: 'SUBSCRIBED', note: 'Allowed (subscribed, then unsubscribed at once).' };
    default:
      return { ...base, outcome: 'error', answer: 'unexpected message', note: `Unexpected message type ${message[0]}.` };
  }
}

function fromError(base: { action: ProbeAction; uri: string; latencyMs: number }, action: ProbeAction, error: string): ProbeResult {
  if (DENIED.has(error)) {
    return { ...base, outcome: 'denied', answer: error, note: `Denied: this role may not ${action} "${base.uri}".` };
  }
  if (action === 'call' && error === WAMP_ERROR.no_such_procedure) {
    return { ...base, outcome: 'allowed', answer: error, note: 'Allowed by authorization, but nothing is registered under this URI.' };
  }
  if (action === 'call' && (error === WAMP_ERROR.no_available_callee || error === WAMP_ERROR.unavailable)) {
    return { ...base, outcome: 'allowed', answer: error, note: 'Allowed by authorization, but no callee is available right now.' };
  }
  if (action === 'register' && error === WAMP_ERROR.procedure_already_exists) {
    return { ...base, outcome: 'allowed', answer: error, note: 'Allowed by authorization, but another session already registered this procedure.' };
  }
  if (error === WAMP_ERROR.invalid_uri) {
    return { ...base, outcome: 'error', answer: error, note: 'The router rejected the URI as invalid.' };
  }
  if (action === 'call') {
    // Any other error came from the callee (or the router after authorization): the call itself was allowed.
    return { ...base, outcome: 'allowed', answer: error, note: `Allowed: the call was routed and answered with the error "${error}".` };
  }
  return { ...base, outcome: 'error', answer: error, note: `The router answered with the error "${error}".` };
}

function answers(message: WampMessage, request: number): boolean {
  switch (message[0]) {
    case MSG.ERROR:
    case MSG.RESULT:
    case MSG.REGISTERED:
    case MSG.PUBLISHED:
    case MSG.SUBSCRIBED:
      return message[message[0] === MSG.ERROR ? 2 : 1] === request;
    default:
      return false;
  }
}

/** Best effort: the probe's registration/subscription must not outlive the probe. */
async function undo(connection: TesterConnection, message: unknown[], expected: number, timeoutMs: number): Promise<void> {
  const request = message[1];
  connection.send(message);
  await connection.receiveMatching((m) => (m[0] === expected || m[0] === MSG.ERROR) && m[m[0] === MSG.ERROR ? 2 : 1] === request, timeoutMs);
}
