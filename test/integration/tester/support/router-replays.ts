// Endpoints that replay, byte for byte or frame for frame, what Crossbar 22.6.1, Nexus 3.2.2 and Go's
// TLS server answered when the tester was run against them (issue 9). Each one is a real server on
// 127.0.0.1 port 0; the tests check the diagnosis the tester gives for that answer.
import { MSG } from '../../../../shared/wamp/codes';
import { signCraChallenge } from '../../../../shared/wamp/cra';
import { closeDuringUpgradeServer, rawHttpServer, scriptedRouter, silentTcpServer, type Frame, type Running } from './servers';

const abort = (details: Record<string, unknown>, reason: string): Frame => [MSG.ABORT, details, reason];

/** Crossbar, ticket or wampcra for an authid it does not know: ABORT right after HELLO. */
export function crossbarUnknownAuthid(): Promise<Running> {
  return scriptedRouter({
    hello: (details) => [abort({ message: `no principal with authid "${String(details['authid'])}" exists` }, 'wamp.error.not_authorized')],
  });
}

/** Crossbar, a principal whose role the realm does not define: ABORT right after HELLO. */
export function crossbarNoSuchRole(): Promise<Running> {
  return scriptedRouter({ hello: () => [abort({ message: 'realm "realm1" has no role "nosuchrole"' }, 'wamp.error.no_such_role')] });
}

/** Nexus, an authmethod it has no authenticator for (e.g. anonymous when anonymous_auth is off). Nexus puts the text in "error". */
export function nexusNoAuthenticator(): Promise<Running> {
  return scriptedRouter({ hello: () => [abort({ error: 'could not authenticate with any method' }, 'wamp.error.authentication_failed')] });
}

/** Nexus ticket: an unknown user gets the same CHALLENGE and the same refusal as a wrong ticket. */
export function nexusTicket(users: Record<string, string>): Promise<Running> {
  let authid = '';
  return scriptedRouter({
    hello: (details) => {
      authid = String(details['authid'] ?? '');
      return [[MSG.CHALLENGE, 'ticket', {}]];
    },
    authenticate: (ticket) =>
      users[authid] !== undefined && users[authid] === ticket
        ? [[MSG.WELCOME, 5001, { authid, authrole: 'user', authmethod: 'ticket', authprovider: 'static', roles: { broker: {}, dealer: {} } }]]
        : [abort({ error: 'invalid ticket' }, 'wamp.error.authentication_failed')],
  });
}

/** Nexus wampcra: an unknown user gets a normal-looking CHALLENGE (role "user", random key) and "invalid signature". */
export function nexusWampcra(users: Record<string, string>): Promise<Running> {
  let authid = '';
  let challenge = '';
  return scriptedRouter({
    hello: (details) => {
      authid = String(details['authid'] ?? '');
      challenge = `{ "nonce":"q2Vr5lQyWm1mQ0aW3hXp9w==", "authprovider":"static", "authid":"${authid}", "timestamp":"2026-01-01T00:00:00Z", "authrole":"user", "authmethod":"wampcra", "session":7170474302504612 }`;
      return [[MSG.CHALLENGE, 'wampcra', { challenge }]];
    },
    authenticate: (signature) =>
      users[authid] !== undefined && signature === signCraChallenge(users[authid]!, challenge)
        ? [[MSG.WELCOME, 5002, { authid, authrole: 'user', authmethod: 'wampcra', authprovider: 'static', roles: { broker: {}, dealer: {} } }]]
        : [abort({ error: 'invalid signature' }, 'wamp.error.authentication_failed')],
  });
}

/** Crossbar refusing the upgrade for a subprotocol it does not speak: the reason is in the status line, no body. */
export function crossbarSubprotocolRefusal(): Promise<Running> {
  return rawHttpServer('HTTP/1.1 400 This server only speaks WebSocket subprotocols wamp.2.json.batched, wamp.2.json\r\n\r\n');
}

/** Crossbar's plain ws:// port seen through wss://: TCP is accepted, the TLS ClientHello gets no answer. */
export async function plainPortSilentOnTls(): Promise<Running> {
  const server = await silentTcpServer();
  return { ...server, url: server.url.replace(/^ws:/, 'wss:') };
}

/** Go's net/http TLS server answering a plain HTTP request (ws:// to its TLS port), then closing. */
export function goTlsPortAnsweringHttp(): Promise<Running> {
  return rawHttpServer('HTTP/1.0 400 Bad Request\r\n\r\nClient sent an HTTP request to an HTTPS server.\n');
}

/** A server that reads the upgrade request and hangs up without answering. */
export function closesDuringUpgrade(): Promise<Running> {
  return closeDuringUpgradeServer();
}

/** A web server's HTML error page (the kind a reverse proxy shows for a wrong path). */
export const HTML_404 = `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>404 Not Found</title>
<style>body { font-family: sans-serif; margin: 4em; } h1 { color: #c00; }</style>
<script>window.dataLayer = window.dataLayer || [];</script></head>
<body>
  <h1>Not&nbsp;Found</h1>
  <p>The requested URL /wamp was not found on this server. Additionally, a 404 Not Found error was encountered while trying to use an ErrorDocument to handle the request, and the administrator has been notified &amp; will look into it soon.</p>
  <hr><address>Apache/2.4.62 (Debian) Server at 127.0.0.1 Port 8080</address>
</body></html>`;

export function htmlErrorPage(): Promise<Running> {
  const body = HTML_404;
  return rawHttpServer(`HTTP/1.1 404 Not Found\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
}

/** A wampcra user with an unsalted secret: the CHALLENGE carries no salt, and the router signs with the secret itself. */
export function unsaltedCraUser(authid: string, secret: string): Promise<Running> {
  const challenge = `{"authid":"${authid}","authrole":"user","authmethod":"wampcra","authprovider":"static","nonce":"bm9uY2U=","timestamp":"2026-01-01T00:00:00.000Z","session":11}`;
  return scriptedRouter({
    hello: () => [[MSG.CHALLENGE, 'wampcra', { challenge }]],
    authenticate: (signature) =>
      signature === signCraChallenge(secret, challenge)
        ? [[MSG.WELCOME, 11, { authid, authrole: 'user', authmethod: 'wampcra', authprovider: 'static', roles: { broker: {}, dealer: {} } }]]
        : [abort({ message: 'WAMP-CRA signature is invalid' }, 'wamp.error.not_authorized')],
  });
}

/**
 * A router that ignores the requested authrole (welcomes as "frontend") and lets that role subscribe
 * only below com.example. — for the role note and the probe verdict.
 */
export function frontendOnlyRouter(): Promise<Running> {
  return scriptedRouter({
    hello: () => [[MSG.WELCOME, 12, { authid: 'anon-1', authrole: 'frontend', authmethod: 'anonymous', authprovider: 'static', roles: { broker: {}, dealer: {} } }]],
    request: (message) => {
      const [code, request] = message;
      if (code === MSG.SUBSCRIBE) {
        const topic = String(message[3]);
        return topic.startsWith('com.example.')
          ? [[MSG.SUBSCRIBED, request, 900]]
          : [[MSG.ERROR, MSG.SUBSCRIBE, request, {}, 'wamp.error.not_authorized']];
      }
      if (code === MSG.UNSUBSCRIBE) return [[MSG.UNSUBSCRIBED, request]];
      if (code === MSG.CALL) return [[MSG.ERROR, MSG.CALL, request, {}, 'wamp.error.not_authorized']];
      return [];
    },
  });
}
