// Reading an import file's bytes as text and JSON. detect() runs every format over the same bytes and
// must never throw, so these helpers return undefined instead of throwing.
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The bytes as UTF-8 text without a BOM, or undefined when they are not valid UTF-8 (a binary file). */
export function decodeText(bytes: Uint8Array): string | undefined {
  try {
    const text = utf8.decode(bytes);
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  } catch {
    return undefined;
  }
}

export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** The file as JSON, or undefined when it is not JSON text. */
export function readJson(bytes: Uint8Array): unknown {
  const text = decodeText(bytes);
  if (text === undefined) return undefined;
  const trimmed = text.trimStart();
  if (!trimmed.startsWith('{') && !trimmed.startsWith('[')) return undefined;
  return parseJson(text);
}

export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** A number or a numeric string ("6" in TOTP Authenticator's export) as a number. */
export function num(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && /^\s*-?\d+\s*$/.test(value)) return Number(value);
  return undefined;
}
