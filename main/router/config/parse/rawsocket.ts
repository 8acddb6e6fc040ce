// RawSocket parts of transports: a "rawsocket" transport's keys and a universal transport's "rawsocket" entry.
import { z } from 'zod';
import type { SerializerId } from '../../../../shared/wamp/serializers';
import type { TransportAuth } from '../../auth/auth-config';
import type { IssueCollector, JsonPath } from '../config-error';
import { parseAuth } from './auth';
import { optionalObject, parseLeaf, type Obj } from './common';
import { parseSerializers } from './serializers';
import { parseSharedTransportOption, type SharedTransportOptions } from './transport-options';

/** RawSocket can announce at most 2^24 bytes (16 MiB) in its handshake. */
const RAWSOCKET_MAX_LENGTH = 16 * 1024 * 1024;

interface RawSocketOptions extends SharedTransportOptions {
  maxMessageSize?: number;
}

export interface RawSocketPart {
  serializers: SerializerId[];
  options: RawSocketOptions;
  auth: TransportAuth | undefined;
}

/** A rawsocket transport's keys: serializers, max_message_size (Crossbar puts it at the top), auth, and options. */
export function parseRawSocketPart(rs: Obj, at: JsonPath, issues: IssueCollector): RawSocketPart {
  const serializers = parseSerializers(rs.serializers, [...at, 'serializers'], issues);
  const options: RawSocketOptions = {};
  const maxSize = (v: unknown, where: JsonPath) => {
    // Crossbar accepts 1 byte to 64 MiB; the handshake can announce 512 bytes to 16 MiB.
    const n = parseLeaf(z.number().int().min(512, { error: 'max_message_size must be at least 512 bytes' }).max(64 * 1024 * 1024), v, where, issues);
    if (n === undefined) return;
    if (n > RAWSOCKET_MAX_LENGTH) issues.warn(where, `RawSocket messages are at most ${RAWSOCKET_MAX_LENGTH} bytes (16 MiB); that is the limit used`);
    options.maxMessageSize = Math.min(n, RAWSOCKET_MAX_LENGTH);
  };
  if (rs.max_message_size !== undefined) maxSize(rs.max_message_size, [...at, 'max_message_size']);
  for (const [key, v] of Object.entries(optionalObject(rs.options, [...at, 'options'], issues) ?? {})) {
    const where = [...at, 'options', key];
    if (key === 'max_message_size') maxSize(v, where);
    else if (!parseSharedTransportOption(key, v, where, issues, options)) {
      issues.error(where, 'unknown RawSocket option (supported: max_message_size, open_handshake_timeout, auth_timeout, max_outgoing_buffer_size)');
    }
  }
  const auth = rs.auth === undefined ? undefined : parseAuth(rs.auth, [...at, 'auth'], issues);
  return { serializers, options, auth };
}
