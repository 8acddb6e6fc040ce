// Failure kinds → plain words. Each entry answers: what happened, why it usually happens, what to try.
// The run engine only decides the kind (and passes a few facts); all wording lives here so the CLI,
// the UI and the reports say the same thing.
import type { Diagnosis, DiagnosisKind } from '../../shared/api/tester-contract';

/** Facts that make an explanation concrete. All optional; only the relevant ones are used. */
export interface DiagnosisFacts {
  url?: string;
  host?: string;
  realm?: string;
  authid?: string | null;
  authrole?: string | null;
  authmethod?: string;
  subprotocol?: string;
  offered?: string[];
  /** Low-level error text (errno code, TLS error, HTTP status). */
  error?: string;
  timeoutMs?: number;
  /** The router's ABORT reason/message. */
  reason?: string;
  message?: string | null;
  /** WAMP-CRA: what the router's CHALLENGE said about key derivation. */
  salted?: boolean;
  /** TOTP: seconds left in the code's window when it was sent. */
  secondsLeft?: number;
  loopback?: boolean;
  count?: number;
  /** Probes were run after joining. */
  probed?: boolean;
}

type Entry = Omit<Diagnosis, 'kind'>;

const quote = (v: string | null | undefined, fallback: string) => (v ? `"${v}"` : fallback);

