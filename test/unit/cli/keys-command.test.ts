// `authbahn keys` in-process against a temp data folder and an in-memory keychain: generate, list,
// show, import (stdin), delete --yes; the private key is never printed.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../../main/cli';
import type { CliDeps } from '../../../main/cli/command-context';
import { KEYS_USAGE } from '../../../main/cli/keys';
import { privateKeyFromSeed, rawPublicKey, toHex } from '../../../main/keys/ed25519';
import { MemorySecretStore } from '../../../main/vault/memory-secret-store';
import { tempDir } from '../accounts/fixtures';

async function cli() {
  const dataDir = join(await tempDir(), 'data');
  const secretStore = new MemorySecretStore();
  const run = async (argv: string[], stdin?: string) => {
    let out = '';
    let err = '';
    const deps: CliDeps = {
      serviceOverrides: { secretStore, platform: 'linux', probeTimeoutMs: 1_000 },
      home: '/nonexistent-home',
      ...(stdin !== undefined ? { readStdin: async () => stdin } : {}),
    };
    const code = await main(argv, { stdout: (t) => void (out += t), stderr: (t) => void (err += t), env: { AUTHBAHN_DATA_DIR: dataDir }, untilSignal: () => Promise.resolve() }, deps);
    return { code, out, err };
  };
  return { run, secretStore };
}

describe('authbahn keys', () => {
  it('generates, lists, shows and deletes keys; only public keys are printed', async () => {
    const { run, secretStore } = await cli();
    const generated = await run(['keys', 'generate', 'laptop']);
    expect(generated).toMatchObject({ code: 0, err: expect.stringContaining('Generated key "laptop"') });
    const publicKey = generated.out.trim();
    expect(publicKey).toMatch(/^[0-9a-f]{64}$/);
    const seeds = await Promise.all((await secretStore.list()).map((k) => secretStore.get(k)));
    expect(seeds).toHaveLength(1);

    expect(await run(['keys', 'show', 'laptop'])).toMatchObject({ code: 0, out: `${publicKey}\n` });
    const list = await run(['keys', 'list']);
    expect(list.out).toContain(`laptop  ${publicKey}  2`);
    const json = await run(['keys', 'list', '--json']);
    expect(JSON.parse(json.out)).toEqual([{ name: 'laptop', publicKey, createdAt: expect.any(String), origin: 'generated' }]);
    for (const r of [generated, list, json]) expect(r.out + r.err).not.toContain(seeds[0]!);

    expect(await run(['keys', 'generate', 'laptop'])).toMatchObject({ code: 1, err: expect.stringContaining('already a key named "laptop"') });
    expect(await run(['keys', 'delete', 'laptop'])).toMatchObject({ code: 2, err: expect.stringContaining('without --yes') });
    expect(await run(['keys', 'delete', 'laptop', '--yes'])).toMatchObject({ code: 0 });
    expect(await secretStore.list()).toEqual([]);
    expect(await run(['keys', 'show', 'laptop'])).toMatchObject({ code: 1, err: expect.stringContaining('no key named "laptop"') });
  });

  it('imports a private key from standard input and refuses what is not one', async () => {
    const { run } = await cli();
    const seed = '5a'.repeat(32);
    const expected = toHex(rawPublicKey(privateKeyFromSeed(Buffer.from(seed, 'hex'))));
    expect(await run(['keys', 'import', 'ci'], `${seed}\n`)).toMatchObject({ code: 0, out: `${expected}\n` });
    expect(await run(['keys', 'import', 'x'], 'hello')).toMatchObject({ code: 1, err: expect.stringContaining('expected an Ed25519 private key') });
    expect(await run(['keys', 'import', 'y'], '')).toMatchObject({ code: 1, err: expect.stringContaining('standard input held no private key') });
  });

  it('explains its usage', async () => {
    const { run } = await cli();
    expect(await run(['help', 'keys'])).toMatchObject({ code: 0, out: KEYS_USAGE });
    expect(await run(['keys'])).toMatchObject({ code: 2, err: expect.stringContaining('which action?') });
    expect(await run(['keys', 'generate'])).toMatchObject({ code: 2, err: expect.stringContaining('needs a NAME') });
    expect(await run(['keys', 'rotate', 'x'])).toMatchObject({ code: 2, err: expect.stringContaining('unknown action "rotate"') });
    expect(await run(['keys', 'generate', 'bad name'])).toMatchObject({ code: 1, err: expect.stringContaining('invalid key name') });
  });
});
