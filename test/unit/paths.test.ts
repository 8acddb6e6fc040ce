import { describe, expect, it } from 'vitest';
import { resolveDataDir, resolveKeychainService } from '../../main/paths';

describe('resolveDataDir', () => {
  const home = '/home/ann';

  it('--data-dir wins over AUTHBAHN_DATA_DIR, which wins over the platform default', () => {
    const env = { AUTHBAHN_DATA_DIR: '/srv/env-dir', XDG_CONFIG_HOME: '/xdg' };
    expect(resolveDataDir({ flag: '/flag/dir', env, platform: 'linux', home })).toBe('/flag/dir');
    expect(resolveDataDir({ env, platform: 'linux', home })).toBe('/srv/env-dir');
    expect(resolveDataDir({ flag: '', env: { AUTHBAHN_DATA_DIR: '  ' }, platform: 'linux', home })).toBe('/home/ann/.config/authbahn');
  });

  it('Linux: $XDG_CONFIG_HOME/authbahn, else ~/.config/authbahn; a relative XDG_CONFIG_HOME is ignored', () => {
    expect(resolveDataDir({ env: { XDG_CONFIG_HOME: '/xdg' }, platform: 'linux', home })).toBe('/xdg/authbahn');
    expect(resolveDataDir({ env: {}, platform: 'linux', home })).toBe('/home/ann/.config/authbahn');
    expect(resolveDataDir({ env: { XDG_CONFIG_HOME: 'relative/cfg' }, platform: 'linux', home })).toBe('/home/ann/.config/authbahn');
    expect(resolveDataDir({ env: {}, platform: 'freebsd', home })).toBe('/home/ann/.config/authbahn');
  });

  it('macOS: ~/Library/Application Support/Authbahn', () => {
    expect(resolveDataDir({ env: { XDG_CONFIG_HOME: '/xdg' }, platform: 'darwin', home: '/Users/ann' })).toBe(
      '/Users/ann/Library/Application Support/Authbahn',
    );
  });

  it('Windows: %APPDATA%\\Authbahn, else the usual Roaming folder', () => {
    expect(resolveDataDir({ env: { APPDATA: 'C:\\Users\\ann\\AppData\\Roaming' }, platform: 'win32', home: 'C:\\Users\\ann' })).toBe(
      'C:\\Users\\ann\\AppData\\Roaming\\Authbahn',
    );
    expect(resolveDataDir({ env: {}, platform: 'win32', home: 'C:\\Users\\ann' })).toBe('C:\\Users\\ann\\AppData\\Roaming\\Authbahn');
  });

  it('makes relative and ~ paths absolute', () => {
    expect(resolveDataDir({ flag: '~/vault', env: {}, platform: 'linux', home })).toBe('/home/ann/vault');
    expect(resolveDataDir({ flag: 'rel/dir', env: {}, platform: 'linux', home })).toBe(`${process.cwd()}/rel/dir`);
  });
});

describe('resolveKeychainService', () => {
  it('AUTHBAHN_KEYCHAIN_SERVICE or "Authbahn"', () => {
    expect(resolveKeychainService({})).toBe('Authbahn');
    expect(resolveKeychainService({ AUTHBAHN_KEYCHAIN_SERVICE: '' })).toBe('Authbahn');
    expect(resolveKeychainService({ AUTHBAHN_KEYCHAIN_SERVICE: 'authbahn-test-1' })).toBe('authbahn-test-1');
  });
});
