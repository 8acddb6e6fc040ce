import { describe, expect, it } from 'vitest';
import { convertStarredUri, PermissionTable, toPermission, type PermissionInput } from '../../../../main/router/auth/permissions';

const table = (...inputs: PermissionInput[]) => new PermissionTable(inputs.map(toPermission));
const all = { call: true, register: true, publish: true, subscribe: true };

describe('convertStarredUri (Crossbar legacy form)', () => {
  it('converts stars like autobahn.wamp.uri.convert_starred_uri', () => {
    expect(convertStarredUri('com.example.*')).toEqual({ uri: 'com.example.', match: 'prefix' });
    expect(convertStarredUri('*')).toEqual({ uri: '', match: 'prefix' });
    expect(convertStarredUri('com.*.create')).toEqual({ uri: 'com..create', match: 'wildcard' });
    expect(convertStarredUri('com.example.add2')).toEqual({ uri: 'com.example.add2', match: 'exact' });
    expect(convertStarredUri('com.*.x.*')).toEqual({ uri: 'com..x.', match: 'wildcard' });
  });
});

describe('PermissionTable', () => {
  it('denies everything without a matching permission', () => {
    const t = table({ uri: 'com.example.', match: 'prefix', allow: all });
    expect(t.decide('org.other.proc', 'call')).toEqual({ allow: false, disclose: false, cache: true });
  });

  it('exact beats prefix, and the longest prefix wins', () => {
    const t = table(
      { uri: 'com.example.', match: 'prefix', allow: { call: true } },
      { uri: 'com.example.admin.', match: 'prefix', allow: { call: false, subscribe: true } },
      { uri: 'com.example.admin.status', match: 'exact', allow: { call: true } },
    );
    expect(t.decide('com.example.add2', 'call').allow).toBe(true);
    expect(t.decide('com.example.admin.reboot', 'call').allow).toBe(false);
    expect(t.decide('com.example.admin.reboot', 'subscribe').allow).toBe(true);
    expect(t.decide('com.example.admin.status', 'call').allow).toBe(true);
    expect(t.decide('com.example.admin.status', 'subscribe').allow).toBe(false);
  });

  it('matches wildcards component-wise and prefers them over prefixes, like Crossbar', () => {
    const t = table({ uri: 'com.', match: 'prefix', allow: { publish: true } }, { uri: 'com..secret', match: 'wildcard', allow: { publish: false } });
    expect(t.decide('com.a.secret', 'publish').allow).toBe(false);
    expect(t.decide('com.a.public', 'publish').allow).toBe(true);
    expect(t.decide('com.a.b.secret', 'publish').allow).toBe(true); // component count differs: no wildcard match
  });

  it('prefers the more specific of two matching wildcards', () => {
    const t = table(
      { uri: 'com..create', match: 'wildcard', allow: { call: false } },
      { uri: 'com.example..create', match: 'wildcard', allow: { call: true } },
    );
    expect(t.decide('com.example.user.create', 'call').allow).toBe(true);
    expect(t.decide('com.other.create', 'call').allow).toBe(false);
  });

  it('treats the starred legacy form as prefix / wildcard', () => {
    const t = table({ uri: 'com.example.*', allow: { subscribe: true } }, { uri: '*', allow: { call: true } });
    expect(t.decide('com.example.topic', 'subscribe').allow).toBe(true);
    expect(t.decide('anything.at.all', 'call').allow).toBe(true);
    expect(t.decide('anything.at.all', 'subscribe').allow).toBe(false);
  });

  it('reports disclose per action (caller for call, publisher for publish)', () => {
    const t = table({ uri: 'com.', match: 'prefix', allow: all, disclose: { caller: true, publisher: false } });
    expect(t.decide('com.x', 'call').disclose).toBe(true);
    expect(t.decide('com.x', 'publish').disclose).toBe(false);
    expect(t.decide('com.x', 'register').disclose).toBe(false);
  });
});
