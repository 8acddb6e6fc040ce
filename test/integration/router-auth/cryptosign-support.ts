// WAMP-Cryptosign logins with the real client libraries: AutobahnJS (in-process; its cryptosign uses
// tweetnacl) and Autobahn|Python (cryptosign_client.py under /usr/bin/python3, python3-nacl). Both
// sign with their own code, so the router is checked against Autobahn's format, not against ours.
import autobahn from 'autobahn';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import type { JoinResult, Serializer } from './support';

export interface CryptosignLogin {
  url: string;
  /** The 32-byte private key (seed) in hex. */
  seed: string;
  realm?: string;
  authid?: string;
  serializer?: Serializer;
  channelBinding?: string;
  /**
   * AutobahnJS transport list instead of the WebSocket at `url`: a {type: 'rawsocket', host, port} (or
   * {path}) transport, or a WebSocket with an https.Agent trusting a self-signed certificate.
   */
  transports?: Record<string, unknown>[];
}

type CryptosignApi = {
  sign_challenge(pkey: unknown, extra: Record<string, unknown>): string;
  public_key(pkey: unknown): string;
};
const lib = autobahn as unknown as {
  auth_cryptosign: CryptosignApi;
  nacl: { sign: { keyPair: { fromSeed(seed: Uint8Array): unknown } } };
};

function serializerFor(kind: Serializer): unknown {
  const s = autobahn.serializer as unknown as Record<string, new () => unknown>;
  if (kind === 'msgpack') return new s.MsgpackSerializer!();
  if (kind === 'cbor') return new s.CBORSerializer!();
  return new s.JSONSerializer!();
}

/** AutobahnJS: key pair from the seed with tweetnacl, CHALLENGE answered by auth_cryptosign.sign_challenge. */
export function jsCryptosignJoin(login: CryptosignLogin): Promise<JoinResult & { pubkey: string }> {
  const pkey = lib.nacl.sign.keyPair.fromSeed(new Uint8Array(Buffer.from(login.seed, 'hex')));
  const pubkey = lib.auth_cryptosign.public_key(pkey);
  return new Promise((resolve) => {
    let settled = false;
    const connection = new autobahn.Connection({
      url: login.url,
      ...(login.transports ? { transports: login.transports } : {}),
      realm: login.realm ?? 'realm1',
      serializers: [serializerFor(login.serializer ?? 'json')],
      max_retries: 0,
      retry_if_unreachable: false,
      authmethods: ['cryptosign'],
      ...(login.authid ? { authid: login.authid } : {}),
      authextra: { pubkey, channel_binding: login.channelBinding ?? null },
      onchallenge: (_session: unknown, method: string, extra: Record<string, unknown>) => {
        if (method !== 'cryptosign') throw new Error(`unexpected authmethod ${method}`);
        return lib.auth_cryptosign.sign_challenge(pkey, extra);
      },
    } as unknown as autobahn.IConnectionOptions);
    connection.onopen = (session, details: Record<string, unknown>) => {
      settled = true;
      resolve({
        joined: true,
        pubkey,
        authid: details.authid as string,
        authrole: details.authrole as string,
        authmethod: details.authmethod as string,
        authprovider: details.authprovider as string,
      });
      void session;
      connection.close();
    };
    connection.onclose = (_reason, details: Record<string, unknown>) => {
      if (!settled) {
        settled = true;
        resolve({ joined: false, pubkey, reason: details.reason as string, message: details.message as string });
      }
      return true;
    };
    connection.open();
  });
}

/** Autobahn|Python in a child process: CryptosignKey.from_bytes(seed).sign_challenge(). */
export function pyCryptosignJoin(login: CryptosignLogin): Promise<JoinResult & { pubkey: string }> {
  const script = join(import.meta.dirname, 'cryptosign_client.py');
  const args = {
    url: login.url,
    realm: login.realm ?? 'realm1',
    seed: login.seed,
    serializer: login.serializer ?? 'json',
    ...(login.authid ? { authid: login.authid } : {}),
    ...(login.channelBinding ? { channel_binding: login.channelBinding } : {}),
  };
  return new Promise((resolve, reject) => {
    const child = spawn('/usr/bin/python3', [script, JSON.stringify(args)], { stdio: ['ignore', 'pipe', 'pipe'] });
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
