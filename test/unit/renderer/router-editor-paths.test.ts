// Pure logic behind the Router editor's issue links, issue labels, principal renames (keychain names)
// and cryptosign key rows.
import { describe, expect, it } from 'vitest';
import {
  keychainNames,
  readAuthorizedKey,
  renamePrincipal,
  routerWorkerIndex,
  writeAuthorizedKey,
  wsSectionPath,
  isPublicKeyHex,
  type Obj,
} from '../../../renderer/features/router/config-doc';
import { ancestorPaths, describeIssue, formatPath, locateJsonPath, offsetOf, parsePath } from '../../../renderer/features/router/config-paths';
import { formatPath as mainFormatPath } from '../../../main/router/config/config-error';
import { parseRouterConfigText } from '../../../main/router/config/load-config';
import { RouterConfigError } from '../../../main/router/config/config-error';

describe('JSON paths', () => {
  const samples: (string | number)[][] = [
    ['workers', 0, 'realms', 1, 'name'],
    ['workers', 1, 'transports', 0, 'paths', 'ws', 'auth', 'ticket', 'principals', 'joe smith', 'role'],
    ['workers', 0, 'transports', 0, 'auth', 'cryptosign', 'principals', 'client-1', 'authorized_keys', 2, 'keychain-key'],
    ['a"b', 'c\\d'],
  ];

  it('formats exactly like the router parser, and parses back', () => {
    for (const path of samples) {
      expect(formatPath(path)).toBe(mainFormatPath(path));
      expect(parsePath(formatPath(path))).toEqual(path);
    }
    expect(parsePath('(file)')).toBeNull();
    expect(parsePath('(top level)')).toBeNull();
    expect(parsePath('workers[0')).toBeNull();
  });

  it('lists the path and its ancestors, deepest first', () => {
    expect(ancestorPaths(['workers', 0, 'realms', 2, 'name'])).toEqual(['workers[0].realms[2].name', 'workers[0].realms[2]', 'workers[0].realms', 'workers[0]', 'workers']);
  });

  it('finds the key of a path in JSON text, or its deepest existing ancestor', () => {
    const text = '{\n  "workers": [\n    {"type": "router",\n     "realms": [{"name": "realm1", "roles": []}]}\n  ]\n}\n';
    const name = locateJsonPath(text, ['workers', 0, 'realms', 0, 'name'])!;
    expect(text.slice(name.start, name.end)).toBe('"name": "realm1"');
    const missing = locateJsonPath(text, ['workers', 0, 'realms', 0, 'roles', 3, 'name'])!;
    expect(text.slice(missing.start, missing.end)).toBe('"roles": []');
    const item = locateJsonPath(text, ['workers', 0])!;
    expect(text.slice(item.start, item.start + 1)).toBe('{');
    expect(locateJsonPath('{"a": [1, 2', ['a'])).toBeNull();
    expect(locateJsonPath(text, ['nothing'])).toBeNull();
  });

  it('turns line/column into an offset', () => {
    expect(offsetOf('ab\ncd\nef', 2, 2)).toBe(4);
    expect(offsetOf('ab', 9, 1)).toBe(2);
  });
});

describe('issue labels', () => {
  it('names a JSON syntax error of the draft "Draft … at line X", not "(file)"', () => {
    const error = (() => {
      try {
        parseRouterConfigText('{\n  "version": 2,\n  "workers": [}\n');
      } catch (e) {
        return e as RouterConfigError;
      }
      throw new Error('expected a syntax error');
    })();
    const issue = error.issues[0]!;
    expect(issue.path).toBe('(file)');
    const view = describeIssue(issue, true);
    expect(view.where).toBe('Draft');
    expect(view.message).toMatch(/^not valid JSON at line 3, column \d+/);
    expect(view.line).toBe(3);
    expect(describeIssue(issue, false).where).toBe('router.json');
    expect(describeIssue({ path: 'workers[0].realms[0].name', message: 'bad' }, true)).toEqual({ where: 'workers[0].realms[0].name', message: 'bad' });
  });
});

