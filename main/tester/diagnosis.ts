// Failure kinds → plain words. Each entry answers: what happened, why it usually happens, what to try.
// The run engine only decides the kind (and passes a few facts); all wording lives here so the CLI,
// the UI and the reports say the same thing.
import type { Diagnosis, DiagnosisKind } from '../../shared/api/tester-contract';
import { SUBPROTOCOL_OF } from '../../shared/wamp/json-serializer';
import type { ConnectPhase } from './open-failure';
import type { TlsProblem } from './tls-trust';

/** Facts that make an explanation concrete. All optional; only the relevant ones are used. */
export interface DiagnosisFacts {
  url?: string;
  /** host:port of the URL. */
  host?: string;
  /** The host name alone (what DNS looks up). */
  hostname?: string;
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
  /** WAMP-CRA: key derivation was involved (salt from the CHALLENGE or from the profile). */
  salted?: boolean;
  /** WAMP-CRA: where salt/iterations/keylen came from. */
  saltSource?: 'challenge' | 'profile' | null;
  /** How far the opening got (connect timeout, close during the upgrade). */
  phase?: ConnectPhase;
  /** tls_failure: the port behaves like a plain ws:// port. */
  plainPort?: boolean;
  /** tls_failure, tls_insecure: which certificate check failed. */
  tlsProblem?: TlsProblem;
  /** WebSocket (default) or RawSocket: words like "upgrade request" vs "RawSocket handshake". */
  transport?: 'websocket' | 'rawsocket';
  /** HTTP answer to the upgrade: "HTTP 404 Not Found" and a cleaned one-line excerpt of the page. */
  httpStatus?: string;
  excerpt?: string | null;
  /** Subprotocols the server says it speaks. */
  serverProtocols?: string[] | null;
  /** The ABORT came after the tester answered a CHALLENGE (false: right after HELLO). */
  authenticated?: boolean;
  /** The authrole asked for in HELLO. */
  requestedRole?: string | null;
  /** Probes that were not allowed, as "call com.example.x (denied)". */
  denied?: string[];
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
    title: 'The URL is not a router URL',
    explanation: `${quote(f.url, 'The URL')} cannot be used: ${f.error ?? 'it must start with ws://, wss://, rs://, rss:// or unix:'}.`,
    hint: 'Use ws://host:port/path or wss://host:port/path for WebSocket, e.g. ws://127.0.0.1:8080/ws (Crossbar\'s default path is /ws); rs://host:port or rss://host:port for RawSocket; unix:/path/to/socket for RawSocket on a Unix socket.',
  }),
  connection_refused: (f) =>
    f.url?.startsWith('unix:')
      ? {
          severity: 'error',
          title: 'Unix socket not reachable',
          explanation: `Nothing accepts connections on the Unix socket ${f.host ?? ''}${f.error ? ` (${f.error})` : ''}: the router is not running, uses another path, or this user may not open the socket.`,
          hint: 'Check the "path" of the transport\'s endpoint ({"type": "unix", "path": …}) and that the router runs; the socket file belongs to the user that started the router.',
        }
      : {
          severity: 'error',
          title: 'Connection refused',
          explanation: `Nothing accepts connections at ${f.host ?? 'that address'}: the router is not running, listens on another port or interface, or a firewall rejects the connection.`,
          hint: `Check that the router is started and which port its ${f.transport === 'rawsocket' ? 'RawSocket' : 'WebSocket'} transport listens on (Crossbar: the "endpoint" of the transport in config.json).`,
        },
  dns_failure: (f) => ({
    severity: 'error',
    title: 'Host name not found',
    explanation: `The host name${f.hostname || f.host ? ` "${f.hostname || f.host}"` : ''} could not be resolved (${f.error ?? 'DNS lookup failed'}).`,
    hint: 'Check the spelling of the host, or use an IP address.',
  }),
  tls_failure: (f) =>
    f.tlsProblem
      ? tlsCertificateEntry(f, f.tlsProblem)
      : f.plainPort
      ? {
          severity: 'error',
          title: 'TLS handshake failed: the port speaks plain ws://',
          // No stock list of certificate causes here: the port never spoke TLS, so certificates are not the question.
          explanation: `The secure connection to ${f.host ?? 'the router'} could not be set up: ${f.error ?? 'the server did not answer in TLS'}.`,
          hint:
            f.transport === 'rawsocket'
              ? `Use rs:// instead of rss:// for this port${f.url ? ` (${f.url.replace(/^rss:/i, 'rs:')})` : ''}, or the port where the router terminates TLS.`
              : `Use ws:// instead of wss:// for this port${f.url ? ` (${f.url.replace(/^wss:/i, 'ws:')})` : ''}, or the port where the router (or a proxy in front of it) terminates TLS.`,
        }
      : {
          severity: 'error',
          title: 'TLS (wss://) connection failed',
          explanation: `The secure connection could not be set up: ${f.error ?? 'TLS error'}. Typical causes: a self-signed or expired certificate, a certificate for another host name, or a router that speaks plain ${f.transport === 'rawsocket' ? 'rs://' : 'ws://'} on this port.`,
          hint: `If the router has no TLS on this port, use ${f.transport === 'rawsocket' ? 'rs://' : 'ws://'}. Otherwise give it a certificate that matches the host name and is trusted by this machine, or tell the tester whom to trust: --ca FILE (the router's certificate or its CA) or --pin SHA256.`,
        },
  not_rawsocket: (f) => ({
    severity: 'error',
    title: 'Not a RawSocket transport',
    explanation: `${f.host ?? 'The server'} accepted the connection but did not answer the RawSocket handshake: ${f.error ?? 'its answer did not start with 0x7f'}.`,
    hint: /HTTP/.test(f.error ?? '')
      ? `This port speaks HTTP/WebSocket: test it with ${f.url?.startsWith('rss:') ? 'wss://' : 'ws://'}${f.host ?? 'host:port'}/ws (Crossbar's path is usually /ws), or use the port of the router's "rawsocket" (or "universal") transport.`
      : 'Check the port: it belongs to a service that is not a WAMP RawSocket transport.',
  }),
  rawsocket_serializer_refused: (f) => {
    const serializer = f.subprotocol ?? f.offered?.[0] ?? 'this serializer';
    return {
      severity: 'error',
      title: 'RawSocket serializer not accepted',
      explanation: `The router refused the RawSocket handshake with error 1, "serializer unsupported": this transport does not speak ${serializer.replace(/^wamp\.2\./, '')}.`,
      hint: 'Test with another serializer (--serializer json, msgpack or cbor), or add it to the transport\'s "serializers" in the router config ("serializers": ["json", "msgpack", "cbor"]).',
    };
  },
  rawsocket_refused: (f) => ({
    severity: 'error',
    title: 'RawSocket handshake refused',
    explanation: `${f.error ?? 'The router refused the RawSocket handshake'}.`,
    hint: /connection count/.test(f.error ?? '')
      ? 'The router has as many connections as it allows: close some, or raise its limit.'
      : 'The router does not accept this handshake (error 2: the maximum message length, error 3: reserved bits, i.e. a feature it does not know). Check that client and router speak the same RawSocket version.',
  }),
  tls_insecure: (f) => ({
    severity: 'warning',
    title: 'TLS certificate not verified (--insecure)',
    explanation: `The router's certificate would have been rejected (${f.tlsProblem ? tlsProblemWords(f.tlsProblem, f) : 'it failed verification'}), and --insecure accepted it anyway: this run would not have noticed a machine in the middle reading or changing the connection.`,
    hint: `Trust exactly this certificate instead: --pin ${f.tlsProblem?.fingerprint ?? 'SHA256'}, or --ca with the router's certificate (or its CA) file.`,
  }),
  tls_required: (f) => ({
    severity: 'error',
    title: 'This port expects TLS (wss://)',
    explanation: `The server answered the plain-HTTP upgrade request with ${f.httpStatus ?? 'an HTTP error'}${f.excerpt ? ` ("${f.excerpt}")` : ''}: it speaks HTTPS/TLS on this port, so the tester must connect with wss://.`,
    hint: `Use wss:// instead of ws://${f.url ? ` (${f.url.replace(/^ws:/i, 'wss:')})` : ''}.`,
  }),
  http_error: (f) => ({
    severity: 'error',
    title: 'Not a WebSocket endpoint',
    explanation: `The server answered the WebSocket upgrade with ${f.httpStatus ?? f.error ?? 'an HTTP error'}${f.excerpt ? ` ("${f.excerpt}")` : ''} instead of switching protocols, so this URL is not a WAMP WebSocket transport.`,
    hint: 'Check the path of the URL (Crossbar usually serves WAMP on /ws) and the port.',
  }),
  no_common_subprotocol: (f) => {
    const offered = f.offered?.join(', ') ?? 'its subprotocol';
    const usable = (f.serverProtocols ?? []).flatMap((p) => Object.entries(SUBPROTOCOL_OF).filter(([, subprotocol]) => subprotocol === p).map(([name]) => name));
    return {
      severity: 'error',
      title: 'No common WAMP serializer',
      explanation: f.serverProtocols?.length
        ? `The server speaks ${f.serverProtocols.join(', ')}; the tester offered ${offered}, which is not among them${f.httpStatus ? ` (it refused the upgrade with ${/^HTTP \S+/.exec(f.httpStatus)?.[0] ?? f.httpStatus})` : ''}.`
        : `The tester offered ${offered}, but the server ${f.subprotocol ? `picked "${f.subprotocol}"` : 'accepted none of them'}${f.error ? ` (${f.error})` : ''}. Either the router does not enable this serializer on this transport, or the endpoint is a WebSocket server that does not speak WAMP.`,
      hint:
        usable.length > 0
          ? `Test with serializer ${usable.map((u) => `"${u}"`).join(' or ')}, or enable this serializer in the router's transport config ("serializers": ["json", "msgpack", "cbor"]).`
          : 'Try another serializer (json is the one every router supports), or enable the serializer in the router\'s transport config ("serializers": ["json", "msgpack", "cbor"]).',
    };
  },
  connect_timeout: (f) => ({
    severity: 'error',
    title: 'Connection timed out',
    explanation:
      f.phase === 'upgrade_sent'
        ? f.transport === 'rawsocket'
          ? `The connection to ${f.host ?? 'the router'} was accepted, but the RawSocket handshake got no answer within ${f.timeoutMs ?? '?'} ms: the server on this port is not a WAMP RawSocket transport (or is stuck).`
          : `The TCP connection to ${f.host ?? 'the router'} was accepted, but the WebSocket upgrade request got no answer within ${f.timeoutMs ?? '?'} ms: the server on this port is not a WebSocket server (or is stuck).`
        : `No answer within ${f.timeoutMs ?? '?'} ms from ${f.host ?? 'the router'}: ${f.phase === 'connecting' ? 'the TCP connection itself got no answer' : 'the TCP connection or the WebSocket upgrade got no answer'}. A firewall that drops packets, a wrong address or port, or a host that is down can cause this.`,
    hint: f.phase === 'upgrade_sent' ? 'Check the port and path of the URL (a different service may listen there).' : 'Check host, port and firewall; if the network is slow, raise the timeout.',
  }),
  closed_during_upgrade: (f) =>
    f.transport === 'rawsocket'
      ? {
          severity: 'error',
          title: 'Connection closed during the RawSocket handshake',
          explanation: `${f.host ?? 'The server'} accepted the connection but closed it without answering the RawSocket handshake${f.error ? ` (${f.error})` : ''}: it is not a RawSocket transport, or it speaks only TLS on this port.`,
          hint: f.url?.startsWith('rs:') ? `If the port expects TLS, use rss:// (${f.url.replace(/^rs:/i, 'rss:')}); otherwise check the port.` : 'Check the port (or socket path) of the URL.',
        }
      : {
          severity: 'error',
          title: 'Connection closed during the WebSocket upgrade',
          explanation: `${f.host ?? 'The server'} accepted the TCP connection but closed it without answering the WebSocket upgrade request${f.error ? ` (${f.error})` : ''}: it is not a WebSocket server, or it speaks only TLS on this port.`,
          hint: f.url?.startsWith('ws:') ? `If the port expects TLS, use wss:// (${f.url.replace(/^ws:/i, 'wss:')}); otherwise check the port.` : 'Check the port and path of the URL.',
        },
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
    explanation: `The router does not accept authmethod ${quote(f.authmethod, '')} here${f.authenticated === false ? ' — it refused right after HELLO, before any CHALLENGE, so no secret was checked' : ''}${f.message ? ` (router: ${f.message})` : ''}.`,
    hint: 'Use an authmethod the router enables for this transport and realm (Crossbar: the "auth" section of the transport; Nexus: the realm\'s "anonymous_auth" and authenticators). Anonymous only works where it is listed.',
  }),
  no_such_principal: (f) => ({
    severity: 'error',
    title: 'Unknown authid',
    explanation: `The router has no user (principal) ${quote(f.authid, 'with that authid')} for this authmethod${f.authenticated === false ? '; it said so right after HELLO, before any CHALLENGE' : ''}${f.message ? ` (router: ${f.message})` : ''}.`,
    hint: 'Check the authid; in Crossbar static auth it is a key of "principals" (ticket) or "users" (wampcra).',
  }),
  ticket_rejected: (f) => ({
    severity: 'error',
    title: 'Wrong ticket',
    explanation: `The router rejected the ticket for ${quote(f.authid, 'this authid')}${f.message ? ` (router: ${f.message})` : ''}. ${UNKNOWN_AUTHID_TOO}`,
    hint: 'Check the ticket (tickets are compared exactly, including case and spaces), that it belongs to this authid, and that the router has this authid at all.',
  }),
  cra_signature_invalid: (f) => ({
    severity: 'error',
    title: 'WAMP-CRA signature invalid',
    explanation: `The router did not accept the signature computed with this secret for ${quote(f.authid, 'this authid')}${
      f.salted
        ? f.saltSource === 'profile'
          ? '; the tester tried the key derived with the profile\'s salt options and the secret itself, and neither matched'
          : '; the tester tried the secret both as the password and as the already-derived key, and neither matched'
        : ''
    }${f.message ? ` (router: ${f.message})` : ''}. ${UNKNOWN_AUTHID_TOO}`,
    hint: f.salted
      ? f.saltSource === 'profile'
        ? 'The secret is wrong for this user (or the authid is unknown), or the profile\'s salt/iterations/keylen do not belong to it.'
        : 'The secret is wrong for this user (or the authid is unknown), or the router\'s salt/iterations/keylen do not belong to it.'
      : 'The secret is wrong for this user, or the router does not know this authid. If the router stores a salted key, it must send salt, iterations and keylen in the CHALLENGE.',
  }),
  cra_key_is_derived: () => ({
    severity: 'warning',
    title: 'The secret works only as the derived key, not as the password',
    explanation:
      'The router\'s CHALLENGE carries a salt. Used as a password (PBKDF2 with that salt, iterations and keylen — what every standard client does) the secret was rejected; used directly as the HMAC key it was accepted. So this secret is the already-derived key — typically copied from a router config that stores the derived key (Crossbar before 2025, Authbahn) — and the router expects signatures keyed with it.',
    hint: 'Standard clients (Autobahn, …) always derive the key themselves when the CHALLENGE has a salt: give them the original password instead of this value.',
  }),
  cra_salt_options_unused: (f) =>
    f.saltSource === 'challenge'
      ? {
          severity: 'info',
          title: 'The profile\'s salt options were not used',
          explanation: 'The router\'s CHALLENGE carries its own salt, iterations and keylen; the tester derived the key with those, as every client does. The profile\'s salt options only apply when the CHALLENGE carries no salt.',
          hint: 'Remove the salt options from the profile (or the --salt/--iterations/--keylen flags): they change nothing for this router.',
        }
      : {
          severity: 'info',
          title: 'The salt options do not apply to this user',
          explanation: `The CHALLENGE for ${quote(f.authid, 'this user')} carries no salt, and the router rejected the key derived with the profile's salt options but accepted the secret itself: this user has an unsalted WAMP-CRA secret.`,
          hint: 'Remove the salt options from the profile (or the --salt/--iterations/--keylen flags) for this user.',
        },
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
    explanation: `The router did not accept the Ed25519 key or its signature for ${quote(f.authid, 'this authid')}${f.message ? `: ${f.message}` : ''}: the public key derived from this private key is not registered for the user, or the router checks a channel binding the tester does not use.`,
    hint: 'Compare the public key shown in the HELLO (authextra.pubkey) with the one the router has for this user (Crossbar: "authorized_keys" of the principal).',
  }),
  no_such_role: (f) => {
    const role = f.authrole ? `role "${f.authrole}"` : 'the role the session would get';
    const realm = quote(f.realm, 'this realm');
    return {
      severity: 'error',
      title: f.authrole ? `Role "${f.authrole}" does not exist` : 'Role does not exist',
      // Say only what the trace shows: a refusal right after HELLO is not an authenticated session.
      explanation: `${
        f.authenticated
          ? `The router accepted the credentials, but ${role} is not defined on realm ${realm}`
          : `The router refused the session right after HELLO, before any authentication step: ${role} is not defined on realm ${realm}`
      }${f.message ? ` (router: ${f.message})` : ''}.`,
      hint: `Define the role on the realm (Crossbar: "roles" of the realm), or change the authrole the user/authenticator maps to${f.requestedRole ? ` (or the one requested in HELLO: "${f.requestedRole}")` : ''}.`,
    };
  },
  not_authorized: (f) => ({
    severity: 'error',
    title: 'Not authorized',
    explanation: `The router refused the session${f.message ? `: ${f.message}` : ''}.`,
    hint: 'Check the authid, the secret and whether this user may join the realm.',
  }),
  authentication_failed: (f) => ({
    severity: 'error',
    title: 'Authentication failed',
    explanation: `The router rejected the credentials${f.authenticated === false ? ' right after HELLO, before any CHALLENGE' : ''}${f.message ? ` (router: ${f.message})` : ''}.`,
    hint: 'Check the authid and the secret, and that the router offers this authmethod for this user.',
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
      ? `The ticket travelled over plain ${f.url?.startsWith('unix:') ? 'RawSocket on a Unix socket' : f.transport === 'rawsocket' ? 'rs://' : 'ws://'} to this machine only; nobody on the network could read it.`
      : `The ticket travelled as clear text over plain ${f.transport === 'rawsocket' ? 'rs://' : 'ws://'} to ${f.host ?? 'a remote host'}: anyone on the network path can read and replay it.`,
    hint: f.loopback
      ? `Use ${f.transport === 'rawsocket' ? 'rss://' : 'wss://'} whenever the router is not on this machine.`
      : `Use ${f.transport === 'rawsocket' ? 'rss://' : 'wss://'} (TLS) for ticket and TOTP authentication, or WAMP-CRA, which never sends the secret.`,
  }),
  probe_denied: (f) => {
    const count = f.denied?.length ?? f.count;
    const listed = f.denied ? `: ${f.denied.slice(0, 3).join(', ')}${f.denied.length > 3 ? ` and ${f.denied.length - 3} more` : ''}` : '';
    return {
      // The run failed its expectation (exit code 1): every probe should be allowed.
      severity: 'error',
      title: `${count ?? 'Some'} probe${count === 1 ? '' : 's'} not allowed${listed}`,
      explanation: `The session joined realm ${quote(f.realm, 'the realm')}${f.authid ? ` as "${f.authid}"` : ''}, but ${count === 1 ? 'one action was' : 'some actions were'} refused or failed for role ${quote(f.authrole, 'this role')}; see the probe matrix.`,
      hint: 'Grant the role the missing permissions on the router (Crossbar: "permissions" of the role), or check the URIs.',
    };
  },
  authrole_differs: (f) => ({
    severity: 'info',
    title: `Requested role "${f.requestedRole ?? '?'}", welcomed as "${f.authrole ?? '?'}"`,
    explanation: `The HELLO asked for authrole ${quote(f.requestedRole, '')} (a Crossbar extension), but the router welcomed the session with role ${quote(f.authrole, 'another role')}. Routers that ignore the requested role, or map this user to a fixed role, do this.`,
    hint: 'If the session needs the requested role, assign it to this user on the router; otherwise drop the authrole from the profile.',
  }),
};

