// SessionInfo of the router core → what the UI's sessions table shows (no authextra: it may carry
// application data the operator did not ask to see on screen).
import type { RouterSessionView } from '../../shared/api/router-contract';
import type { SessionInfo } from '../router/types';

export function toSessionView(s: SessionInfo): RouterSessionView {
  return {
    id: s.session,
    realm: s.realm,
    authid: s.authid,
    authrole: s.authrole,
    authmethod: s.authmethod,
    authprovider: s.authprovider,
    transport: s.transport.transportId,
    peer: s.transport.peer,
    serializer: s.serializer,
    joinedAt: s.joined,
  };
}