describe('principal renames', () => {
  const entries = (): Obj => ({
    user1: { ticket: { keychain: 'local-ticket-user1' }, role: 'frontend' },
    ann: { ticket: { keychain: 'my-own-name' }, role: 'frontend' },
  });
  const where = (stored: string[] = []) => ({ transportId: 'local', method: 'ticket' as const, isStored: (n: string) => stored.includes(n) });

  it('lets the suggested keychain name follow the authid while nothing is stored under it', () => {
    let e = entries();
    for (const next of ['j', 'jo', 'joe']) e = renamePrincipal(e, Object.keys(e)[0]!, next, where());
    expect(Object.keys(e)).toEqual(['joe', 'ann']);
    expect(e.joe).toEqual({ ticket: { keychain: 'local-ticket-joe' }, role: 'frontend' });
  });

  it('keeps the name of a stored secret (no orphaned keychain item) and of a name the user chose', () => {
    const stored = renamePrincipal(entries(), 'user1', 'joe', where(['local-ticket-user1']));
    expect(stored.joe).toEqual({ ticket: { keychain: 'local-ticket-user1' }, role: 'frontend' });
    const custom = renamePrincipal(entries(), 'ann', 'anna', where());
    expect(custom.anna).toEqual({ ticket: { keychain: 'my-own-name' }, role: 'frontend' });
  });

  it('renames WAMP-CRA users the same way, and refuses a rename onto an existing authid', () => {
    const users = { user1: { secret: { keychain: 'local-wampcra-user1' }, role: 'r' } };
    expect(renamePrincipal(users, 'user1', 'bob', { transportId: 'local', method: 'wampcra', isStored: () => false })).toEqual({
      bob: { secret: { keychain: 'local-wampcra-bob' }, role: 'r' },
    });
    const e = entries();
    expect(renamePrincipal(e, 'user1', 'ann', where())).toBe(e);
  });

  it('collects the keychain names the config refers to', () => {
    const doc: Obj = {
      workers: [
        { type: 'container' },
        {
          type: 'router',
          transports: [
            { type: 'websocket', auth: { ticket: { type: 'static', principals: entries() }, wampcra: { type: 'static', users: { u: { secret: { keychain: 'cra-u' } }, v: { secret: 'inline' } } } } },
            { type: 'web', paths: { '/': { type: 'static' }, ws: { type: 'websocket', auth: { ticket: { type: 'static', principals: { z: { ticket: { keychain: 'z' } } } } } } } },
          ],
        },
      ],
    };
    expect(keychainNames(doc)).toEqual(['cra-u', 'local-ticket-user1', 'my-own-name', 'z']);
    expect(routerWorkerIndex(doc)).toBe(1);
    expect(wsSectionPath({ type: 'web', paths: { '/': { type: 'static' }, ws: { type: 'websocket' } } })).toEqual(['paths', 'ws']);
    expect(wsSectionPath({ type: 'websocket' })).toEqual([]);
    expect(wsSectionPath({ type: 'rawsocket' })).toBeUndefined();
  });
});

describe('cryptosign authorized keys', () => {
  it('reads and writes hex keys and stored-key references as the router config spells them', () => {
    const hex = 'ab'.repeat(32);
    expect(readAuthorizedKey(hex)).toEqual({ kind: 'hex', value: hex });
    expect(readAuthorizedKey({ 'keychain-key': 'laptop' })).toEqual({ kind: 'stored', name: 'laptop' });
    expect(readAuthorizedKey(42)).toEqual({ kind: 'other' });
    expect(writeAuthorizedKey({ kind: 'stored', name: 'laptop' })).toEqual({ 'keychain-key': 'laptop' });
    expect(writeAuthorizedKey({ kind: 'hex', value: hex })).toBe(hex);
    expect(isPublicKeyHex(hex)).toBe(true);
    expect(isPublicKeyHex(hex.slice(2))).toBe(false);
  });
});
