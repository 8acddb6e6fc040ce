// Realms, roles, permissions.
import { z } from 'zod';
import { toPermission, type Permission } from '../../auth/permissions';
import type { RoleRule } from '../../auth/realm-authorizer';
import type { IssueCollector, JsonPath } from '../config-error';
import type { RealmPlan } from '../router-plan';
import { has, isObject, name, onlyKeys, optionalObject, parseLeaf, uri } from './common';

const allowSchema = z.strictObject({
  call: z.boolean().optional(),
  register: z.boolean().optional(),
  publish: z.boolean().optional(),
  subscribe: z.boolean().optional(),
});

const permissionSchema = z
  .strictObject({
    uri: z.string({ error: 'uri must be a string ("" or "*" for everything)' }).max(1024),
    match: z.enum(['exact', 'prefix', 'wildcard'], { error: 'match must be "exact", "prefix" or "wildcard"' }).optional(),
    allow: allowSchema.optional(),
    disclose: z.strictObject({ caller: z.boolean().optional(), publisher: z.boolean().optional() }).optional(),
    cache: z.boolean().optional(),
    // Older Crossbar configs put the four actions at the top level of a permission.
    call: z.boolean().optional(),
    register: z.boolean().optional(),
    publish: z.boolean().optional(),
    subscribe: z.boolean().optional(),
  })
  .superRefine((p, ctx) => {
    if (/[\s#]/.test(p.uri)) ctx.addIssue({ code: 'custom', path: ['uri'], message: 'uri must not contain whitespace or "#"' });
    if (p.match !== undefined && p.uri.includes('*')) {
      ctx.addIssue({ code: 'custom', path: ['uri'], message: 'a "*" URI cannot be combined with "match" (use "com.example." with match "prefix", or "com..create" with "wildcard")' });
    }
    if (p.match === 'exact' && p.uri === '') ctx.addIssue({ code: 'custom', path: ['uri'], message: 'an exact permission needs a URI' });
  });

export function parseRealm(value: unknown, path: JsonPath, issues: IssueCollector): RealmPlan | undefined {
  if (!isObject(value)) {
    issues.error(path, 'must be an object like {"name": "realm1", "roles": [...]}');
    return undefined;
  }
  onlyKeys(value, ['name', 'id', 'roles', 'store', 'options'], path, issues);
  if (value.store !== undefined) issues.warn([...path, 'store'], 'not supported and ignored');
  const limits = parseRealmOptions(value.options, [...path, 'options'], issues);
  const realmName = parseLeaf(uri('realm name'), value.name, [...path, 'name'], issues);
  const roles: Record<string, RoleRule> = {};
  if (value.roles === undefined) issues.warn([...path, 'roles'], 'no roles: nobody can join this realm');
  else if (!Array.isArray(value.roles)) issues.error([...path, 'roles'], 'must be a list of roles');
  else {
    value.roles.forEach((role, i) => {
      const at = [...path, 'roles', i];
      if (!isObject(role)) return issues.error(at, 'must be an object like {"name": "frontend", "permissions": [...]}');
      onlyKeys(role, ['name', 'id', 'permissions', 'authorizer'], at, issues);
      const roleName = parseLeaf(name('role name'), role.name, [...at, 'name'], issues);
      if (roleName === undefined) return;
      if (has(roles, roleName)) return issues.error([...at, 'name'], `role "${roleName}" is defined twice`);
      if (role.authorizer !== undefined) {
        if (role.permissions !== undefined) return issues.error(at, 'a role has either "permissions" or an "authorizer", not both');
        const authorizer = parseLeaf(uri('authorizer'), role.authorizer, [...at, 'authorizer'], issues);
        if (authorizer !== undefined) roles[roleName] = { kind: 'dynamic', authorizer };
        return;
      }
      const permissions: Permission[] = [];
      if (role.permissions === undefined) issues.warn([...at, 'permissions'], `role "${roleName}" has no permissions: it may join but do nothing`);
      else if (!Array.isArray(role.permissions)) issues.error([...at, 'permissions'], 'must be a list of permissions');
      else {
        role.permissions.forEach((p, j) => {
          const parsed = parseLeaf(permissionSchema, p, [...at, 'permissions', j], issues);
          if (!parsed) return;
          const allow = {
            call: parsed.allow?.call ?? parsed.call,
            register: parsed.allow?.register ?? parsed.register,
            publish: parsed.allow?.publish ?? parsed.publish,
            subscribe: parsed.allow?.subscribe ?? parsed.subscribe,
          };
          permissions.push(toPermission({ uri: parsed.uri, match: parsed.match, allow, disclose: parsed.disclose, cache: parsed.cache }));
        });
      }
      roles[roleName] = { kind: 'static', permissions };
    });
  }
  return realmName === undefined ? undefined : { name: realmName, roles, ...limits };
}

const perSessionLimit = (what: string) => z.number({ error: `${what} must be a number` }).int({ error: `${what} must be a whole number` }).min(1).max(1_000_000);

/** Realm "options": Authbahn's per-session limits; Crossbar's own realm options are ignored with a warning. */
function parseRealmOptions(value: unknown, path: JsonPath, issues: IssueCollector): Pick<RealmPlan, 'maxSubscriptionsPerSession' | 'maxRegistrationsPerSession'> {
  const out: Pick<RealmPlan, 'maxSubscriptionsPerSession' | 'maxRegistrationsPerSession'> = {};
  const options = optionalObject(value, path, issues);
  if (!options) return out;
  const ignored: string[] = [];
  for (const [key, v] of Object.entries(options)) {
    if (key === 'max_subscriptions_per_session') {
      const n = parseLeaf(perSessionLimit(key), v, [...path, key], issues);
      if (n !== undefined) out.maxSubscriptionsPerSession = n;
    } else if (key === 'max_registrations_per_session') {
      const n = parseLeaf(perSessionLimit(key), v, [...path, key], issues);
      if (n !== undefined) out.maxRegistrationsPerSession = n;
    } else ignored.push(key);
  }
  if (ignored.length > 0) issues.warn(path, `ignored (not supported): ${ignored.join(', ')} (Authbahn reads "max_subscriptions_per_session" and "max_registrations_per_session")`);
  return out;
}
