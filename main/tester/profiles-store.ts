// tester-profiles.json: saved connection-test profiles. Only metadata lives in the file — a profile's
// ticket / WAMP-CRA secret / TOTP secret is kept in the keychain under `tester:<profileId>`, and the
// password of its URL (ws://user:PASSWORD@host, sent as HTTP Basic auth) under
// `tester:<profileId>:url-password`; the file keeps the URL without it (ws://user@host).
// Writes are atomic (temp file, fsync, rename, like accounts.json); every read-modify-write re-reads the
// file while holding tester-profiles.json.lock (in-process queue + cross-process lock), so the app and a
// CLI process never drop each other's changes. An unreadable file is moved aside, never overwritten.
import { parseRouterUrl } from '../../shared/wamp/router-url';
import { randomUUID } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { AppError } from '../../shared/api/errors';
import { testerProfileDraftSchema, type TesterProfileInput, type TesterProfileView } from '../../shared/api/tester-contract';
import type { SecretStore } from '../vault/secret-store';
import { writeFileAtomic } from '../fs/atomic-file';
import { readText, setAside } from '../fs/data-file';
import { LockedQueue } from '../fs/locked-queue';
import { hasUserinfo, urlPassword, urlUsername, withoutUrlPassword } from '../../shared/wamp/url-password';

export const PROFILES_FILE_NAME = 'tester-profiles.json';
const FILE_VERSION = 1;

/** Keychain item name of a profile's secret. */
export const profileSecretKey = (profileId: string): string => `tester:${profileId}`;

/** Keychain item name of the password of a profile's URL. */
export const profileUrlPasswordKey = (profileId: string): string => `tester:${profileId}:url-password`;

