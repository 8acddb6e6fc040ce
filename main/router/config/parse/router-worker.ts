// The one router worker: its options (Authbahn's auth rate limits and dynamic-auth timeout; Crossbar's
// process options are ignored), realms and transports, then the cross-checks between them.
import { z } from 'zod';
import type { RateLimitOptions } from '../../auth/rate-limiter';
import type { IssueCollector, JsonPath } from '../config-error';
import { DEFAULT_DYNAMIC_TIMEOUT_MS, type RealmPlan, type RouterPlan, type TransportPlan } from '../router-plan';
import { ms, onlyKeys, optionalObject, parseLeaf, type Obj, type ParseOptions } from './common';
import { crossCheck } from './cross-check';
import { parseRealm } from './realm';
import { parseTransport } from './transport';

const rateLimitSchema = z.strictObject({
  max_failures_per_authid: z.number().int().min(1).max(1000).optional(),
  max_failures_per_peer: z.number().int().min(1).max(100_000).optional(),
  max_failures_per_network: z.number().int().min(1).max(1_000_000).optional(),
  window: ms('window', 86_400_000).optional(),
  lockout: ms('lockout', 86_400_000).optional(),
  max_lockout: ms('max_lockout', 7 * 86_400_000).optional(),
  decay: ms('decay', 7 * 86_400_000).min(1, { error: 'decay must be at least 1 ms' }).optional(),
  max_pending_per_authid: z.number().int().min(1).max(10_000).optional(),
  max_pending_per_peer: z.number().int().min(1).max(100_000).optional(),
});

export function routerWorker(worker: Obj, path: JsonPath, issues: IssueCollector, options: ParseOptions): Omit<RouterPlan, 'warnings'> | undefined {
  onlyKeys(worker, ['type', 'id', 'options', 'realms', 'transports', 'components', 'connections', 'manhole'], path, issues);
  for (const key of ['components', 'connections', 'manhole'] as const) {
    if (worker[key] !== undefined) issues.warn([...path, key], `not supported and ignored (run components as separate WAMP clients)`);
  }
  const rateLimit: Partial<RateLimitOptions> = {};
  let dynamicTimeoutMs = DEFAULT_DYNAMIC_TIMEOUT_MS;
  for (const [key, value] of Object.entries(optionalObject(worker.options, [...path, 'options'], issues) ?? {})) {
    const at = [...path, 'options', key];
    if (key === 'auth_rate_limit') {
      const r = parseLeaf(rateLimitSchema, value, at, issues);
      if (r) {
        if (r.max_failures_per_authid !== undefined) rateLimit.maxFailuresPerAuthid = r.max_failures_per_authid;
        if (r.max_failures_per_peer !== undefined) rateLimit.maxFailuresPerPeer = r.max_failures_per_peer;
        if (r.window !== undefined) rateLimit.windowMs = r.window;
        if (r.lockout !== undefined) rateLimit.lockoutMs = r.lockout;
        if (r.max_lockout !== undefined) rateLimit.maxLockoutMs = r.max_lockout;
        if (r.max_failures_per_network !== undefined) rateLimit.maxFailuresPerNetwork = r.max_failures_per_network;
        if (r.decay !== undefined) rateLimit.decayMs = r.decay;
        if (r.max_pending_per_authid !== undefined) rateLimit.maxPendingPerAuthid = r.max_pending_per_authid;
        if (r.max_pending_per_peer !== undefined) rateLimit.maxPendingPerPeer = r.max_pending_per_peer;
      }
    } else if (key === 'dynamic_auth_timeout') {
      const t = parseLeaf(ms(key, 600_000).min(1), value, at, issues);
      if (t !== undefined) dynamicTimeoutMs = t;
    } else if (['title', 'env', 'pythonpath', 'cpu_affinity', 'reactor', 'expose_controller', 'expose_shared', 'shutdown', 'restart'].includes(key)) {
      issues.warn(at, 'Crossbar worker option ignored');
    } else {
      issues.error(at, 'unknown router worker option (Authbahn adds "auth_rate_limit" and "dynamic_auth_timeout")');
    }
  }

  const realms: RealmPlan[] = [];
  if (!Array.isArray(worker.realms)) issues.error([...path, 'realms'], 'must be a list of realms');
  else {
    worker.realms.forEach((realm, i) => {
      const plan = parseRealm(realm, [...path, 'realms', i], issues);
      if (!plan) return;
      if (realms.some((r) => r.name === plan.name)) issues.error([...path, 'realms', i, 'name'], `realm "${plan.name}" is defined twice`);
      else realms.push(plan);
    });
  }

  const transports: TransportPlan[] = [];
  if (!Array.isArray(worker.transports)) issues.error([...path, 'transports'], 'must be a list of transports');
  else {
    worker.transports.forEach((transport, i) => {
      const plan = parseTransport(transport, i, [...path, 'transports', i], issues, options);
      if (!plan) return;
      if (transports.some((t) => t.id === plan.id)) issues.error([...path, 'transports', i, 'id'], `transport id "${plan.id}" is used twice`);
      else transports.push(plan);
    });
    if (worker.transports.length > 0 && transports.length === 0 && issues.errors.length === 0) {
      issues.error([...path, 'transports'], 'no supported transport (Authbahn serves "websocket", "web" with a websocket path, "rawsocket" and "universal")');
    }
    if (worker.transports.length === 0) issues.error([...path, 'transports'], 'needs at least one transport');
  }
  crossCheck(realms, transports, path, issues);
  return { realms, transports, rateLimit, dynamicTimeoutMs };
}