const ENTRIES: Record<DiagnosisKind, (f: DiagnosisFacts) => Entry> = {
  ok: (f) => ({
    severity: 'ok',
    title: 'Connected and joined the realm',
    explanation: `The router welcomed the session on realm ${quote(f.realm, 'the realm')}${f.authid ? ` as "${f.authid}"` : ''}${f.authrole ? ` with role "${f.authrole}"` : ''}.`,
    hint: f.probed
      ? 'The connection needs no fix; the probe matrix shows what this role may do.'
      : 'Nothing to fix. Add call/register/publish/subscribe probes to check what this role may do.',
  }),
  invalid_url: (f) => ({
    severity: 'error',
    title: 'The URL is not a WebSocket URL',
    explanation: `${quote(f.url, 'The URL')} cannot be used: ${f.error ?? 'it must start with ws:// or wss://'}.`,
    hint: 'Use ws://host:port/path or wss://host:port/path, e.g. ws://127.0.0.1:8080/ws (Crossbar\'s default path is /ws).',
  }),
  connection_refused: (f) => ({
    severity: 'error',
    title: 'Connection refused',
    explanation: `Nothing accepts connections at ${f.host ?? 'that address'}: the router is not running, listens on another port or interface, or a firewall rejects the connection.`,
    hint: 'Check that the router is started and which port its WebSocket transport listens on (Crossbar: the "endpoint" of the transport in config.json).',
  }),
  dns_failure: (f) => ({
    severity: 'error',
    title: 'Host name not found',
    explanation: `The host name ${f.host ? `"${f.host}"` : ''} could not be resolved (${f.error ?? 'DNS lookup failed'}).`,
    hint: 'Check the spelling of the host, or use an IP address.',
  }),
  tls_failure: (f) => ({
    severity: 'error',
    title: 'TLS (wss://) connection failed',
    explanation: `The secure connection could not be set up: ${f.error ?? 'TLS error'}. Typical causes: a self-signed or expired certificate, a certificate for another host name, or a router that speaks plain ws:// on this port.`,
    hint: 'If the router has no TLS on this port, use ws://. Otherwise give it a certificate that matches the host name and is trusted by this machine.',
  }),
  http_error: (f) => ({
    severity: 'error',
    title: 'Not a WebSocket endpoint',
    explanation: `The server answered the WebSocket upgrade with ${f.error ?? 'an HTTP error'} instead of switching protocols, so this URL is not a WAMP WebSocket transport.`,
    hint: 'Check the path of the URL (Crossbar usually serves WAMP on /ws) and the port.',
  }),
  no_common_subprotocol: (f) => ({
    severity: 'error',
    title: 'No common WAMP serializer',
    explanation: `The tester offered ${f.offered?.join(', ') ?? 'its subprotocol'}, but the server ${f.subprotocol ? `picked "${f.subprotocol}"` : 'accepted none of them'}${f.error ? ` (${f.error})` : ''}. Either the router does not enable this serializer on this transport, or the endpoint is a WebSocket server that does not speak WAMP.`,
    hint: 'Try another serializer (json is the one every router supports), or enable the serializer in the router\'s transport config ("serializers": ["json", "msgpack", "cbor"]).',
  }),
  connect_timeout: (f) => ({
    severity: 'error',
    title: 'Connection timed out',
    explanation: `No WebSocket connection within ${f.timeoutMs ?? '?'} ms to ${f.host ?? 'the router'}: the TCP connection or the WebSocket upgrade got no answer. A firewall that drops packets, a wrong port on a busy host, or a server that is not a WebSocket server can cause this.`,
    hint: 'Check host, port and firewall; if the network is slow, raise the timeout.',
  }),
  handshake_timeout: (f) => ({
    severity: 'error',
    title: 'The router never answered',
    explanation: `The WebSocket connection was open, but ${f.error ?? 'the HELLO'} got no answer within ${f.timeoutMs ?? '?'} ms. The server accepted the connection but is not acting as a WAMP router on it (or is overloaded, or a dynamic authenticator hangs).`,
    hint: 'Check that this URL is the router\'s WAMP transport and look at the router\'s log; a dynamic authenticator that never returns also causes this.',
  }),
  connection_closed: (f) => ({
    severity: 'error',
    title: 'The router closed the connection',
    explanation: `The connection was closed ${f.error ? `(${f.error}) ` : ''}without a WAMP WELCOME or ABORT, so the router gave no reason.`,
    hint: 'Look at the router\'s log. Routers close silently on protocol errors, on an oversized message, or when the serializer is not accepted.',
  }),
  protocol_error: (f) => ({
    severity: 'error',
    title: 'The server broke the WAMP protocol',
    explanation: `The server sent something that is not valid WAMP at this point: ${f.error ?? 'an unexpected message'}.`,
    hint: 'This is a bug or an incompatibility in the router (or the URL points at something that is not a WAMP router).',
  }),
  no_such_realm: (f) => ({
    severity: 'error',
    title: 'Unknown realm',
    explanation: `The router has no realm ${quote(f.realm, '')} (or does not let this transport use it).`,
    hint: 'Check the realm name — it is case-sensitive. Crossbar lists its realms under "realms" of the router worker.',
  }),
  no_auth_method: (f) => ({
    severity: 'error',
    title: 'Authentication method not accepted',
    explanation: `The router does not accept authmethod ${quote(f.authmethod, '')} on this transport${f.message ? `: ${f.message}` : ''}.`,
    hint: 'Use an authmethod the transport enables (Crossbar: the "auth" section of the transport; anonymous only works if it is listed there).',
  }),
  no_such_principal: (f) => ({
    severity: 'error',
    title: 'Unknown authid',
    explanation: `The router has no user (principal) ${quote(f.authid, 'with that authid')} for this authmethod${f.message ? `: ${f.message}` : ''}.`,
    hint: 'Check the authid; in Crossbar static auth it is a key of "principals" (ticket) or "users" (wampcra).',
  }),
  ticket_rejected: (f) => ({
    severity: 'error',
    title: 'Wrong ticket',
    explanation: `The router rejected the ticket for ${quote(f.authid, 'this authid')}${f.message ? `: ${f.message}` : ''}.`,
    hint: 'Check the ticket (tickets are compared exactly, including case and spaces) and that it belongs to this authid.',
  }),
  cra_signature_invalid: (f) => ({
    severity: 'error',
    title: 'WAMP-CRA signature invalid',
    explanation: `The router did not accept the signature computed with this secret for ${quote(f.authid, 'this authid')}${f.salted ? '; the tester tried the secret both as the password and as the already-derived key, and neither matched' : ''}${f.message ? ` (${f.message})` : ''}.`,
    hint: f.salted
      ? 'The secret is wrong for this user, or the router\'s salt/iterations/keylen do not belong to it.'
      : 'The secret is wrong for this user. If the router stores a salted key, it must send salt, iterations and keylen in the CHALLENGE.',
  }),
  cra_key_is_derived: () => ({
    severity: 'warning',
    title: 'The secret works only as the derived key, not as the password',
    explanation:
      'The router\'s CHALLENGE carries a salt. Used as a password (PBKDF2 with that salt, iterations and keylen — what every standard client does) the secret was rejected; used directly as the HMAC key it was accepted. So this secret is the already-derived key — typically copied from a router config that stores the derived key (Crossbar before 2025, Authbahn) — and the router expects signatures keyed with it.',
    hint: 'Standard clients (Autobahn, …) always derive the key themselves when the CHALLENGE has a salt: give them the original password instead of this value.',
  }),
  totp_reused: (f) => ({
    severity: 'error',
    title: 'TOTP code already used',
    explanation: `The router refused a one-time code that was already used in this time window${f.message ? ` (${f.message})` : ''}. Routers that block replays accept each code once.`,
    hint: 'Wait for the next code (up to 30 s) and test again.',
  }),
  totp_expired: (f) => ({
    severity: 'error',
    title: 'TOTP code expired on the way',
    explanation: `The code was sent ${f.secondsLeft !== undefined ? `${f.secondsLeft.toFixed(1)} s ` : ''}before the end of its 30-second window and was rejected: it most likely expired before the router checked it, or the clocks of this machine and the router differ.`,
    hint: 'Test again with the next code; if it keeps failing, check both clocks (NTP).',
  }),
  totp_rejected: (f) => ({
    severity: 'error',
    title: 'TOTP code rejected',
    explanation: `The router rejected the current code for ${quote(f.authid, 'this authid')}${f.message ? `: ${f.message}` : ''}. Either the TOTP secret does not match the router's, the clocks differ by more than a time step, or the code was already used.`,
    hint: 'Compare the secret with the one the router has for this user and check both clocks (NTP).',
  }),
  cryptosign_rejected: (f) => ({
    severity: 'error',
    title: 'WAMP-Cryptosign key not accepted',
    explanation: `The router did not accept the Ed25519 signature for ${quote(f.authid, 'this authid')}${f.message ? `: ${f.message}` : ''}: the public key derived from this private key is not registered for the user, or the router checks a channel binding the tester does not use.`,
    hint: 'Compare the public key shown in the HELLO (authextra.pubkey) with the one the router has for this user (Crossbar: "authorized_keys" of the principal).',
  }),
  no_such_role: (f) => ({
    severity: 'error',
    title: 'Role does not exist',
    explanation: `The router authenticated the session but the role ${quote(f.authrole, '')} it resolved to is not defined on realm ${quote(f.realm, '')}${f.message ? ` (${f.message})` : ''}.`,
    hint: 'Define the role on the realm (Crossbar: "roles" of the realm) or change the authrole the user/authenticator maps to.',
  }),
  not_authorized: (f) => ({
    severity: 'error',
    title: 'Not authorized',
    explanation: `The router refused the session${f.message ? `: ${f.message}` : ''}.`,
    hint: 'Check the authid, the secret and whether this user may join the realm.',
  }),
  authentication_failed: (f) => ({
    severity: 'error',
    title: 'Authentication failed',
    explanation: `The router rejected the credentials${f.message ? `: ${f.message}` : ''}.`,
    hint: 'Check the authid and the secret.',
  }),
  aborted: (f) => ({
    severity: 'error',
    title: 'The router refused the session',
    explanation: `ABORT with reason "${f.reason ?? '?'}"${f.message ? `: ${f.message}` : ''}.`,
    hint: 'The reason URI comes from the router or its dynamic authenticator; see the router\'s documentation or log for it.',
  }),
  missing_secret: (f) => ({
    severity: 'error',
    title: 'No secret to authenticate with',
    explanation: `Authmethod ${quote(f.authmethod, '')} needs a secret, and none was given or stored for this profile${f.error ? ` (${f.error})` : ''}.`,
    hint: 'Enter the ticket/secret in the profile (it is kept in the OS keychain) or pass --secret/--ticket/--totp-secret.',
  }),
  ticket_over_plain_ws: (f) => ({
    severity: f.loopback ? 'info' : 'warning',
    title: f.loopback ? 'Ticket sent unencrypted (loopback only)' : 'Ticket sent unencrypted over the network',
    explanation: f.loopback
      ? 'The ticket travelled over plain ws:// to this machine only; nobody on the network could read it.'
      : `The ticket travelled as clear text over plain ws:// to ${f.host ?? 'a remote host'}: anyone on the network path can read and replay it.`,
    hint: f.loopback ? 'Use wss:// whenever the router is not on this machine.' : 'Use wss:// (TLS) for ticket and TOTP authentication, or WAMP-CRA, which never sends the secret.',
  }),
  probe_denied: (f) => ({
    severity: 'warning',
    title: `${f.count ?? 'Some'} probe${f.count === 1 ? '' : 's'} not allowed`,
    explanation: `The session joined, but ${f.count === 1 ? 'one action was' : 'some actions were'} refused or failed for role ${quote(f.authrole, 'this role')}; see the probe matrix.`,
    hint: 'Grant the role the missing permissions on the router (Crossbar: "permissions" of the role), or check the URIs.',
  }),
};

export function diagnose(kind: DiagnosisKind, facts: DiagnosisFacts = {}): Diagnosis {
  return { kind, ...ENTRIES[kind](facts) };
}
