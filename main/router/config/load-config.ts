// Reading a router config file: size cap, JSON errors with line and column, then parseRouterConfig.
// Every failure is a RouterConfigError with a message meant for the user; nothing here exits.
import { readFile, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { RouterConfigError } from './config-error';
import { parseRouterConfig } from './parse-config';
import type { RouterPlan } from './router-plan';

/** Far larger than any real router config; stops `--config /dev/zero` from eating memory. */
export const MAX_CONFIG_BYTES = 4 * 1024 * 1024;

export async function loadRouterConfigFile(file: string): Promise<RouterPlan> {
  let text: string;
  try {
    const info = await stat(file);
    if (!info.isFile()) throw new RouterConfigError([{ path: '(file)', message: 'not a regular file' }], file);
    if (info.size > MAX_CONFIG_BYTES) throw new RouterConfigError([{ path: '(file)', message: `larger than ${MAX_CONFIG_BYTES} bytes` }], file);
    text = await readFile(file, 'utf8');
  } catch (error) {
    if (error instanceof RouterConfigError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    const message = code === 'ENOENT' ? 'file not found' : code === 'EACCES' ? 'permission denied' : error instanceof Error ? error.message : String(error);
    throw new RouterConfigError([{ path: '(file)', message }], file);
  }
  // Relative paths in the config (TLS files, Unix sockets) are relative to the config file, as in Crossbar.
  return parseRouterConfigText(text, file, dirname(resolve(file)));
}

/** baseDir: the folder relative paths in the config start from (the config file's); none: only absolute paths. */
export function parseRouterConfigText(text: string, source?: string, baseDir?: string): RouterPlan {
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new RouterConfigError([{ path: '(file)', message: `not valid JSON: ${jsonErrorWhere(text, error)}` }], source);
  }
  return parseRouterConfig(json, source, baseDir !== undefined ? { baseDir } : {});
}

/** "Unexpected token } in JSON at position 120" → "... (line 7, column 3)". */
function jsonErrorWhere(text: string, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const reported = /position (\d+)/.exec(message)?.[1];
  // V8 reports a position for some syntax errors only ("Unexpected token '}', "…" is not valid JSON" has none).
  const position = reported !== undefined ? Number(reported) : firstBadOffset(text);
  if (position === undefined) return message;
  const before = text.slice(0, position);
  const line = before.split('\n').length;
  const column = position - before.lastIndexOf('\n');
  const what = message.replace(/ in JSON at position \d+.*$/, '').replace(/\s*\(line \d+ column \d+\)$/, '').replace(/, .*is not valid JSON$/s, '');
  return `${what} (line ${line}, column ${column})`;
}

/**
 * Offset of the first character that makes `text` invalid JSON. A prefix that is merely cut short fails
 * at its very end ("Unexpected end of JSON input", or an error at position = its length); one that holds
 * the error fails before that. That is monotonic in the prefix length, so a binary search finds the
 * offset in O(n log n).
 */
function firstBadOffset(text: string): number | undefined {
  const broken = (length: number): boolean => {
    try {
      JSON.parse(text.slice(0, length));
      return false;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (/end of (JSON|data)/i.test(message)) return false;
      const at = /position (\d+)/.exec(message)?.[1];
      return at === undefined || Number(at) < length;
    }
  };
  if (!broken(text.length)) return undefined;
  let low = 0; // broken(low) is false
  let high = text.length; // broken(high) is true
  while (high - low > 1) {
    const mid = (low + high) >>> 1;
    if (broken(mid)) high = mid;
    else low = mid;
  }
  return high - 1;
}
