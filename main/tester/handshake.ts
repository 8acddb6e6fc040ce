// The opening handshake as a small state machine: HELLO → (CHALLENGE → AUTHENTICATE)* → WELCOME | ABORT.
// Every wait has the step timeout; anything else the router sends at this point is a protocol error.
import { MSG, messageName } from '../../shared/wamp/codes';
import type { Dict } from '../../shared/wamp/messages';
import type { TesterConnection } from './connection';

export interface ChallengeInfo {
  authmethod: string;
  extra: Dict;
}

export type ChallengeResponse = { ok: true; signature: string; extra?: Dict } | { ok: false; error: string };

export interface HandshakeParams {
  realm: string;
  authmethods: string[];
  authid?: string;
  authrole?: string;
  authextra?: Dict;
  respond: (challenge: ChallengeInfo) => ChallengeResponse | Promise<ChallengeResponse>;
  timeoutMs: number;
  agent: string;
}

export type HandshakeOutcome =
  | { kind: 'welcome'; session: number; details: Dict }
  | { kind: 'abort'; reason: string; details: Dict; authenticated: boolean }
  | { kind: 'timeout'; waitingFor: string }
  | { kind: 'closed'; code: number; reason: string; authenticated: boolean }
  | { kind: 'protocol_error'; error: string }
  | { kind: 'client_error'; error: string };

/** More rounds than any real authmethod needs; stops a router that challenges forever. */
const MAX_CHALLENGES = 4;

export const CLIENT_ROLES = {
  caller: { features: {} },
  callee: { features: {} },
  publisher: { features: {} },
  subscriber: { features: {} },
};

export async function handshake(connection: TesterConnection, params: HandshakeParams): Promise<HandshakeOutcome> {
  const details: Dict = { roles: CLIENT_ROLES, authmethods: params.authmethods, agent: params.agent };
  if (params.authid) details['authid'] = params.authid;
  // authrole in HELLO is a Crossbar extension (the requested role); other routers ignore it.
  if (params.authrole) details['authrole'] = params.authrole;
  if (params.authextra) details['authextra'] = params.authextra;
  connection.send([MSG.HELLO, params.realm, details]);

  let challenges = 0;
  for (;;) {
    const waitingFor = challenges === 0 ? 'the HELLO' : 'the AUTHENTICATE';
    const incoming = await connection.receive(params.timeoutMs);
    if (incoming.type === 'timeout') return { kind: 'timeout', waitingFor };
    if (incoming.type === 'closed') return { kind: 'closed', code: incoming.code, reason: incoming.reason, authenticated: challenges > 0 };
    if (incoming.type === 'invalid') return { kind: 'protocol_error', error: incoming.error };
    const message = incoming.message;
    switch (message[0]) {
      case MSG.WELCOME:
        return { kind: 'welcome', session: message[1], details: message[2] };
      case MSG.ABORT:
        return { kind: 'abort', reason: message[2], details: message[1], authenticated: challenges > 0 };
      case MSG.CHALLENGE: {
        challenges += 1;
        if (challenges > MAX_CHALLENGES) return { kind: 'protocol_error', error: `more than ${MAX_CHALLENGES} CHALLENGE messages` };
        const response = await params.respond({ authmethod: message[1], extra: message[2] });
        if (!response.ok) {
          connection.send([MSG.ABORT, { message: response.error }, 'wamp.error.authentication_failed']);
          return { kind: 'client_error', error: response.error };
        }
        connection.send([MSG.AUTHENTICATE, response.signature, response.extra ?? {}]);
        break;
      }
      default:
        return { kind: 'protocol_error', error: `unexpected ${messageName(message[0])} in answer to ${waitingFor}` };
    }
  }
}

