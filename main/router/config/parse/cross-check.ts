// Cross-references between parts that parse fine on their own: realms and roles named by auth
// sections must exist, and no two transports may listen on the same address.
import type { IssueCollector, JsonPath } from '../config-error';
import { authParts, type RealmPlan, type TransportPlan } from '../router-plan';
import { has } from './common';

export function crossCheck(realms: RealmPlan[], transports: TransportPlan[], path: JsonPath, issues: IssueCollector): void {
  const realmNames = new Set(realms.map((r) => r.name));
  transports.flatMap(authParts).forEach((t) => {
    const at = [...path, 'transports', `(id "${t.id}")`];
    const check = (realm: string | undefined, role: string | undefined, where: string) => {
      if (realm !== undefined && !realmNames.has(realm)) issues.error(at, `${where}: realm "${realm}" is not defined in realms`);
      if (realm !== undefined && role !== undefined && realmNames.has(realm)) {
        const plan = realms.find((r) => r.name === realm)!;
        if (!has(plan.roles, role)) issues.error(at, `${where}: role "${role}" is not defined in realm "${realm}"`);
      }
      if (realm === undefined && role !== undefined && realms.length > 0 && !realms.some((r) => has(r.roles, role))) {
        issues.error(at, `${where}: role "${role}" is not defined in any realm`);
      }
    };
    const auth = t.auth;
    if (!auth) {
      if (!realms.some((r) => has(r.roles, 'anonymous'))) {
        issues.warn(at, 'no "auth" section: clients join as role "anonymous", which no realm defines');
      }
      return;
    }
    for (const method of ['anonymous', 'ticket', 'wampcra', 'cryptosign'] as const) {
      const m = auth[method];
      if (m?.type === 'dynamic' && m.authenticatorRealm !== undefined && !realmNames.has(m.authenticatorRealm)) {
        issues.error(at, `auth.${method}: authenticator-realm "${m.authenticatorRealm}" is not defined in realms`);
      }
    }
    if (auth.anonymous?.type === 'static') check(undefined, auth.anonymous.role, 'auth.anonymous');
    if (auth.ticket?.type === 'static') {
      for (const [authid, p] of Object.entries(auth.ticket.principals)) check(p.realm, p.role, `auth.ticket.principals["${authid}"]`);
    }
    if (auth.wampcra?.type === 'static') {
      for (const [authid, u] of Object.entries(auth.wampcra.users)) check(u.realm, u.role, `auth.wampcra.users["${authid}"]`);
    }
    if (auth.cryptosign?.type === 'static') {
      for (const [authid, p] of Object.entries(auth.cryptosign.principals)) check(p.realm, p.role, `auth.cryptosign.principals["${authid}"]`);
    }
  });
  const ports = new Map<string, string>();
  for (const t of transports) {
    const key = t.socketPath !== undefined ? `unix:${t.socketPath}` : `${t.host}:${t.port}`;
    if ((t.port !== 0 || t.socketPath !== undefined) && ports.has(key)) issues.error([...path, 'transports'], `transports "${ports.get(key)}" and "${t.id}" both listen on ${key}`);
    ports.set(key, t.id);
  }
}
