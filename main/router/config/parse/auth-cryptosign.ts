// Static WAMP-Cryptosign: {"principals": {AUTHID: {"authorized_keys": [HEX, ...], "role": R, "realm"?, "extra"?}}}.
// Authbahn extension: an authorized key may be {"keychain-key": NAME}, the public key of the app's
// stored key NAME (`authbahn keys generate NAME`), looked up on every login.
import { KEY_NAME_PATTERN, KEY_NAME_RULE } from '../../../../shared/api/keys-contract';
import type { AuthorizedKey, CryptosignAuth, CryptosignPrincipal } from '../../auth/auth-config';
import type { IssueCollector, JsonPath } from '../config-error';
import { has, isObject, onlyKeys, type Obj } from './common';
import { parseStaticEntries } from './static-principals';

export function parseCryptosignStatic(config: Obj, path: JsonPath, issues: IssueCollector): CryptosignAuth | undefined {
  const spec = {
    listKey: 'principals',
    listError: 'must be an object like {"client01": {"authorized_keys": ["545efb0a…"], "role": "frontend"}}',
    entryError: 'must be an object like {"authorized_keys": ["…"], "role": "…"}',
    entryKeys: ['authorized_keys', 'role', 'realm', 'extra', 'authid'],
  };
  const owners = new Map<string, string>();
  const principals = parseStaticEntries<CryptosignPrincipal>(config, spec, path, issues, (authid, p, at, { role, realm, extra }) => {
    const keys = parseAuthorizedKeys(p.authorized_keys, [...at, 'authorized_keys'], issues);
    for (const key of keys ?? []) {
      const id = key.kind === 'hex' ? key.publicKey : `keychain-key ${key.name}`;
      const owner = owners.get(id);
      if (owner !== undefined && owner !== authid) {
        issues.warn([...at, 'authorized_keys'], `the key ${key.kind === 'hex' ? key.publicKey.slice(0, 16) + '…' : `"${key.name}"`} is also authorized for "${owner}": a client sending it without an authid cannot be identified`);
      }
      owners.set(id, authid);
    }
    if (role === undefined || !keys) return undefined;
    return { role, authorizedKeys: keys, ...(realm ? { realm } : {}), ...(extra ? { extra } : {}) };
  });
  return principals && { type: 'static', principals };
}

function parseAuthorizedKeys(value: unknown, path: JsonPath, issues: IssueCollector): AuthorizedKey[] | undefined {
  if (!Array.isArray(value) || value.length === 0) {
    issues.error(path, 'must be a non-empty list of Ed25519 public keys (64 hex digits) or {"keychain-key": "NAME"}');
    return undefined;
  }
  if (value.length > 1000) {
    issues.error(path, 'at most 1000 keys per principal');
    return undefined;
  }
  const keys: AuthorizedKey[] = [];
  let ok = true;
  value.forEach((entry, i) => {
    if (typeof entry === 'string') {
      if (/^[0-9a-fA-F]{64}$/.test(entry)) keys.push({ kind: 'hex', publicKey: entry.toLowerCase() });
      else {
        issues.error([...path, i], 'an Ed25519 public key is 32 bytes in hex (64 hex digits)');
        ok = false;
      }
    } else if (isObject(entry) && has(entry, 'keychain-key')) {
      onlyKeys(entry, ['keychain-key'], [...path, i], issues);
      const keyName = entry['keychain-key'];
      if (typeof keyName === 'string' && KEY_NAME_PATTERN.test(keyName)) keys.push({ kind: 'keychain-key', name: keyName });
      else {
        issues.error([...path, i, 'keychain-key'], KEY_NAME_RULE);
        ok = false;
      }
    } else {
      issues.error([...path, i], 'must be a public key (64 hex digits) or {"keychain-key": "NAME"}');
      ok = false;
    }
  });
  return ok ? keys : undefined;
}
