// Reading a router config file: size cap, JSON errors with line and column, then parseRouterConfig.
// Every failure is a RouterConfigError with a message meant for the user; nothing here exits.
import { readFile, stat } from 'node:fs/promises';
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
  return parseRouterConfigText(text, file);
}

export function parseRouterConfigText(text: string, source?: string): RouterPlan {
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new RouterConfigError([{ path: '(file)', message: `not valid JSON: ${jsonErrorWhere(text, error)}` }], source);
  }
  return parseRouterConfig(json, source);
}

/** "Unexpected token } in JSON at position 120" → "... (line 7, column 3)". */
function jsonErrorWhere(text: string, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const position = /position (\d+)/.exec(message)?.[1];
  if (position === undefined) return message;
  const before = text.slice(0, Number(position));
  const line = before.split('\n').length;
  const column = Number(position) - before.lastIndexOf('\n');
  return `${message.replace(/ in JSON at position \d+.*$/, '').replace(/\s*\(line \d+ column \d+\)$/, '')} (line ${line}, column ${column})`;
}
