// Helpers every part of the config walk uses: object tests, zod leaf parsing that reports into the
// IssueCollector with the JSON path, strict key checks, and the small leaf schemas (URI, name, ms).
import { z } from 'zod';
import { isValidUri } from '../../../../shared/wamp/uri';
import type { IssueCollector, JsonPath } from '../config-error';

export interface ParseOptions {
  /** Folder of the config file: relative paths in it (TLS files, Unix sockets) start here. */
  baseDir?: string;
}

export type Obj = Record<string, unknown>;
export const isObject = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
export const has = (o: Obj, key: string) => Object.prototype.hasOwnProperty.call(o, key);

export function parseLeaf<T>(schema: z.ZodType<T>, value: unknown, path: JsonPath, issues: IssueCollector): T | undefined {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  for (const issue of result.error.issues) {
    const at = [...path, ...(issue.path as (string | number)[])];
    if (issue.code === 'unrecognized_keys') for (const key of issue.keys) issues.error([...at, key], 'unknown key');
    else issues.error(at, issue.message.replace(/^Invalid input: /, ''));
  }
  return undefined;
}

/** Reports keys of `o` outside `allowed`; returns false when there were any. */
export function onlyKeys(o: Obj, allowed: readonly string[], path: JsonPath, issues: IssueCollector): boolean {
  let ok = true;
  for (const key of Object.keys(o)) {
    if (!allowed.includes(key)) {
      issues.error([...path, key], `unknown key (expected one of: ${allowed.join(', ')})`);
      ok = false;
    }
  }
  return ok;
}

export const uri = (what: string) =>
  z.string({ error: `${what} must be a string` }).refine((s) => isValidUri(s), { error: `${what} must be a WAMP URI like "com.example.authenticate"` });
export const name = (what: string) => z.string({ error: `${what} must be a string` }).min(1, { error: `${what} must not be empty` }).max(255);
export const ms = (what: string, max = 3_600_000) =>
  z.number({ error: `${what} must be a number of milliseconds` }).int({ error: `${what} must be a whole number` }).min(0).max(max);

/** An optional object-valued key ("options"): undefined when absent, or when not an object (reported). */
export function optionalObject(value: unknown, path: JsonPath, issues: IssueCollector): Obj | undefined {
  if (value === undefined) return undefined;
  if (!isObject(value)) {
    issues.error(path, 'must be an object');
    return undefined;
  }
  return value;
}
