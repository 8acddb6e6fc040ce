// One entry of a router worker's "transports": dispatches on "type" (websocket, web, rawsocket,
// universal); transports that only add functionality we lack are skipped with a warning.
import type { IssueCollector, JsonPath } from '../config-error';
import type { TransportPlan } from '../router-plan';
import { isObject, name, onlyKeys, parseLeaf, type ParseOptions } from './common';
import { parseEndpoint } from './endpoint';
import { parseRawSocketPart, type RawSocketPart } from './rawsocket';
import { parseWebSocketPart, singleWebSocketPath, type WebSocketPart } from './websocket';

const UNSUPPORTED_TRANSPORTS = ['mqtt', 'flashpolicy', 'flspolicy', 'websocket.testee', 'stream.testee', 'wap'];

export function parseTransport(value: unknown, index: number, path: JsonPath, issues: IssueCollector, parse: ParseOptions): TransportPlan | undefined {
  if (!isObject(value)) {
    issues.error(path, 'must be an object like {"type": "websocket", "endpoint": {...}}');
    return undefined;
  }
  const type = value.type;
  if (typeof type === 'string' && UNSUPPORTED_TRANSPORTS.includes(type)) {
    issues.warn(path, `transport type "${type}" is not supported and is skipped (Authbahn serves WAMP over WebSocket and RawSocket)`);
    return undefined;
  }
  const id = value.id === undefined ? `transport${index + 1}` : parseLeaf(name('transport id'), value.id, [...path, 'id'], issues);
  if (type === 'websocket') {
    onlyKeys(value, ['type', 'id', 'endpoint', 'serializers', 'options', 'auth', 'url', 'debug', 'cookie'], path, issues);
    const endpoint = parseEndpoint(value.endpoint, [...path, 'endpoint'], issues, parse, false);
    const ws = parseWebSocketPart(value, path, issues);
    if (!endpoint || id === undefined) return undefined;
    return { id, ...endpoint, ...ws };
  }
  if (type === 'web') {
    onlyKeys(value, ['type', 'id', 'endpoint', 'paths', 'options'], path, issues);
    if (value.options !== undefined) issues.warn([...path, 'options'], 'web transport options are ignored');
    const endpoint = parseEndpoint(value.endpoint, [...path, 'endpoint'], issues, parse, false);
    if (!isObject(value.paths)) {
      issues.error([...path, 'paths'], 'must be an object like {"ws": {"type": "websocket"}}');
      return undefined;
    }
    for (const [key, p] of Object.entries(value.paths)) {
      if (!isObject(p)) issues.error([...path, 'paths', key], 'must be an object with a "type"');
      else if (p.type !== 'websocket') issues.warn([...path, 'paths', key], `path type ${JSON.stringify(p.type)} is not supported and is skipped (only "websocket" paths are served)`);
    }
    const ws = singleWebSocketPath(value.paths, [...path, 'paths'], issues, 'web transport');
    if (ws === null) {
      issues.warn([...path, 'paths'], 'no "websocket" path: this web transport is skipped');
      return undefined;
    }
    if (!ws || !endpoint || id === undefined) return undefined;
    return { id, ...endpoint, ...ws };
  }
  if (type === 'rawsocket') {
    onlyKeys(value, ['type', 'id', 'endpoint', 'serializers', 'max_message_size', 'options', 'auth', 'debug'], path, issues);
    const endpoint = parseEndpoint(value.endpoint, [...path, 'endpoint'], issues, parse, true);
    const rs = parseRawSocketPart(value, path, issues);
    if (!endpoint || id === undefined) return undefined;
    return { id, kind: 'rawsocket', ...endpoint, serializers: rs.serializers, ...rs.options, auth: rs.auth };
  }
  if (type === 'universal') {
    onlyKeys(value, ['type', 'id', 'endpoint', 'rawsocket', 'websocket', 'web', 'mqtt'], path, issues);
    const endpoint = parseEndpoint(value.endpoint, [...path, 'endpoint'], issues, parse, false);
    for (const key of ['web', 'mqtt'] as const) {
      if (value[key] !== undefined) issues.warn([...path, key], `the universal transport's "${key}" part is not supported and is skipped (WebSocket and RawSocket are served)`);
    }
    let rs: RawSocketPart | undefined;
    if (value.rawsocket !== undefined) {
      if (!isObject(value.rawsocket)) issues.error([...path, 'rawsocket'], 'must be an object like {"serializers": ["json", "msgpack", "cbor"]}');
      else {
        onlyKeys(value.rawsocket, ['id', 'type', 'serializers', 'max_message_size', 'options', 'auth', 'debug'], [...path, 'rawsocket'], issues);
        rs = parseRawSocketPart(value.rawsocket, [...path, 'rawsocket'], issues);
      }
    }
    let ws: WebSocketPart | null | undefined = null;
    if (value.websocket !== undefined) {
      if (!isObject(value.websocket)) issues.error([...path, 'websocket'], 'must be an object of paths like {"ws": {"type": "websocket"}}');
      else ws = singleWebSocketPath(value.websocket, [...path, 'websocket'], issues, 'universal transport');
    }
    if (!endpoint || id === undefined || ws === undefined) return undefined;
    if (ws === null && !rs) {
      issues.error(path, 'a universal transport needs a "rawsocket" or a "websocket" part');
      return undefined;
    }
    if (ws === null) return { id, kind: 'rawsocket', ...endpoint, serializers: rs!.serializers, ...rs!.options, auth: rs!.auth };
    if (!rs) return { id, ...endpoint, ...ws };
    return {
      id,
      kind: 'universal',
      ...endpoint,
      ...ws,
      rawsocket: { serializers: rs.serializers, ...(rs.options.maxMessageSize !== undefined ? { maxMessageSize: rs.options.maxMessageSize } : {}), auth: rs.auth },
    };
  }
  issues.error([...path, 'type'], `unknown transport type ${JSON.stringify(type)} (supported: "websocket", "web", "rawsocket", "universal")`);
  return undefined;
}
