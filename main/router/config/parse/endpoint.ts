// Listening endpoints: tcp (with optional TLS) and unix. File paths (TLS key and certificates, Unix
// sockets) are relative to the config file's folder, as in Crossbar.
import { isAbsolute, resolve } from 'node:path';
import { z } from 'zod';
import type { TlsFiles } from '../../transport/tls-context';
import type { IssueCollector, JsonPath } from '../config-error';
import { isObject, parseLeaf, type ParseOptions } from './common';

/** Bind address when an endpoint names no interface: loopback only (Crossbar binds all interfaces). */
export const DEFAULT_INTERFACE = '127.0.0.1';

export interface EndpointPlan {
  host: string;
  port: number;
  socketPath?: string;
  tls?: TlsFiles;
}

const portSchema = z.unknown().transform((v, ctx) => {
  const n = typeof v === 'string' && /^\d{1,5}$/.test(v) ? Number(v) : v;
  if (typeof n === 'number' && Number.isInteger(n) && n >= 0 && n <= 65_535) return n;
  ctx.addIssue({ code: 'custom', message: `port must be a number from 0 to 65535, got ${JSON.stringify(v) ?? 'nothing'}` });
  return z.NEVER;
});

const endpointSchema = z.strictObject({
  type: z.literal('tcp', { error: 'endpoint type must be "tcp" or "unix"' }),
  port: portSchema,
  interface: z.string().min(1).max(255).optional(),
  version: z.union([z.literal(4), z.literal(6)]).optional(),
  backlog: z.number().int().min(1).optional(),
  shared: z.boolean().optional(),
  user_timeout: z.number().int().min(0).optional(),
  tls: z.unknown().optional(),
});

const unixEndpointSchema = z.strictObject({
  type: z.literal('unix'),
  path: z.string({ error: 'path must be the socket file, e.g. "router.sock"' }).min(1).max(1024),
  backlog: z.number().int().min(1).optional(),
});

const pathText = (what: string) => z.string({ error: `${what} must be a file path` }).min(1, { error: `${what} must not be empty` }).max(4096);

const tlsSchema = z.strictObject({
  key: pathText('key'),
  certificate: pathText('certificate'),
  chain_certificates: z.array(pathText('chain_certificates entry')).max(16).optional(),
  ciphers: z.string().min(1).max(4096).optional(),
  dhparam: pathText('dhparam').optional(),
  ca_certificates: z.unknown().optional(),
});

/** A path from the config: absolute as written, else relative to the config file's folder. */
function configPath(value: string, path: JsonPath, issues: IssueCollector, options: ParseOptions): string | undefined {
  if (isAbsolute(value)) return value;
  if (options.baseDir === undefined) {
    issues.error(path, `"${value}" is relative, but this config has no file location to resolve it against: write an absolute path`);
    return undefined;
  }
  return resolve(options.baseDir, value);
}

function parseTls(value: unknown, path: JsonPath, issues: IssueCollector, options: ParseOptions): TlsFiles | undefined {
  if (!isObject(value)) {
    issues.error(path, 'must be an object like {"key": "server.key", "certificate": "server.crt"}');
    return undefined;
  }
  if (value.ca_certificates !== undefined) {
    // Crossbar verifies client certificates against these (and then allows "tls" authentication).
    issues.error([...path, 'ca_certificates'], 'TLS client certificates are not supported (no client-certificate verification, no "tls" authentication); remove ca_certificates');
  }
  const tls = parseLeaf(tlsSchema, value, path, issues);
  if (!tls) return undefined;
  const key = configPath(tls.key, [...path, 'key'], issues, options);
  const certificate = configPath(tls.certificate, [...path, 'certificate'], issues, options);
  const chain = (tls.chain_certificates ?? []).map((c, i) => configPath(c, [...path, 'chain_certificates', i], issues, options));
  const dhparam = tls.dhparam === undefined ? undefined : configPath(tls.dhparam, [...path, 'dhparam'], issues, options);
  if (key === undefined || certificate === undefined || chain.some((c) => c === undefined) || (tls.dhparam !== undefined && dhparam === undefined)) return undefined;
  return {
    keyFile: key,
    certFile: certificate,
    ...(chain.length > 0 ? { chainFiles: chain as string[] } : {}),
    ...(dhparam !== undefined ? { dhparamFile: dhparam } : {}),
    ...(tls.ciphers !== undefined ? { ciphers: tls.ciphers } : {}),
  };
}

export function parseEndpoint(value: unknown, path: JsonPath, issues: IssueCollector, options: ParseOptions, allowUnix: boolean): EndpointPlan | undefined {
  if (!isObject(value)) {
    issues.error(path, 'must be an object like {"type": "tcp", "port": 8080}');
    return undefined;
  }
  if (value.type === 'twisted') {
    issues.error([...path, 'type'], '"twisted" endpoints are not supported; use {"type": "tcp", "port": N} or {"type": "unix", "path": "…"}');
    return undefined;
  }
  if (value.type === 'unix') {
    if (!allowUnix) {
      issues.error([...path, 'type'], 'Unix socket endpoints are supported for "rawsocket" transports only (clients reach them as unix:/path)');
      return undefined;
    }
    const unix = parseLeaf(unixEndpointSchema, value, path, issues);
    if (!unix) return undefined;
    if (unix.backlog !== undefined) issues.warn(path, 'backlog is ignored');
    const socketPath = configPath(unix.path, [...path, 'path'], issues, options);
    return socketPath === undefined ? undefined : { host: 'unix', port: 0, socketPath };
  }
  const endpoint = parseLeaf(endpointSchema, value, path, issues);
  const tls = value.tls === undefined ? undefined : parseTls(value.tls, [...path, 'tls'], issues, options);
  if (!endpoint || (value.tls !== undefined && !tls)) return undefined;
  const host = endpoint.interface ?? (endpoint.version === 6 ? '::1' : DEFAULT_INTERFACE);
  if (host === '0.0.0.0' || host === '::' || host === '') {
    issues.warn([...path, 'interface'], `"${host}" listens on every network interface: other machines can reach the router`);
  }
  if (endpoint.backlog !== undefined || endpoint.shared !== undefined || endpoint.user_timeout !== undefined) {
    issues.warn(path, 'backlog/shared/user_timeout are ignored');
  }
  return { host, port: endpoint.port, ...(tls ? { tls } : {}) };
}
