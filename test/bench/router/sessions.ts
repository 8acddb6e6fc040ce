// Two bench phases about sessions rather than messages (issue 11):
// - memory per idle session: the router's RSS with 1000 and 5000 joined sessions that do nothing;
// - the cost of logging in: HELLO → WELCOME per second for ticket and WAMP-CRA (plain and PBKDF2-salted),
//   with a few logins in flight, as the clients of a restarted deployment would arrive.
import WebSocket from 'ws';
import { SERIALIZERS, type SerializerId } from '../../../shared/wamp/serializers';
import { deriveCraKey, signCraChallenge } from '../../../shared/wamp/cra';
import { BENCH_CRA_PASSWORD, BENCH_TICKET } from './bench-credentials';

type Login = { authmethod: 'anonymous' } | { authmethod: 'ticket'; authid: string; ticket: string } | { authmethod: 'wampcra'; authid: string; password: string };

const ROLES = { caller: {}, callee: {}, publisher: {}, subscriber: {} };

/** One WAMP session: resolves with its socket once WELCOMEd; rejects on ABORT or a socket error. */
function join(url: string, serializer: SerializerId, login: Login): Promise<WebSocket> {
  const s = SERIALIZERS[serializer];
  const ws = new WebSocket(url, [s.subprotocol], { perMessageDeflate: false });
  return new Promise((resolve, reject) => {
    ws.once('error', reject);
    ws.on('message', (data, isBinary) => {
      const m = s.decode(isBinary ? (data as Buffer) : (data as Buffer).toString()) as unknown[];
      if (m[0] === 2) resolve(ws);
      else if (m[0] === 3) reject(new Error(`ABORT ${String(m[2])}`));
      else if (m[0] === 4 && login.authmethod === 'ticket') ws.send(s.encode([5, login.ticket, {}]), { binary: s.binary });
      else if (m[0] === 4 && login.authmethod === 'wampcra') {
        const extra = m[2] as { challenge: string; salt?: string; iterations?: number; keylen?: number };
        const key = extra.salt ? deriveCraKey(login.password, extra.salt, extra.iterations, extra.keylen) : login.password;
        ws.send(s.encode([5, signCraChallenge(key, extra.challenge), {}]), { binary: s.binary });
      }
    });
    ws.once('open', () => {
      const details = login.authmethod === 'anonymous' ? { roles: ROLES } : { roles: ROLES, authmethods: [login.authmethod], authid: login.authid };
      ws.send(s.encode([1, 'bench', details]), { binary: s.binary });
    });
  });
}

async function closeAll(sockets: WebSocket[]): Promise<void> {
  await Promise.all(
    sockets.map(
      (ws) =>
        new Promise<void>((resolve) => {
          if (ws.readyState === WebSocket.CLOSED) return resolve();
          ws.once('close', () => resolve());
          ws.close();
        }),
    ),
  );
}

/** Joins `count` sessions, 50 at a time; gives up at the deadline. */
async function joinMany(url: string, serializer: SerializerId, count: number, deadline: number, into: WebSocket[]): Promise<void> {
  while (into.length < count && performance.now() < deadline) {
    const batch = Math.min(50, count - into.length);
    into.push(...(await Promise.all(Array.from({ length: batch }, () => join(url, serializer, { authmethod: 'anonymous' })))));
  }
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 1500));

export async function idleSessionMemory(url: string, serializer: SerializerId, rssMb: () => number, capMs: number): Promise<void> {
  const sockets: WebSocket[] = [];
  try {
    // Warm-up: the first thousand logins grow V8's young generation and the old-space reserve by ≈ 28 MB
    // (measured: 26 KB "per session" at 1,000 without it, 9 KB with it, the same 7–9 KB per extra session
    // beyond). That is a fixed cost of a router that has done some work, not of a session, so the
    // sessions are counted from a baseline taken after it.
    const warmUp: WebSocket[] = [];
    await joinMany(url, serializer, 1000, performance.now() + 60_000, warmUp);
    await closeAll(warmUp);
    await settle();
    const before = rssMb();
    // Joining 5000 sessions takes a while on a busy 2-core machine; the count, not the time, is the point.
    const deadline = performance.now() + Math.max(capMs, 90_000);
    let previous: { count: number; rss: number } | undefined;
    for (const target of [1000, 5000]) {
      await joinMany(url, serializer, target, deadline, sockets);
      await settle();
      const rss = rssMb();
      const perSession = ((rss - before) * 1024) / sockets.length;
      // The step from the last count shows the cost of one more session with every fixed cost paid.
      const marginal = previous ? `; ${(((rss - previous.rss) * 1024) / (sockets.length - previous.count)).toFixed(1)} KB each from ${previous.count.toLocaleString('en-US')} on` : '';
      console.log(
        `idle sessions: ${sockets.length.toLocaleString('en-US')} joined → router RSS ${rss.toFixed(0)} MB (from ${before.toFixed(0)} MB after a 1,000-login warm-up): ${perSession.toFixed(1)} KB per session${marginal} (target ≤ 20 KB)`,
      );
      previous = { count: sockets.length, rss };
      if (sockets.length < target) break;
    }
  } finally {
    await closeAll(sockets);
  }
}

export async function loginRate(url: string, serializer: SerializerId, capMs: number): Promise<void> {
  const logins: [string, Login][] = [
    ['anonymous', { authmethod: 'anonymous' }],
    ['ticket', { authmethod: 'ticket', authid: 'bench-ticket', ticket: BENCH_TICKET }],
    ['WAMP-CRA', { authmethod: 'wampcra', authid: 'bench-cra', password: BENCH_CRA_PASSWORD }],
    ['WAMP-CRA, PBKDF2 salt (1000 iterations)', { authmethod: 'wampcra', authid: 'bench-cra-salted', password: BENCH_CRA_PASSWORD }],
  ];
  const inFlight = 8;
  const phaseMs = Math.min(capMs, 4000);
  for (const [name, login] of logins) {
    let done = 0;
    const started = performance.now();
    const worker = async () => {
      while (performance.now() - started < phaseMs) {
        const ws = await join(url, serializer, login);
        done++;
        await closeAll([ws]);
      }
    };
    await Promise.all(Array.from({ length: inFlight }, worker));
    const secs = (performance.now() - started) / 1000;
    console.log(`logins, ${name}: ${Math.round(done / secs).toLocaleString('en-US')} HELLO → WELCOME per second (${inFlight} in flight, connect and close included)`);
  }
}
