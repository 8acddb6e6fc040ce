// Static WAMP-CRA: {"users": {AUTHID: {"secret": SECRET, "role": R, "realm"?, "extra"?, "salt"?, "iterations"?, "keylen"?}}}.
import { z } from 'zod';
import type { CraAuth, CraUser } from '../../auth/auth-config';
import type { IssueCollector, JsonPath } from '../config-error';
import { parseLeaf, type Obj } from './common';
import { parseSecretRef } from './secret-ref';
import { parseStaticEntries } from './static-principals';

const craParams = z.strictObject({
  salt: z.string().min(1).max(1024).optional(),
  iterations: z.number().int().min(1).max(10_000_000).optional(),
  keylen: z.number().int().min(1).max(1024).optional(),
});

export function parseCraStatic(config: Obj, path: JsonPath, issues: IssueCollector): CraAuth | undefined {
  const spec = {
    listKey: 'users',
    listError: 'must be an object like {"joe": {"secret": "...", "role": "frontend"}}',
    entryError: 'must be an object like {"secret": "...", "role": "..."}',
    entryKeys: ['secret', 'role', 'realm', 'extra', 'salt', 'iterations', 'keylen', 'authid'],
  };
  const users = parseStaticEntries<CraUser>(config, spec, path, issues, (_authid, u, at, { role, realm, extra }) => {
    const secret = parseSecretRef(u.secret, [...at, 'secret'], issues, 'secret');
    const params = parseLeaf(craParams, { salt: u.salt, iterations: u.iterations, keylen: u.keylen }, at, issues);
    if (params && params.salt === undefined && (params.iterations !== undefined || params.keylen !== undefined)) {
      issues.error(at, '"iterations" and "keylen" only apply together with "salt"');
    }
    if (role === undefined || !secret || !params) return undefined;
    return {
      role,
      secret,
      ...(realm ? { realm } : {}),
      ...(extra ? { extra } : {}),
      ...(params.salt !== undefined ? { salt: params.salt, iterations: params.iterations ?? 1000, keylen: params.keylen ?? 32 } : {}),
    };
  });
  return users && { type: 'static', users };
}
