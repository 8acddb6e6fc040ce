// Static ticket authentication: {"principals": {AUTHID: {"ticket": SECRET, "role": R, "realm"?, "extra"?}}},
// where the ticket is a secret (inline or keychain) or a TOTP reference.
import type { TicketAuth, TicketPrincipal } from '../../auth/auth-config';
import type { IssueCollector, JsonPath } from '../config-error';
import { has, isObject, type Obj } from './common';
import { parseSecretRef, parseTotp } from './secret-ref';
import { parseStaticEntries } from './static-principals';

export function parseTicketStatic(config: Obj, path: JsonPath, issues: IssueCollector): TicketAuth | undefined {
  const spec = {
    listKey: 'principals',
    listError: 'must be an object like {"joe": {"ticket": "secret!!!", "role": "frontend"}}',
    entryError: 'must be an object like {"ticket": "...", "role": "..."}',
    entryKeys: ['ticket', 'role', 'realm', 'extra', 'authid'],
  };
  const principals = parseStaticEntries<TicketPrincipal>(config, spec, path, issues, (_authid, p, at, { role, realm, extra }) => {
    let ticket: TicketPrincipal['ticket'] | undefined;
    if (isObject(p.ticket) && has(p.ticket, 'totp')) {
      const totp = parseTotp(p.ticket, [...at, 'ticket'], issues);
      if (totp) ticket = { kind: 'totp', totp };
    } else {
      const secret = parseSecretRef(p.ticket, [...at, 'ticket'], issues, 'ticket');
      if (secret) ticket = { kind: 'secret', secret };
    }
    if (role === undefined || !ticket) return undefined;
    return { role, ticket, ...(realm ? { realm } : {}), ...(extra ? { extra } : {}) };
  });
  return principals && { type: 'static', principals };
}
