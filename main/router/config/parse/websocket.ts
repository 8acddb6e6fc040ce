// WebSocket parts of transports: a "websocket" transport's own keys, a web transport's websocket
// path, a universal transport's "websocket" entry, and their "options".
import { z } from 'zod';
import type { IssueCollector, JsonPath } from '../config-error';
import type { TransportPlan } from '../router-plan';
import { parseAuth } from './auth';
import { isObject, onlyKeys, optionalObject, parseLeaf, type Obj } from './common';
import { parseSerializers } from './serializers';
import { parseSharedTransportOption, type SharedTransportOptions } from './transport-options';

const IGNORED_WS_OPTIONS = [
  'auto_ping_interval',
  'auto_ping_timeout',
  'auto_ping_size',
  'auto_ping_restart_on_any_traffic',
  'max_frame_size',
  'auto_fragment_size',
  'fail_by_drop',
  'echo_close_codereason',
  'close_handshake_timeout',
  'tcp_nodelay',
  'compression',
  'require_websocket_subprotocol',
  'enable_webstatus',
  'external_port',
  'show_server_version',
  'server',
  'enable_flash_policy',
  'flash_policy',
  'require_masking',
  'apply_mask',
  'mask_server_frames',
  'trust_x_forwarded_for',
];

interface WsOptions extends SharedTransportOptions {
  maxMessageSize?: number;
  allowedOrigins?: string[] | null;
}

function parseWsOptions(value: unknown, path: JsonPath, issues: IssueCollector): WsOptions {
  const out: WsOptions = {};
  const options = optionalObject(value, path, issues);
  if (!options) return out;
  const ignored: string[] = [];
  for (const [key, v] of Object.entries(options)) {
    const at = [...path, key];
    if (parseSharedTransportOption(key, v, at, issues, out)) continue;
    switch (key) {
      case 'max_message_size': {
        const n = parseLeaf(z.number().int().min(1024, { error: 'max_message_size must be at least 1024 bytes' }).max(1024 ** 3), v, at, issues);
        if (n !== undefined) out.maxMessageSize = n;
        break;
      }
      case 'allowed_origins': {
        const list = parseLeaf(z.array(z.string().min(1).max(1024)).max(1000, { error: 'at most 1000 origins' }), v, at, issues);
        // Crossbar: ["*"] allows every origin.
        if (list !== undefined) out.allowedOrigins = list.includes('*') ? null : list;
        break;
      }
      default:
        if (IGNORED_WS_OPTIONS.includes(key)) ignored.push(key);
        else issues.error(at, 'unknown WebSocket option');
    }
  }
  if (ignored.length > 0) issues.warn(path, `ignored (not supported): ${ignored.join(', ')}`);
  return out;
}

export type WebSocketPart = Pick<TransportPlan, 'serializers' | 'maxMessageSize' | 'handshakeTimeoutMs' | 'authTimeoutMs' | 'allowedOrigins' | 'maxOutgoingBufferBytes' | 'auth' | 'path'>;

/** A websocket transport's own keys (also a web path's and a universal transport's websocket entry). */
export function parseWebSocketPart(ws: Obj, at: JsonPath, issues: IssueCollector): WebSocketPart {
  if (ws.cookie !== undefined) issues.error([...at, 'cookie'], 'cookie tracking is not supported');
  const serializers = parseSerializers(ws.serializers, [...at, 'serializers'], issues);
  const options = parseWsOptions(ws.options, [...at, 'options'], issues);
  const auth = ws.auth === undefined ? undefined : parseAuth(ws.auth, [...at, 'auth'], issues);
  return { serializers, ...options, auth };
}

/** The one "websocket" entry of a paths object (web transport "paths", universal "websocket"); null: none. */
export function singleWebSocketPath(paths: Obj, at: JsonPath, issues: IssueCollector, what: string): WebSocketPart | null | undefined {
  const wsPaths = Object.entries(paths).filter(([, p]) => isObject(p) && p.type === 'websocket');
  if (wsPaths.length === 0) return null;
  if (wsPaths.length > 1) {
    issues.error([...at, wsPaths[1]![0]], `only one websocket path per ${what} is supported; use another transport (port) for the second`);
    return undefined;
  }
  const [key, ws] = wsPaths[0]! as [string, Obj];
  const here = [...at, key];
  onlyKeys(ws, ['type', 'serializers', 'options', 'auth', 'url', 'debug', 'cookie'], here, issues);
  if (!/^\/?[A-Za-z0-9._~-]*$/.test(key)) issues.error(here, 'path must be one URL path segment like "ws"');
  return { ...parseWebSocketPart(ws, here, issues), path: key === '/' ? '/' : `/${key.replace(/^\//, '')}` };
}
