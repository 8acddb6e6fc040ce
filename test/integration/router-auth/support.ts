// Real router from a Crossbar-style config (parse → build → Router on 127.0.0.1:0) and real clients:
// AutobahnJS in-process and Autobahn|Python (/usr/bin/python3) as a child process.
import autobahn from 'autobahn';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import type { AuthEvent } from '../../../main/router/auth/transport-authenticator';
import type { SecretResolver } from '../../../main/router/auth/secret-refs';
import { buildRouterOptions, type BuiltRouter } from '../../../main/router/config/build-router';
import { parseRouterConfig } from '../../../main/router/config/parse-config';
import { Router } from '../../../main/router/router';

export type Serializer = 'json' | 'msgpack' | 'cbor';

export interface RunningRouter {
  router: Router;
  built: BuiltRouter;
  url: string;
  events: AuthEvent[];
  stop(): Promise<void>;
}

export async function startRouter(config: unknown, deps: { now?: () => number; secrets?: SecretResolver } = {}): Promise<RunningRouter> {
  const events: AuthEvent[] = [];
  const built = buildRouterOptions(parseRouterConfig(config), { ...deps, onAuthEvent: (e) => events.push(e) });
  const router = new Router({ ...built.options, shutdownGraceMs: 300 });
  built.attach(router);
  const bound = await router.start();
  return { router, built, url: bound[0]!.url, events, stop: () => router.stop() };
}

/** A config with realm1 and the given auth on one websocket transport on port 0. */
export function routerConfig(auth: unknown, roles: unknown[], extra: { workerOptions?: Record<string, unknown> } = {}) {
  return {
    version: 2,
    workers: [
      {
        type: 'router',
        ...(extra.workerOptions ? { options: extra.workerOptions } : {}),
        realms: [{ name: 'realm1', roles }],
        transports: [{ type: 'web', id: 'main', endpoint: { type: 'tcp', port: 0 }, paths: { ws: { type: 'websocket', auth } } }],
      },
    ],
  };
}

export interface JoinResult {
  joined: boolean;
  authid?: string;
  authrole?: string;
  authmethod?: string;
  authprovider?: string;
  reason?: string;
  message?: string;
  session?: autobahn.Session;
  connection?: autobahn.Connection;
}

type CraApi = { sign(key: string, challenge: string): string; derive_key(secret: string, salt: string, iterations?: number, keylen?: number): string };
const authCra = (autobahn as unknown as { auth_cra: CraApi }).auth_cra;

function serializerFor(kind: Serializer): unknown {
  const s = autobahn.serializer as unknown as Record<string, new () => unknown>;
  if (kind === 'msgpack') return new s.MsgpackSerializer!();
  if (kind === 'cbor') return new s.CBORSerializer!();
  return new s.JSONSerializer!();
}

export interface JsLogin {
  url: string;
  realm?: string;
  authmethods?: string[];
  authid?: string;
  secret?: string;
  serializer?: Serializer;
}

/** AutobahnJS login: the onchallenge answers with the ticket, or signs with auth_cra (deriving when salted). */
export function jsJoin(login: JsLogin): Promise<JoinResult> {
  return new Promise((resolve) => {
    let settled = false;
    const connection = new autobahn.Connection({
      url: login.url,
      realm: login.realm ?? 'realm1',
      serializers: [serializerFor(login.serializer ?? 'json')],
      max_retries: 0,
      retry_if_unreachable: false,
      ...(login.authmethods ? { authmethods: login.authmethods } : {}),
      ...(login.authid ? { authid: login.authid } : {}),
      onchallenge: (_session: unknown, method: string, extra: Record<string, unknown>) => {
        if (method === 'ticket') return login.secret ?? '';
        const key =
          typeof extra.salt === 'string' ? authCra.derive_key(login.secret ?? '', extra.salt, extra.iterations as number, extra.keylen as number) : login.secret ?? '';
        return authCra.sign(key, extra.challenge as string);
      },
    } as unknown as autobahn.IConnectionOptions);
    connection.onopen = (session, details: Record<string, unknown>) => {
      settled = true;
      resolve({
        joined: true,
        authid: details.authid as string,
        authrole: details.authrole as string,
        authmethod: details.authmethod as string,
        authprovider: details.authprovider as string,
        session,
        connection,
      });
    };
    connection.onclose = (reason, details: Record<string, unknown>) => {
      if (!settled) {
        settled = true;
        resolve({ joined: false, reason: details.reason as string, message: details.message as string });
      }
      return true;
    };
    connection.open();
  });
}

export function jsLeave(result: JoinResult): Promise<void> {
  const connection = result.connection;
  if (!connection || !connection.isOpen) return Promise.resolve();
  return new Promise((resolve) => {
    connection.onclose = () => {
      resolve();
      return true;
    };
    connection.close();
  });
}

export interface PyLogin {
  url: string;
  realm?: string;
  authmethods?: string[];
  authid?: string;
  secret?: string;
  serializer?: 'json' | 'msgpack';
  call?: string;
  callArgs?: unknown[];
}

/** Autobahn|Python login in a child process; resolves with its JSON result line. */
export function pyJoin(login: PyLogin): Promise<JoinResult & { call?: unknown; callError?: string }> {
  const script = join(import.meta.dirname, 'wamp_client.py');
  return new Promise((resolve, reject) => {
    const child = spawn('/usr/bin/python3', [script, JSON.stringify({ realm: 'realm1', serializer: 'json', ...login })], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      const line = out.trim().split('\n').at(-1);
      if (code !== 0 || !line) return reject(new Error(`python client failed (${code}): ${err}`));
      resolve(JSON.parse(line));
    });
  });
}