/** What was wrong with the certificate, in words. */
function tlsProblemWords(p: TlsProblem, f: DiagnosisFacts): string {
  switch (p.kind) {
    case 'self_signed':
      return 'it is self-signed, and this machine does not trust it';
    case 'untrusted':
      return 'it is not issued by a certificate authority this machine trusts';
    case 'wrong_host':
      return `it is for ${p.names ?? 'other names'}, not for ${f.hostname ?? 'this host'}`;
    case 'expired':
      return `it expired${p.validTo ? ` on ${p.validTo}` : ''}`;
    case 'not_yet_valid':
      return `it is not valid yet${p.validFrom ? ` (from ${p.validFrom})` : ''}`;
    case 'pin_mismatch':
      return 'its SHA-256 fingerprint is not the pinned one';
    default:
      return p.code ?? 'it failed verification';
  }
}

/** tls_failure when the handshake worked and the certificate was not accepted: say which option would help. */
function tlsCertificateEntry(f: DiagnosisFacts, p: TlsProblem): Entry {
  const sha = p.fingerprint ? ` (SHA-256 ${p.fingerprint})` : '';
  const pin = `--pin ${p.fingerprint ?? 'SHA256'}`;
  const explanation = `The TLS handshake with ${f.host ?? 'the router'} worked, but its certificate${sha} was not accepted: ${tlsProblemWords(p, f)}. Nothing was sent over this connection.`;
  switch (p.kind) {
    case 'self_signed':
      return {
        severity: 'error',
        title: 'Untrusted certificate: self-signed',
        explanation,
        hint: `If this is your router's certificate (e.g. made by \`authbahn router cert\`, which prints its fingerprint), trust exactly it: --ca with its cert.pem, or ${pin} after comparing the fingerprint with the router's. --insecure also connects, but protects against nothing.`,
      };
    case 'untrusted':
      return {
        severity: 'error',
        title: 'Untrusted certificate: unknown certificate authority',
        explanation,
        hint: `Give the tester the CA certificate that issued it: --ca CA-FILE (PEM); or pin this one certificate: ${pin}. If the router sends no intermediate certificates, add them to its "chain_certificates".`,
      };
    case 'wrong_host':
      return {
        severity: 'error',
        title: 'Certificate for another host name',
        explanation,
        hint: `Connect with a name the certificate lists${p.names ? ` (${p.names})` : ''}, or give the router a certificate for ${f.hostname ?? 'this host'} (\`authbahn router cert\` makes one for localhost, 127.0.0.1 and ::1); ${pin} accepts this certificate whatever name it carries. --ca does not help here: it changes whom to trust, not which names.`,
      };
    case 'expired':
    case 'not_yet_valid':
      return {
        severity: 'error',
        title: p.kind === 'expired' ? 'Certificate expired' : 'Certificate not valid yet',
        explanation,
        hint: `Renew the router's certificate (\`authbahn router cert\` makes a new self-signed one) and check the clocks of both machines; ${pin} accepts this very certificate regardless of its dates.`,
      };
    case 'pin_mismatch':
      return {
        severity: 'error',
        title: 'Certificate does not match the pin',
        explanation: `The router presented a certificate${sha}, but the tester was told to accept only the one with the pinned SHA-256. Either the router has a new certificate, or something between the tester and the router answers in its place.`,
        hint: 'Compare with the fingerprint the router\'s owner has (`authbahn router cert` prints it; the app\'s Router screen shows it); only if the router really got a new certificate, pin the new fingerprint.',
      };
    default:
      return {
        severity: 'error',
        title: 'TLS certificate not accepted',
        explanation,
        hint: `Check the router's certificate; --ca FILE trusts its CA, ${pin} exactly this certificate.`,
      };
  }
}

/** Routers such as Nexus answer an unknown authid exactly like a wrong secret (so as not to reveal which authids exist). */
const UNKNOWN_AUTHID_TOO = 'Some routers (Nexus, for one) answer an unknown authid exactly like a wrong secret, so the authid may also be unknown to the router.';

export function diagnose(kind: DiagnosisKind, facts: DiagnosisFacts = {}): Diagnosis {
  return { kind, ...ENTRIES[kind](facts) };
}
