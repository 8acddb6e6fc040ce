// Options WebSocket and RawSocket transports read the same way (each also has options of its own).
import { z } from 'zod';
import type { IssueCollector, JsonPath } from '../config-error';
import { ms, parseLeaf } from './common';

export interface SharedTransportOptions {
  handshakeTimeoutMs?: number;
  authTimeoutMs?: number;
  maxOutgoingBufferBytes?: number;
}

/** Parses `key` into `out` when it is one of the shared options; false when it is not. */
export function parseSharedTransportOption(key: string, value: unknown, at: JsonPath, issues: IssueCollector, out: SharedTransportOptions): boolean {
  if (key === 'open_handshake_timeout') {
    const n = parseLeaf(ms(key), value, at, issues);
    if (n !== undefined && n > 0) out.handshakeTimeoutMs = n;
  } else if (key === 'auth_timeout') {
    const n = parseLeaf(ms(key).min(1), value, at, issues);
    if (n !== undefined) out.authTimeoutMs = n;
  } else if (key === 'max_outgoing_buffer_size') {
    const n = parseLeaf(z.number().int().min(64 * 1024, { error: 'max_outgoing_buffer_size must be at least 65536 bytes' }).max(1024 ** 3), value, at, issues);
    if (n !== undefined) out.maxOutgoingBufferBytes = n;
  } else return false;
  return true;
}
