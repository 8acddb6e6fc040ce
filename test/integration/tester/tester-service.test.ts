// The `tester` API handlers as the UI calls them (createServices with the real test keychain) against
// our router: saved profiles with keychain secrets, runs by id and inline, run-all, a TOTP profile that
// uses a stored authenticator account, and exported reports.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../../shared/api/dispatch';
import type { TesterProfileInput } from '../../../shared/api/tester-contract';
import { createServices, type Services } from '../../../main/services';
import { PROFILES_FILE_NAME, profileSecretKey } from '../../../main/tester/profiles-store';
import { requireKeyringSession, secretToolLookup } from '../keyring-env';
import { ALICE_PASSWORD, startOurRouter, TOTP_SECRET, type RunningRouter } from './support/our-router';

let router: RunningRouter;
let services: Services;
let work: string;
let keychainService: string;

beforeAll(async () => {
  keychainService = requireKeyringSession();
  router = await startOurRouter();
  work = await mkdtemp(join(tmpdir(), 'authbahn-tester-it-'));
  services = await createServices({ dataDir: work, keychainService, mode: 'web', clipboard: null, version: '0.0.0-test' });
});

afterAll(async () => {
  if (services) {
    for (const p of await services.handlers.tester.listProfiles()) await services.handlers.tester.removeProfile(p.id);
    for (const a of await services.handlers.accounts.list()) await services.handlers.accounts.remove(a.id);
    await services.dispose();
  }
  await router?.stop();
  if (work) await rm(work, { recursive: true, force: true });
});

const noProbes = { call: [], register: [], publish: [], subscribe: [] };
const input = (over: Partial<TesterProfileInput>): TesterProfileInput => ({
  name: 'p',
  url: router.url,
  realm: 'realm1',
  authmethod: 'anonymous',
  serializer: 'json',
  timeoutMs: 3000,
  probes: noProbes,
  ...over,
});

describe('tester API', () => {
  it('stores profile secrets in the OS keychain, never in the profiles file', async () => {
    const joe = await services.handlers.tester.saveProfile(input({ name: 'joe', authmethod: 'ticket', authid: 'joe' }), 'secret!!!');
    expect(joe.hasSecret).toBe(true);
    expect(await secretToolLookup(keychainService, profileSecretKey(joe.id))).toBe('secret!!!');
    const file = await readFile(join(work, PROFILES_FILE_NAME), 'utf8');
    expect(file).toContain('"joe"');
    expect(file).not.toContain('secret!!!');
  });

  it('runs a saved profile with its keychain secret, and every profile with runAll', async () => {
    await services.handlers.tester.saveProfile(input({ name: 'alice', authmethod: 'wampcra', authid: 'alice', serializer: 'cbor' }), ALICE_PASSWORD);
    await services.handlers.tester.saveProfile(input({ name: 'nowhere', realm: 'nope' }), undefined);
    const profiles = await services.handlers.tester.listProfiles();
    const joe = profiles.find((p) => p.name === 'joe')!;

    const one = await services.handlers.tester.run({ profileId: joe.id });
    expect(one).toMatchObject({ outcome: 'welcome', profileId: joe.id, profileName: 'joe' });

    const all = await services.handlers.tester.runAll();
    expect(all.map((r) => [r.profileName, r.outcome, r.diagnosis.kind])).toEqual([
      ['joe', 'welcome', 'ok'],
      ['alice', 'welcome', 'ok'],
      ['nowhere', 'abort', 'no_such_realm'],
    ]);
    expect(all[1]!.details).toMatchObject({ subprotocol: 'wamp.2.cbor', craKey: 'password' });
  });

  it('runs a TOTP profile with the secret of a stored authenticator account', async () => {
    const account = await services.handlers.accounts.add({
      type: 'totp',
      issuer: 'Router',
      label: 'ann',
      secret: TOTP_SECRET,
      algorithm: 'SHA1',
      digits: 6,
      period: 30,
      counter: 0,
    });
    const profile = await services.handlers.tester.saveProfile(input({ name: 'ann', authmethod: 'totp', authid: 'ann', totpAccountId: account.id }), undefined);
    const result = await services.handlers.tester.run({ profileId: profile.id });
    expect(result.outcome).toBe('welcome');
    expect(result.details.welcome).toMatchObject({ authid: 'ann', authmethod: 'ticket' });
    await services.handlers.tester.removeProfile(profile.id);
  });

  it('reports a missing secret without connecting', async () => {
    const result = await services.handlers.tester.run({ profile: input({ name: 'inline', authmethod: 'ticket', authid: 'joe' }) });
    expect(result).toMatchObject({ outcome: 'no_connection', reason: 'missing_secret' });
    expect(result.trace.some((e) => e.name === 'HELLO')).toBe(false);
  });

  it('exports the last batch as JSON and Markdown, and validates requests', async () => {
    const all = await services.handlers.tester.runAll();
    const json = JSON.parse((await services.handlers.tester.exportReport('json')).content);
    expect(json.results.map((r: { id: string }) => r.id)).toEqual(all.map((r) => r.id));
    const md = await services.handlers.tester.exportReport('markdown', [all[0]!.id]);
    expect(md.content).toContain('## joe');
    expect(md.content).not.toContain('secret!!!');
    await expect(services.handlers.tester.exportReport('json', ['unknown'])).rejects.toMatchObject({ code: 'NOT_FOUND' });

    const bad = await dispatch(services.handlers, 'tester', 'saveProfile', [{ ...input({}), authmethod: 'kerberos' }, undefined]);
    expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    const badUrl = await dispatch(services.handlers, 'tester', 'saveProfile', [input({ url: 'https://example.com' }), undefined]);
    expect(badUrl).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
  });

  it('removes a profile together with its keychain secret', async () => {
    const joe = (await services.handlers.tester.listProfiles()).find((p) => p.name === 'joe')!;
    await services.handlers.tester.removeProfile(joe.id);
    expect(await secretToolLookup(keychainService, profileSecretKey(joe.id))).toBeNull();
    expect((await services.handlers.tester.listProfiles()).map((p) => p.name)).not.toContain('joe');
  });
});
