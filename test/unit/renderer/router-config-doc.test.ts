// The structured router editor's document edits: they change only what they are about and keep the rest.
import { describe, expect, it } from 'vitest';
import {
  allRoleNames,
  editDoc,
  firstPort,
  freshKey,
  parseDoc,
  readPermission,
  readSecret,
  renameKey,
  routerWorker,
  setFirstPort,
  suggestSecretName,
  writePermission,
  writeSecret,
  wsSection,
  type Obj,
} from '../../../renderer/features/router/config-doc';
import { mergeEntries } from '../../../renderer/features/router/useAuthLog';
import { parsePort } from '../../../renderer/features/router/RouterStatusCard';
import type { RouterAuthLogEntry } from '../../../shared/api/router-contract';

const CONFIG = {
  version: 2,
  controller: {},
  workers: [
    { type: 'container' },
    {
      type: 'router',
      options: { dynamic_auth_timeout: 5000 },
      realms: [{ name: 'realm1', roles: [{ name: 'frontend', permissions: [{ uri: 'com.example.*', call: true, subscribe: true, cache: true }] }, { name: 'backend', authorizer: 'com.example.authorize' }] }],
      transports: [
        { type: 'web', id: 'main', endpoint: { type: 'tcp', port: '8080' }, paths: { '/': { type: 'static' }, ws: { type: 'websocket', auth: { ticket: { type: 'dynamic', authenticator: 'com.example.auth' } } } } },
      ],
    },
  ],
};
const TEXT = JSON.stringify(CONFIG);

describe('router config document', () => {
  it('finds the router worker, its roles, the websocket section of a web transport and the port', () => {
    const doc = (parseDoc(TEXT) as { ok: true; doc: Obj }).doc;
    expect(routerWorker(doc)?.options).toEqual({ dynamic_auth_timeout: 5000 });
    expect(allRoleNames(doc)).toEqual(['frontend', 'backend']);
    const transport = (routerWorker(doc)!.transports as Obj[])[0]!;
    expect(wsSection(transport)?.auth).toEqual({ ticket: { type: 'dynamic', authenticator: 'com.example.auth' } });
    expect(firstPort(doc)).toBe(8080);
    expect(parseDoc('[1]')).toEqual({ ok: false, error: 'the config must be a JSON object' });
    expect(parseDoc('{').ok).toBe(false);
  });

  it('reads legacy permissions and writes them in the current form, keeping other keys', () => {
    const edited = editDoc(TEXT, (doc) => {
      const role = ((routerWorker(doc)!.realms as Obj[])[0]!.roles as Obj[])[0]!;
      const p = (role.permissions as Obj[])[0]!;
      const row = readPermission(p);
      expect(row).toEqual({ uri: 'com.example.*', match: 'prefix', allow: { call: true, register: false, publish: false, subscribe: true } });
      writePermission(p, { ...row, allow: { ...row.allow, publish: true } });
      expect(p.match).toBeUndefined();
      writePermission(p, { uri: 'com.example.', match: 'prefix', allow: { ...row.allow, publish: true } });
    });
    const doc = JSON.parse(edited);
    expect(doc.workers[1].realms[0].roles[0].permissions[0]).toEqual({
      uri: 'com.example.',
      cache: true,
      match: 'prefix',
      allow: { call: true, register: false, publish: true, subscribe: true },
    });
    // Everything the edit was not about is unchanged.
    expect(doc.workers[0]).toEqual(CONFIG.workers[0]);
    expect(doc.workers[1].realms[0].roles[1]).toEqual({ name: 'backend', authorizer: 'com.example.authorize' });
    expect(doc.workers[1].transports).toEqual(CONFIG.workers[1]!.transports);
    expect(editDoc('not json', () => undefined)).toBe('not json');
  });

  it('sets the port of the first transport only', () => {
    const doc = JSON.parse(editDoc(TEXT, (d) => setFirstPort(d, 0)));
    expect(doc.workers[1].transports[0].endpoint).toEqual({ type: 'tcp', port: 0 });
  });

  it('maps secret sources both ways', () => {
    expect(readSecret('plain')).toEqual({ kind: 'inline', value: 'plain' });
    expect(readSecret({ keychain: 'joe' })).toEqual({ kind: 'keychain', name: 'joe' });
    expect(readSecret({ totp: { account: 'GitHub:alice' } })).toEqual({ kind: 'account', account: 'GitHub:alice' });
    expect(readSecret({ totp: 'JBSWY3DPEHPK3PXP' })).toEqual({ kind: 'other' });
    expect(writeSecret({ kind: 'keychain', name: 'joe' })).toEqual({ keychain: 'joe' });
    expect(writeSecret({ kind: 'account', account: 'id1' })).toEqual({ totp: { account: 'id1' } });
    expect(writeSecret({ kind: 'inline', value: 'x' })).toBe('x');
    expect(suggestSecretName('main', 'ticket', 'joe smith!')).toBe('main-ticket-joe_smith_');
  });

  it('renames authid keys in place and picks fresh ones', () => {
    expect(Object.keys(renameKey({ a: 1, b: 2, c: 3 }, 'b', 'x'))).toEqual(['a', 'x', 'c']);
    expect(renameKey({ a: 1, b: 2 }, 'a', 'b')).toEqual({ a: 1, b: 2 });
    expect(freshKey({ user1: {}, user2: {} }, 'user')).toBe('user3');
  });
});

describe('router screen helpers', () => {
  const entry = (seq: number): RouterAuthLogEntry => ({
    seq,
    time: '2026-01-01T00:00:00.000Z',
    transport: 'local',
    peer: 'tcp4:127.0.0.1:1',
    realm: 'realm1',
    authid: null,
    authmethod: 'anonymous',
    outcome: 'success',
    authrole: 'anonymous',
    reason: null,
    message: null,
  });

  it('merges auth log entries by seq without duplicates, oldest first, bounded', () => {
    expect(mergeEntries([entry(1), entry(3)], [entry(3), entry(2)]).map((e) => e.seq)).toEqual([1, 2, 3]);
    const many = Array.from({ length: 600 }, (_, i) => entry(i + 1));
    const merged = mergeEntries([], many);
    expect(merged).toHaveLength(500);
    expect(merged[0]!.seq).toBe(101);
  });

  it('accepts ports 0–65535 only', () => {
    expect(parsePort('0')).toBe(0);
    expect(parsePort(' 8080 ')).toBe(8080);
    expect(parsePort('65536')).toBeNull();
    expect(parsePort('-1')).toBeNull();
    expect(parsePort('80a')).toBeNull();
  });
});