const storedProfileSchema = testerProfileDraftSchema.extend({
  id: z.string().min(1).max(64),
  hasSecret: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
const fileSchema = z.object({ version: z.literal(FILE_VERSION), profiles: z.array(storedProfileSchema).max(10_000) });

export interface ProfilesStoreOptions {
  dir: string;
  secrets: SecretStore;
  now: () => number;
  /** Non-fatal problems (a corrupt file set aside) for the app status. */
  warn: (message: string) => void;
}

export class ProfilesStore {
  readonly path: string;
  private readonly queue: LockedQueue;

  constructor(private readonly options: ProfilesStoreOptions) {
    this.path = join(options.dir, PROFILES_FILE_NAME);
    this.queue = new LockedQueue(this.path);
  }

  list(): Promise<TesterProfileView[]> {
    return this.queue.run(() => this.load());
  }

  async get(id: string): Promise<TesterProfileView> {
    const profile = (await this.list()).find((p) => p.id === id);
    if (!profile) throw new AppError('NOT_FOUND', `No tester profile with id "${id}"`, { id });
    return profile;
  }

  /** The stored secret of a profile, or null when it has none. */
  secret(id: string): Promise<string | null> {
    return this.options.secrets.get(profileSecretKey(id));
  }

  /** The password of a profile's URL (as written, percent-escapes and all), or null when it has none. */
  urlPassword(id: string): Promise<string | null> {
    return this.options.secrets.get(profileUrlPasswordKey(id));
  }

  /**
   * Creates (no id) or replaces a profile. `secret`: string = store in the keychain, null = delete it,
   * undefined = keep. A password in the URL moves to the keychain; saving the URL without one keeps the
   * stored password while user and host stay the same (so editing other fields keeps it), and drops it
   * otherwise — a password must not follow the profile to another host or user unasked.
   * The keychain is written first and restored if the file cannot be saved.
   */
  save(input: TesterProfileInput, secret: string | null | undefined): Promise<TesterProfileView> {
    return this.queue.run(async () => {
      const profiles = await this.load();
      const stamp = new Date(this.options.now()).toISOString();
      const existing = input.id === undefined ? undefined : profiles.find((p) => p.id === input.id);
      if (input.id !== undefined && !existing) throw new AppError('NOT_FOUND', `No tester profile with id "${input.id}"`, { id: input.id });
      const { id: _ignored, ...draft } = input;
      const parsed = testerProfileDraftSchema.safeParse(draft);
      if (!parsed.success) throw new AppError('INVALID_ARGUMENT', `Invalid profile: ${parsed.error.issues[0]?.message ?? 'does not match'}`);
      checkUrl(parsed.data.url);
      const typedUrlPassword = urlPassword(parsed.data.url);
      const url = withoutUrlPassword(parsed.data.url);
      const id = existing?.id ?? randomUUID();
      const key = profileSecretKey(id);
      const urlKey = profileUrlPasswordKey(id);
      // string = store, null = delete, undefined = leave as it is.
      let urlPasswordChange: string | null | undefined;
      if (typedUrlPassword !== null) urlPasswordChange = typedUrlPassword;
      else if (!existing || !hasUserinfo(existing.url)) urlPasswordChange = undefined; // none can be stored
      else urlPasswordChange = hasUserinfo(url) && sameUserAndHost(existing.url, url) ? undefined : null;
      const previousSecret = secret === undefined ? undefined : await this.options.secrets.get(key);
      const previousUrlPassword = urlPasswordChange === undefined ? undefined : await this.options.secrets.get(urlKey);
      const hasSecret = secret === undefined ? (existing?.hasSecret ?? false) : secret !== null && secret !== '';
      const view: TesterProfileView = {
        ...stripUndefined(parsed.data),
        url,
        id,
        hasSecret,
        createdAt: existing?.createdAt ?? stamp,
        updatedAt: stamp,
      };
      if (secret !== undefined) {
        if (hasSecret) await this.options.secrets.set(key, secret!);
        else await this.options.secrets.delete(key);
      }
      if (urlPasswordChange !== undefined) {
        if (urlPasswordChange !== null) await this.options.secrets.set(urlKey, urlPasswordChange);
        else await this.options.secrets.delete(urlKey);
      }
      const next = existing ? profiles.map((p) => (p.id === id ? view : p)) : [...profiles, view];
      try {
        await this.write(next);
      } catch (error) {
        if (secret !== undefined) {
          await (previousSecret ? this.options.secrets.set(key, previousSecret) : this.options.secrets.delete(key)).catch(() => undefined);
        }
        if (urlPasswordChange !== undefined) {
          await (previousUrlPassword ? this.options.secrets.set(urlKey, previousUrlPassword) : this.options.secrets.delete(urlKey)).catch(() => undefined);
        }
        throw error;
      }
      return view;
    });
  }

  /**
   * A copy of a profile, named "NAME (copy)", listed right after it. Its secret and URL password are
   * copied to the copy's own keychain items first (a copy must run as the original does); if the file
   * cannot be saved they are removed again.
   */
  duplicate(id: string): Promise<TesterProfileView> {
    return this.queue.run(async () => {
      const profiles = await this.load();
      const index = profiles.findIndex((p) => p.id === id);
      const original = profiles[index];
      if (!original) throw new AppError('NOT_FOUND', `No tester profile with id "${id}"`, { id });
      const stamp = new Date(this.options.now()).toISOString();
      const copyId = randomUUID();
      const copy: TesterProfileView = { ...original, id: copyId, name: copyName(original.name, profiles), createdAt: stamp, updatedAt: stamp };
      const secret = original.hasSecret ? await this.options.secrets.get(profileSecretKey(id)) : null;
      const password = hasUserinfo(original.url) ? await this.options.secrets.get(profileUrlPasswordKey(id)) : null;
      copy.hasSecret = secret !== null && secret !== '';
      if (copy.hasSecret) await this.options.secrets.set(profileSecretKey(copyId), secret!);
      if (password !== null) await this.options.secrets.set(profileUrlPasswordKey(copyId), password);
      try {
        await this.write([...profiles.slice(0, index + 1), copy, ...profiles.slice(index + 1)]);
      } catch (error) {
        await this.options.secrets.delete(profileSecretKey(copyId)).catch(() => undefined);
        await this.options.secrets.delete(profileUrlPasswordKey(copyId)).catch(() => undefined);
        throw error;
      }
      return copy;
    });
  }

  remove(id: string): Promise<void> {
    return this.queue.run(async () => {
      const profiles = await this.load();
      if (!profiles.some((p) => p.id === id)) throw new AppError('NOT_FOUND', `No tester profile with id "${id}"`, { id });
      await this.write(profiles.filter((p) => p.id !== id));
      // After the file: a profile without its secret is harmless, a secret without a profile is an orphan in the keychain.
      await this.options.secrets.delete(profileSecretKey(id));
      await this.options.secrets.delete(profileUrlPasswordKey(id));
    });
  }

  idle(): Promise<void> {
    return this.queue.idle();
  }

  private async load(): Promise<TesterProfileView[]> {
    const raw = await readText(this.path);
    if (raw === null) return [];
    let reason: string;
    try {
      const json: unknown = JSON.parse(raw);
      const version = (json as { version?: unknown } | null)?.version;
      if (typeof version === 'number' && version > FILE_VERSION) {
        throw new AppError('STORAGE_ERROR', `${this.path} was written by a newer version of Authbahn; update Authbahn to use these profiles. The file was left untouched.`);
      }
      const parsed = fileSchema.safeParse(json);
      if (parsed.success) return await this.moveUrlPasswords(parsed.data.profiles.map(stripUndefined));
      reason = `invalid content: ${parsed.error.issues[0]?.message ?? 'does not match'}`;
    } catch (error) {
      if (error instanceof AppError) throw error;
      reason = `not valid JSON: ${(error as Error).message}`;
    }
    const aside = await setAside(this.path, this.options.now());
    this.options.warn(`${this.path} could not be read (${reason}); started with no tester profiles. The file was kept as ${aside}.`);
    return [];
  }

  /**
   * Files written before URL passwords went to the keychain may hold ws://user:PASSWORD@host: move each
   * password to the keychain, then rewrite the file. If the keychain cannot take them, the file is left
   * as it is (the profiles still work) and the app status says so.
   */
  private async moveUrlPasswords(profiles: TesterProfileView[]): Promise<TesterProfileView[]> {
    const withPassword = profiles.filter((p) => urlPassword(p.url) !== null);
    if (withPassword.length === 0) return profiles;
    try {
      for (const p of withPassword) await this.options.secrets.set(profileUrlPasswordKey(p.id), urlPassword(p.url)!);
      const moved = profiles.map((p) => (urlPassword(p.url) === null ? p : { ...p, url: withoutUrlPassword(p.url) }));
      await this.write(moved);
      return moved;
    } catch (error) {
      this.options.warn(
        `${this.path} has ${withPassword.length} tester profile URL(s) with a password that could not be moved to the keychain: ${(error as Error).message}`,
      );
      return profiles;
    }
  }

  private async write(profiles: TesterProfileView[]): Promise<void> {
    const text = `${JSON.stringify({ version: FILE_VERSION, profiles }, null, 2)}\n`;
    try {
      await mkdir(this.options.dir, { recursive: true, mode: 0o700 });
      await writeFileAtomic(this.path, text);
    } catch (error) {
      throw new AppError('STORAGE_ERROR', `Could not save ${this.path}: ${(error as Error).message}`);
    }
  }
}

/** ws://, wss://, rs://, rss:// or unix: (see parseRouterUrl); checked on save so a typo shows up in the form, not at run time. */
export function checkUrl(url: string): void {
  const checked = parseRouterUrl(url);
  if (!checked.ok) throw new AppError('INVALID_ARGUMENT', `"${url}": ${checked.error}`, { field: 'url' });
  const parsed = new URL(url);
  // A password hidden from the scan (leading spaces, control characters) could not be moved to the keychain.
  if (parsed.password !== '' && urlPassword(url) === null) {
    throw new AppError('INVALID_ARGUMENT', 'Write the URL without spaces or control characters before ws://', { field: 'url' });
  }
}

/** "NAME (copy)", "NAME (copy 2)", … — the first one no profile has; at most 128 characters. */
function copyName(name: string, profiles: readonly TesterProfileView[]): string {
  const taken = new Set(profiles.map((p) => p.name));
  for (let n = 1; ; n++) {
    const suffix = n === 1 ? ' (copy)' : ` (copy ${n})`;
    const candidate = `${name.slice(0, 128 - suffix.length)}${suffix}`;
    if (!taken.has(candidate)) return candidate;
  }
}

function sameUserAndHost(a: string, b: string): boolean {
  try {
    return urlUsername(a) === urlUsername(b) && new URL(a).host === new URL(b).host;
  } catch {
    return false;
  }
}

function stripUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
