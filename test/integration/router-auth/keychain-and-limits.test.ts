// Secrets referenced from the config ({"keychain": NAME}, {"totp": {"account": ...}}) resolved through
// the real OS keychain (private test keyring), and the failed-login backoff seen by a real client.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpCode } from '../../../shared/otp/generate';
import { checkSecretReferences } from '../../../main/router/config/check-secrets';
import { parseRouterConfig } from '../../../main/router/config/parse-config';
import { createServices, type Services } from '../../../main/services';
import { requireKeyringSession } from '../keyring-env';
import { jsJoin, jsLeave, pyJoin, routerConfig, startRouter, type RunningRouter } from './support';

const ROLES = [{ name: 'frontend', permissions: [{ uri: 'com.example.', match: 'prefix', allow: { call: true } }] }];
const TOTP_SECRET = 'KRSXG5CTMVRXEZLUKN2XAZLSKNSWG4TFOQ';

let services: Services;
let dir: string;
let r: RunningRouter;

const AUTH = {
  ticket: {
    type: 'static',
    principals: {
      kc: { ticket: { keychain: 'it-kc-ticket' }, role: 'frontend' },
      acct: { ticket: { totp: { account: 'RouterIT:acct' } }, role: 'frontend' },
    },
  },
  wampcra: { type: 'static', users: { kcra: { secret: { keychain: 'it-kc-cra' }, role: 'frontend' } } },
};

beforeAll(async () => {
  const service = requireKeyringSession();
  dir = await mkdtemp(join(tmpdir(), 'authbahn-router-it-'));
  services = await createServices({ dataDir: join(dir, 'data'), keychainService: service, mode: 'web', clipboard: null, version: 'test' });
  await services.routerSecrets.setKeychainSecret('it-kc-ticket', 'ticket from the keychain');
  await services.routerSecrets.setKeychainSecret('it-kc-cra', 'cra secret from the keychain');
  await services.handlers.accounts.add({ type: 'totp', issuer: 'RouterIT', label: 'acct', secret: TOTP_SECRET, algorithm: 'SHA1', digits: 6, period: 30, counter: 0 });
  r = await startRouter(routerConfig(AUTH, ROLES), { secrets: services.routerSecrets });
});

afterAll(async () => {
  await r?.stop();
  await services?.routerSecrets.deleteKeychainSecret('it-kc-ticket');
  await services?.routerSecrets.deleteKeychainSecret('it-kc-cra');
  for (const a of (await services?.handlers.accounts.list()) ?? []) await services.handlers.accounts.remove(a.id);
  await services?.dispose();
  await rm(dir, { recursive: true, force: true });
});

describe('keychain references', () => {
  it('finds every reference at start-up, and names the missing ones', async () => {
    expect(await checkSecretReferences(parseRouterConfig(routerConfig(AUTH, ROLES)), services.routerSecrets)).toEqual([]);
    const broken = routerConfig({ ticket: { type: 'static', principals: { x: { ticket: { keychain: 'it-missing' }, role: 'frontend' } } } }, ROLES);
    expect(await checkSecretReferences(parseRouterConfig(broken), services.routerSecrets)).toEqual([
      'transport "main" ticket principal "x": keychain item "router:it-missing" does not exist (store it with: authbahn router secret set it-missing)',
    ]);
  });

  it('ticket and WAMP-CRA secrets come from the keychain', async () => {
    const kc = await jsJoin({ url: r.url, authmethods: ['ticket'], authid: 'kc', secret: 'ticket from the keychain' });
    expect(kc).toMatchObject({ joined: true, authid: 'kc', authrole: 'frontend' });
    await jsLeave(kc);
    expect(await pyJoin({ url: r.url, authmethods: ['wampcra'], authid: 'kcra', secret: 'cra secret from the keychain' })).toMatchObject({ joined: true, authid: 'kcra' });
  });

  it('a TOTP ticket can name an authenticator account ("issuer:label")', async () => {
    const code = totpCode(TOTP_SECRET, Date.now(), 30, 'SHA1', 6);
    const res = await jsJoin({ url: r.url, authmethods: ['ticket'], authid: 'acct', secret: code, serializer: 'msgpack' });
    expect(res).toMatchObject({ joined: true, authid: 'acct' });
    await jsLeave(res);
  });
});

describe('failed-login backoff', () => {
  it('refuses further logins for an authid after N failures, without checking the secret', async () => {
    const limited = await startRouter(
      routerConfig({ ticket: { type: 'static', principals: { joe: { ticket: 'right', role: 'frontend' }, ann: { ticket: 'ann', role: 'frontend' } } } }, ROLES, {
        workerOptions: { auth_rate_limit: { max_failures_per_authid: 3, max_failures_per_peer: 100, lockout: 60_000 } },
      }),
    );
    try {
      for (let i = 0; i < 3; i += 1) {
        expect(await jsJoin({ url: limited.url, authmethods: ['ticket'], authid: 'joe', secret: `guess-${i}` })).toMatchObject({ reason: 'wamp.error.not_authorized' });
      }
      const locked = await jsJoin({ url: limited.url, authmethods: ['ticket'], authid: 'joe', secret: 'right' });
      expect(locked).toMatchObject({ joined: false, reason: 'wamp.error.authentication_failed' });
      expect(locked.message).toMatch(/too many failed logins for authid "joe"; try again later/);
      // Another principal from the same host is not affected.
      const ann = await jsJoin({ url: limited.url, authmethods: ['ticket'], authid: 'ann', secret: 'ann' });
      expect(ann.joined).toBe(true);
      await jsLeave(ann);
    } finally {
      await limited.stop();
    }
  });
});
