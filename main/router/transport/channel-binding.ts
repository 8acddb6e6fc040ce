// TLS details a session's TransportInfo carries: whether the connection is TLS, and the "tls-unique"
// channel binding for WAMP-Cryptosign. The binding is a function (it reads the live TLS socket) and is
// attached as a non-enumerable property, so copying, JSON, structured clone (Electron IPC) and the WAMP
// serializers all leave it out of what they send.
import type { TLSSocket } from 'node:tls';
import type { TransportInfo } from '../auth/types';

/**
 * RFC 5929 tls-unique: the first Finished message of the most recent handshake. In a full handshake the
 * client sends its Finished first, so on the server side that is the peer's Finished. (TLS 1.3 defines
 * no tls-unique; Node still reports the Finished messages, which is what Autobahn|Python's server reads too.)
 */
export function tlsUnique(socket: TLSSocket): Buffer | null {
  const finished = socket.isSessionReused() ? socket.getFinished() : socket.getPeerFinished();
  return finished ?? null;
}

export function withTlsDetails(info: TransportInfo, socket: unknown): TransportInfo {
  const tls = isTlsSocket(socket) ? socket : undefined;
  if (tls) info.tls = true;
  Object.defineProperty(info, 'channelBinding', { value: () => (tls ? tlsUnique(tls) : null), enumerable: false });
  return info;
}

export function isTlsSocket(socket: unknown): socket is TLSSocket {
  return typeof (socket as TLSSocket | null)?.getPeerFinished === 'function' && (socket as TLSSocket).encrypted === true;
}
