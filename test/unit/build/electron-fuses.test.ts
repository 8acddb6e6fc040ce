// The packaged app's Electron fuses (electron-builder.yml), read and validated with electron-builder's own
// config loader and JSON schema, so a misspelt key fails here rather than being silently ignored at `npm run dist`.
import { resolve } from 'node:path';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config';
import { DebugLogger } from 'builder-util';
import { beforeAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '..', '..', '..');

async function builderConfig() {
  const config = await getConfig(root, resolve(root, 'electron-builder.yml'), null);
  // Throws InvalidConfigurationError on any key or value electron-builder's schema does not know.
  await validateConfiguration(config, new DebugLogger(false));
  return config;
}

// Loading app-builder-lib and its schema takes seconds on a busy 2-core machine: do it once, with room.
let loaded: ReturnType<typeof builderConfig>;
beforeAll(() => {
  loaded = builderConfig();
  return loaded.then(() => undefined);
}, 60_000);

describe('electron-builder.yml', () => {
  it('is valid for electron-builder', async () => {
    await expect(loaded).resolves.toBeDefined();
  });

  it('packs the app into app.asar', async () => {
    const config = await loaded;
    // Absent means electron-builder's default (true); false or an options object without it is not wanted.
    expect(config.asar === undefined || config.asar === true).toBe(true);
  });

  it('flips the fuses that let other code run as the app', async () => {
    const { electronFuses } = await loaded;
    expect(electronFuses).toMatchObject({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      loadBrowserProcessSpecificV8Snapshot: false,
    });
    // Kept on: the window loads index.html and its module scripts from file:// (see the comment in the yml).
    expect(electronFuses?.grantFileProtocolExtraPrivileges).not.toBe(false);
  });
});
