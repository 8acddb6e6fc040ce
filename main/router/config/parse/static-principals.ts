// The walk the static auth methods share: {"type": "static", LIST: {AUTHID: {...}}} where every entry
// is an object of known keys with a role, an optional realm and extra, and an "authid" that, if given,
// must repeat the key it is listed under.
import { z } from 'zod';
import type { IssueCollector, JsonPath } from '../config-error';
import { isObject, name, onlyKeys, parseLeaf, uri, type Obj } from './common';

const extraSchema = z.record(z.string(), z.unknown()).optional();

export interface PrincipalCommon {
  role: string | undefined;
  realm: string | undefined;
  extra: Record<string, unknown> | undefined;
}

export interface StaticEntriesSpec {
  /** "principals" (ticket, cryptosign) or "users" (wampcra). */
  listKey: string;
  /** The error when LIST is not an object. */
  listError: string;
  /** The error when one entry is not an object. */
  entryError: string;
  /** The keys an entry may have. */
  entryKeys: readonly string[];
}

/**
 * Walks LIST and hands each entry, with its role/realm/extra already read, to `parseEntry`, which reads
 * the method's own keys and returns the entry to keep (undefined: skipped, its problems reported).
 * Undefined when LIST itself is not an object.
 */
export function parseStaticEntries<T>(
  config: Obj,
  spec: StaticEntriesSpec,
  path: JsonPath,
  issues: IssueCollector,
  parseEntry: (authid: string, entry: Obj, at: JsonPath, common: PrincipalCommon) => T | undefined,
): Record<string, T> | undefined {
  onlyKeys(config, ['type', spec.listKey], path, issues);
  const list = config[spec.listKey];
  if (!isObject(list)) {
    issues.error([...path, spec.listKey], spec.listError);
    return undefined;
  }
  const out: Record<string, T> = {};
  for (const [authid, entry] of Object.entries(list)) {
    const at = [...path, spec.listKey, authid];
    if (!isObject(entry)) {
      issues.error(at, spec.entryError);
      continue;
    }
    onlyKeys(entry, spec.entryKeys, at, issues);
    if (entry.authid !== undefined && entry.authid !== authid) issues.error([...at, 'authid'], 'must equal the key it is listed under');
    const role = parseLeaf(name('role'), entry.role, [...at, 'role'], issues);
    const realm = entry.realm === undefined ? undefined : parseLeaf(uri('realm'), entry.realm, [...at, 'realm'], issues);
    const extra = parseLeaf(extraSchema, entry.extra, [...at, 'extra'], issues);
    const parsed = parseEntry(authid, entry, at, { role, realm, extra });
    if (parsed !== undefined) out[authid] = parsed;
  }
  return out;
}
