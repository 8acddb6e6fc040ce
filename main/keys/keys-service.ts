// The app's Ed25519 key pairs for WAMP-Cryptosign (the `keys` API namespace, `authbahn keys`, the
// tester's --cryptosign-key and the router's {"keychain-key": NAME}). The private half — the 32-byte
// seed, in hex — lives only in the keychain item `key:NAME`; keys.json in the data folder holds the
// metadata (name, public key, time, origin). Nothing here returns a private key except signingSeed(),
// which main-process code calls right before it signs.
//
// The keychain item is named by a random id, not by the key's name: several data folders may share one
// keychain service (AUTHBAHN_KEYCHAIN_SERVICE), and two folders each with a key "laptop" must not
// overwrite each other's private key.
//
// Order of writes, so that a crash never leaves a private key nobody knows about (an orphan in the
// keychain cannot be told apart from another data folder's):
//   generate/import: keys.json first, then the keychain (a crash in between leaves an entry whose private
//                    key is missing — still good for its public key, and removable);
//   remove:          keychain first, then keys.json (a crash in between leaves the same: remove it again).
// The first list() of a process looks for such entries and says so in the app status. Every
// read-modify-write holds keys.json.lock (LockedQueue), so the CLI and the app never interleave.
import { randomUUID } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { AppError } from '../../shared/api/errors';
import { KEY_NAME_PATTERN, KEY_NAME_RULE, type KeyView } from '../../shared/api/keys-contract';
import { writeFileAtomic } from '../fs/atomic-file';
import { readText, setAside } from '../fs/data-file';
import { LockedQueue } from '../fs/locked-queue';
import type { SecretStore } from '../vault/secret-store';
import { newSeed, privateKeyFromSeed, PUBLIC_KEY_HEX, rawPublicKey, toHex } from './ed25519';
import { KeyFormatError } from './openssh-key';
import { parsePrivateKeyText } from './private-key-text';

export const KEYS_FILE_NAME = 'keys.json';
const FILE_VERSION = 1;
const MAX_KEYS = 10_000;

/** Keychain item of a key's private half (its seed in hex). */
export const keySecretKey = (id: string): string => `key:${id}`;

/** keys.json entry: the API's view plus the id of the keychain item. */
interface StoredKey extends KeyView {
  id: string;
}

const keySchema = z.object({
  id: z.string().min(1).max(64),
  name: z.string().regex(KEY_NAME_PATTERN),
  publicKey: z.string().regex(PUBLIC_KEY_HEX),
  createdAt: z.string().max(64),
  origin: z.enum(['generated', 'imported']),
});
const fileSchema = z.object({ version: z.literal(FILE_VERSION), keys: z.array(keySchema).max(MAX_KEYS) });

export interface KeysServiceOptions {
  dir: string;
  secrets: SecretStore;
  now: () => number;
  /** Non-fatal problems (a corrupt file set aside, private keys missing) for the app status. */
  warn: (message: string) => void;
}

export class KeysService {
  readonly path: string;
  private readonly queue: LockedQueue;
  /** Entries without their private key are looked for once per process (see checkPrivateHalves). */
  private checked = false;

  constructor(private readonly options: KeysServiceOptions) {
    this.path = join(options.dir, KEYS_FILE_NAME);
    this.queue = new LockedQueue(this.path);
  }

  async list(): Promise<KeyView[]> {
    const keys = await this.queue.run(() => this.load());
    if (!this.checked) {
      this.checked = true;
      await this.checkPrivateHalves(keys);
    }
    return keys.map(toView);
  }

  generate(name: string): Promise<KeyView> {
    return this.add(name, newSeed(), 'generated');
  }

  /** `text`: the 32-byte seed in hex (or NaCl's 64-byte secret key) or an unencrypted OpenSSH ed25519 key. */
  async import(name: string, text: string): Promise<KeyView> {
    checkName(name);
    let seed: Uint8Array;
    try {
      seed = parsePrivateKeyText(text).seed;
    } catch (error) {
      if (error instanceof KeyFormatError) throw new AppError('INVALID_ARGUMENT', error.message, { field: 'key' });
      throw error;
    }
    return this.add(name, seed, 'imported');
  }

  async remove(name: string): Promise<void> {
    checkName(name);
    return this.queue.run(async () => {
      const keys = await this.load();
      const key = keys.find((k) => k.name === name);
      if (!key) throw notFound(name);
      await this.options.secrets.delete(keySecretKey(key.id));
      await this.write(keys.filter((k) => k.name !== name));
    });
  }

  /** The public key (hex) of a stored key, or null when there is none by that name (router configs). */
  async publicKey(name: string): Promise<string | null> {
    return (await this.queue.run(() => this.load())).find((k) => k.name === name)?.publicKey ?? null;
  }

