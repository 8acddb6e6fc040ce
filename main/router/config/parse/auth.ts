// A transport's "auth" section: one entry per method, each "static" (principals in the file) or
// "dynamic" (a WAMP procedure decides). Methods we cannot honour are errors, not warnings: ignoring
// them would run a router that is less secure than the file says.
import { z } from 'zod';
import type { AnonymousAuth, DynamicAuth, TransportAuth } from '../../auth/auth-config';
import type { IssueCollector, JsonPath } from '../config-error';
import { parseCraStatic } from './auth-wampcra';
import { parseCryptosignStatic } from './auth-cryptosign';
import { parseTicketStatic } from './auth-ticket';
import { has, isObject, name, parseLeaf, uri } from './common';

const UNSUPPORTED_AUTH: Record<string, string> = {
  'cryptosign-proxy': 'WAMP-Cryptosign proxy authentication is not supported (use "cryptosign")',
  scram: 'WAMP-SCRAM is not supported (use wampcra)',
  cookie: 'cookie authentication is not supported',
  tls: 'TLS client-certificate authentication is not supported',
  'anonymous-proxy': 'proxy authentication is not supported',
  'ticket-proxy': 'proxy authentication is not supported',
};

const dynamicSchema = z.strictObject({
  type: z.literal('dynamic'),
  authenticator: uri('authenticator'),
  'authenticator-realm': uri('authenticator-realm').optional(),
});

function toDynamic(d: z.infer<typeof dynamicSchema>): DynamicAuth {
  return { type: 'dynamic', authenticator: d.authenticator, ...(d['authenticator-realm'] ? { authenticatorRealm: d['authenticator-realm'] } : {}) };
}

export function parseAuth(value: unknown, path: JsonPath, issues: IssueCollector): TransportAuth | undefined {
  if (!isObject(value)) {
    issues.error(path, 'must be an object like {"ticket": {...}, "wampcra": {...}}');
    return undefined;
  }
  const auth: TransportAuth = {};
  for (const [method, config] of Object.entries(value)) {
    const at = [...path, method];
    if (has(UNSUPPORTED_AUTH, method)) {
      issues.error(at, UNSUPPORTED_AUTH[method]!);
      continue;
    }
    if (method !== 'anonymous' && method !== 'ticket' && method !== 'wampcra' && method !== 'cryptosign') {
      issues.error(at, 'unknown authentication method (supported: anonymous, ticket, wampcra, cryptosign)');
      continue;
    }
    if (!isObject(config) || (config.type !== 'static' && config.type !== 'dynamic')) {
      issues.error([...at, 'type'], 'must be "static" or "dynamic"');
      continue;
    }
    if (config.type === 'dynamic') {
      const d = parseLeaf(dynamicSchema, config, at, issues);
      if (d) auth[method] = toDynamic(d);
      continue;
    }
    if (method === 'anonymous') {
      const s = parseLeaf(z.strictObject({ type: z.literal('static'), role: name('role').optional() }), config, at, issues);
      if (s) auth.anonymous = { type: 'static', role: s.role ?? 'anonymous' } satisfies AnonymousAuth;
    } else if (method === 'ticket') {
      const t = parseTicketStatic(config, at, issues);
      if (t) auth.ticket = t;
    } else if (method === 'cryptosign') {
      const c = parseCryptosignStatic(config, at, issues);
      if (c) auth.cryptosign = c;
    } else {
      const c = parseCraStatic(config, at, issues);
      if (c) auth.wampcra = c;
    }
  }
  if (Object.keys(value).length === 0) issues.error(path, 'an empty auth section lets nobody in; remove it for anonymous access or configure a method');
  return auth;
}
