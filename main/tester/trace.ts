// The frame trace of one test run: every frame in both directions with a timestamp relative to the
// start, its name and decoded content — turned into plain JSON (msgpack/CBOR may decode to bytes,
// Maps or bigints) and with secrets replaced, because traces are shown, exported and shared.
import type { TraceEntry } from '../../shared/api/tester-contract';
import { MSG, messageName } from '../../shared/wamp/codes';

export const REDACTED = '•••';

/** Keys whose values are secrets wherever they appear in a frame's dictionaries. */
const SECRET_KEYS = new Set(['ticket', 'secret', 'password', 'signature', 'key', 'private_key']);

const MAX_STRING = 2000;
const MAX_ITEMS = 200;
const MAX_DEPTH = 12;

export class Tracer {
  readonly entries: TraceEntry[] = [];

  constructor(private readonly now: () => number = () => performance.now(), private readonly start: number = now()) {}

  elapsed(): number {
    return round(this.now() - this.start);
  }

  frame(dir: 'in' | 'out', message: unknown, bytes: number): void {
    const code = Array.isArray(message) && typeof message[0] === 'number' ? message[0] : undefined;
    const entry: TraceEntry = {
      t: this.elapsed(),
      dir,
      name: code === undefined ? 'INVALID' : messageName(code),
      content: redact(message),
      bytes,
    };
    if (code !== undefined) entry.code = code;
    this.entries.push(entry);
  }

  info(name: string, text: string): void {
    this.entries.push({ t: this.elapsed(), dir: 'info', name, text });
  }
}

/** A frame as plain JSON with secrets replaced. AUTHENTICATE's signature (position 1) is always a secret. */
export function redact(message: unknown): unknown {
  if (!Array.isArray(message)) return toPlain(message, 0, false);
  return message.map((item, index) => {
    if (message[0] === MSG.AUTHENTICATE && index === 1) return REDACTED;
    return toPlain(item, 0, true);
  });
}

/** Any decoded value as plain JSON, secret-looking dictionary entries replaced. */
export function plain(value: unknown): unknown {
  return toPlain(value, 0, true);
}

function toPlain(value: unknown, depth: number, hideSecrets: boolean): unknown {
  if (value === null || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  if (typeof value === 'string') return value.length > MAX_STRING ? `${value.slice(0, MAX_STRING)}… (${value.length} chars)` : value;
  if (typeof value === 'bigint') return value.toString();
  if (value === undefined) return null;
  if (depth >= MAX_DEPTH) return '…';
  if (value instanceof Uint8Array) return `<${value.length} bytes>`;
  if (Array.isArray(value)) {
    const items = value.slice(0, MAX_ITEMS).map((v) => toPlain(v, depth + 1, hideSecrets));
    if (value.length > MAX_ITEMS) items.push(`… ${value.length - MAX_ITEMS} more`);
    return items;
  }
  const entries: [string, unknown][] =
    value instanceof Map ? [...value.entries()].map(([k, v]) => [String(k), v]) : typeof value === 'object' ? Object.entries(value) : [];
  if (typeof value !== 'object') return String(value);
  const out: Record<string, unknown> = {};
  for (const [key, v] of entries.slice(0, MAX_ITEMS)) {
    out[key] = hideSecrets && SECRET_KEYS.has(key.toLowerCase()) && v !== null && v !== '' ? REDACTED : toPlain(v, depth + 1, hideSecrets);
  }
  return out;
}

export function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}