  /**
   * The private half (seed, hex) for signing — main process only, never through the API. Checked
   * against the public key in keys.json, so a keychain item that was replaced behind our back is not
   * used under the wrong public key.
   */
  async signingSeed(name: string): Promise<string> {
    checkName(name);
    const key = (await this.queue.run(() => this.load())).find((k) => k.name === name);
    if (!key) throw notFound(name);
    const item = keySecretKey(key.id);
    const seed = await this.options.secrets.get(item);
    if (seed === null) {
      throw new AppError('KEYCHAIN_ERROR', `the private key of "${name}" is missing from the keychain (item ${item}); remove the key and generate or import it again`);
    }
    if (!/^[0-9a-f]{64}$/.test(seed) || publicHexOf(Buffer.from(seed, 'hex')) !== key.publicKey) {
      throw new AppError('KEYCHAIN_ERROR', `the keychain item ${item} does not hold the private key of "${name}" (public key ${key.publicKey})`);
    }
    return seed;
  }

  idle(): Promise<void> {
    return this.queue.idle();
  }

  private async add(name: string, seed: Uint8Array, origin: KeyView['origin']): Promise<KeyView> {
    checkName(name);
    return this.queue.run(async () => {
      const keys = await this.load();
      if (keys.some((k) => k.name === name)) throw new AppError('DUPLICATE', `there is already a key named "${name}"`, { name });
      const stored: StoredKey = { id: randomUUID(), name, publicKey: publicHexOf(seed), createdAt: new Date(this.options.now()).toISOString(), origin };
      await this.write([...keys, stored]);
      try {
        await this.options.secrets.set(keySecretKey(stored.id), toHex(seed));
      } catch (error) {
        // Without its private key the entry would only confuse: take it out again (best effort).
        await this.write(keys).catch(() => undefined);
        throw error;
      }
      return toView(stored);
    });
  }

  private async load(): Promise<StoredKey[]> {
    const raw = await readText(this.path);
    if (raw === null) return [];
    let reason: string;
    try {
      const json: unknown = JSON.parse(raw);
      const version = (json as { version?: unknown } | null)?.version;
      if (typeof version === 'number' && version > FILE_VERSION) {
        throw new AppError('STORAGE_ERROR', `${this.path} was written by a newer version of Authbahn; update Authbahn to use these keys. The file was left untouched.`);
      }
      const parsed = fileSchema.safeParse(json);
      if (parsed.success) return parsed.data.keys;
      reason = `invalid content: ${parsed.error.issues[0]?.message ?? 'does not match'}`;
    } catch (error) {
      if (error instanceof AppError) throw error;
      reason = `not valid JSON: ${(error as Error).message}`;
    }
    const aside = await setAside(this.path, this.options.now());
    this.options.warn(`${this.path} could not be read (${reason}); started with no keys. The file was kept as ${aside}.`);
    return [];
  }

  /** Entries whose keychain item is gone (a crash between the two writes, or deleted outside Authbahn). */
  private async checkPrivateHalves(keys: StoredKey[]): Promise<void> {
    const missing: string[] = [];
    for (const key of keys) {
      try {
        if ((await this.options.secrets.get(keySecretKey(key.id))) === null) missing.push(key.name);
      } catch {
        // No keychain right now: nothing to conclude.
        return;
      }
    }
    if (missing.length > 0) {
      this.options.warn(
        `The private half of key(s) ${missing.join(', ')} is missing from the keychain: they can still be named in router configs ` +
          '(public key), but not used to sign; remove them and generate or import them again.',
      );
    }
  }

  private async write(keys: StoredKey[]): Promise<void> {
    const text = `${JSON.stringify({ version: FILE_VERSION, keys }, null, 2)}\n`;
    try {
      await mkdir(this.options.dir, { recursive: true, mode: 0o700 });
      await writeFileAtomic(this.path, text);
    } catch (error) {
      throw new AppError('STORAGE_ERROR', `Could not save ${this.path}: ${(error as Error).message}`);
    }
  }
}

const toView = ({ id: _id, ...view }: StoredKey): KeyView => view;

function publicHexOf(seed: Uint8Array): string {
  return toHex(rawPublicKey(privateKeyFromSeed(seed)));
}

function checkName(name: string): void {
  if (!KEY_NAME_PATTERN.test(name)) throw new AppError('INVALID_ARGUMENT', `invalid key name "${name}": ${KEY_NAME_RULE}`, { field: 'name' });
}

function notFound(name: string): AppError {
  return new AppError('NOT_FOUND', `no key named "${name}" (see: authbahn keys list)`, { name });
}
