// How the tester decides to trust a router's TLS certificate, and what it says when it does not.
// The TLS handshake runs with OpenSSL's verdict recorded but not enforced; the tester then applies its
// own rule before a single byte of WebSocket or WAMP is sent (so a URL password, ticket or HELLO never
// reaches a server that failed the check):
//   --pin SHA256   the certificate's SHA-256 must equal the pin (nothing else is checked: the pin names
//                  exactly one certificate, self-signed or not, for whatever host name)
//   --ca FILE      the chain must lead to a certificate in FILE (instead of the system's CAs), and the
//                  certificate must name the host
//   --insecure     anything is accepted (the trace and a warning say what was wrong)
//   (default)      the system's CAs and the host name, as browsers check
import { checkServerIdentity, type PeerCertificate, type TLSSocket } from 'node:tls';

export interface TlsTrust {
  /** PEM certificates to trust instead of the system's (the contents of --ca FILE). */
  ca?: Buffer;
  /** Where ca came from, for messages. */
  caFile?: string;
  /** SHA-256 certificate fingerprint, 64 lower-case hex digits. */
  pin?: string;
  insecure?: boolean;
}

export type TlsProblemKind = 'self_signed' | 'untrusted' | 'wrong_host' | 'expired' | 'not_yet_valid' | 'pin_mismatch' | 'other';

export interface TlsProblem {
  kind: TlsProblemKind;
  /** OpenSSL's code or Node's (DEPTH_ZERO_SELF_SIGNED_CERT, ERR_TLS_CERT_ALTNAME_INVALID, …). */
  code?: string;
  /** The server certificate's SHA-256 as AB:CD:… (what --pin takes). */
  fingerprint?: string;
  /** Names the certificate is for ("DNS:localhost, IP Address:127.0.0.1"). */
  names?: string;
  validTo?: string;
  validFrom?: string;
}

export interface TlsVerdict {
  accepted: boolean;
  problem?: TlsProblem;
  fingerprint: string;
  /** One line for the trace. */
  text: string;
}

const SELF_SIGNED = new Set(['DEPTH_ZERO_SELF_SIGNED_CERT', 'SELF_SIGNED_CERT_IN_CHAIN']);
const UNTRUSTED = new Set(['UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'UNABLE_TO_GET_ISSUER_CERT', 'CERT_UNTRUSTED', 'CERT_SIGNATURE_FAILURE']);

function problemKind(code: string): TlsProblemKind {
  if (SELF_SIGNED.has(code)) return 'self_signed';
  if (UNTRUSTED.has(code)) return 'untrusted';
  if (code === 'CERT_HAS_EXPIRED') return 'expired';
  if (code === 'CERT_NOT_YET_VALID') return 'not_yet_valid';
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') return 'wrong_host';
  return 'other';
}

const pinHex = (fingerprint: string) => fingerprint.replace(/:/g, '').toLowerCase();

/** The tester's verdict on the certificate of a finished handshake (made with rejectUnauthorized: false). */
export function judgeCertificate(socket: TLSSocket, hostname: string, trust: TlsTrust): TlsVerdict {
  const cert = socket.getPeerCertificate() as PeerCertificate | Record<string, never>;
  const fingerprint = 'fingerprint256' in cert && cert.fingerprint256 ? cert.fingerprint256 : '';
  const details = {
    fingerprint,
    ...('subjectaltname' in cert && cert.subjectaltname ? { names: cert.subjectaltname } : {}),
    ...('valid_to' in cert && cert.valid_to ? { validTo: cert.valid_to, validFrom: cert.valid_from } : {}),
  };
  if (trust.pin !== undefined) {
    if (fingerprint && pinHex(fingerprint) === trust.pin) return { accepted: true, fingerprint, text: `certificate SHA-256 ${fingerprint} matches --pin` };
    return {
      accepted: false,
      fingerprint,
      problem: { kind: 'pin_mismatch', ...details },
      text: `certificate SHA-256 ${fingerprint || '(none)'} does not match --pin`,
    };
  }
  // OpenSSL's chain verdict, then the host name (Node checks it only when the chain verified).
  let code: string | undefined = socket.authorizationError ? String((socket.authorizationError as unknown as { code?: string }).code ?? socket.authorizationError) : undefined;
  if (!code && 'subject' in cert) {
    const mismatch = checkServerIdentity(hostname, cert as PeerCertificate);
    if (mismatch) code = (mismatch as NodeJS.ErrnoException).code ?? 'ERR_TLS_CERT_ALTNAME_INVALID';
  }
  if (!code) return { accepted: true, fingerprint, text: `certificate for ${details.names ?? hostname} trusted${trust.caFile ? ` (--ca ${trust.caFile})` : ''}; SHA-256 ${fingerprint}` };
  const problem: TlsProblem = { kind: problemKind(code), code, ...details };
  if (trust.insecure) {
    return { accepted: true, fingerprint, problem, text: `certificate NOT verified (--insecure): ${code}; SHA-256 ${fingerprint}` };
  }
  return { accepted: false, fingerprint, problem, text: `certificate rejected: ${code}; SHA-256 ${fingerprint}` };
}
