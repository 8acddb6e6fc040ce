// Writes accounts as an Aegis vault file (JSON, vault version 1, database version 3 with groups), plain or
// encrypted with one password slot — the format Aegis itself restores, so a backup made here is also a
// way to move to Aegis. Our tags become Aegis groups (an entry may be in several, as in Aegis 3.x).
import { randomBytes, randomUUID } from 'node:crypto';
import type { OtpAccountData } from '../../shared/otp/types';
import { AEGIS_KEY_BYTES, AEGIS_NONCE_BYTES, AEGIS_SCRYPT, deriveKey, seal, type ScryptParams } from './aegis-crypto';

/** One account with its secret and tags: what a backup holds. */
export interface BackupAccount extends OtpAccountData {
  tags: string[];
}

export interface AegisWriteOptions {
  /** null writes a plain (unencrypted) vault. */
  password: string | null;
  /** Tests only: deterministic randomness. */
  randomBytes?: (size: number) => Buffer;
  randomUUID?: () => string;
  /** Tests only: a cheaper scrypt. Files for users always use Aegis's parameters. */
  scrypt?: ScryptParams;
}

/** Database format version Aegis 3.x writes (groups as a list, entries refer to them by UUID). */
export const AEGIS_DB_VERSION = 3;

export async function writeAegisVault(accounts: readonly BackupAccount[], options: AegisWriteOptions): Promise<string> {
  const random = options.randomBytes ?? randomBytes;
  const uuid = options.randomUUID ?? randomUUID;
  const db = aegisDatabase(accounts, uuid);
  if (options.password === null) {
    return `${JSON.stringify({ version: 1, header: { slots: null, params: null }, db }, null, 4)}\n`;
  }

  const params = options.scrypt ?? AEGIS_SCRYPT;
  const masterKey = random(AEGIS_KEY_BYTES);
  const salt = random(32);
  try {
    const slotKey = await deriveKey(options.password, salt, params);
    const wrapped = seal(slotKey, random(AEGIS_NONCE_BYTES), masterKey);
    slotKey.fill(0);
    const content = seal(masterKey, random(AEGIS_NONCE_BYTES), Buffer.from(JSON.stringify(db), 'utf8'));
    const file = {
      version: 1,
      header: {
        slots: [
          {
            type: 1,
            uuid: uuid(),
            key: wrapped.ciphertext.toString('hex'),
            key_params: { nonce: wrapped.nonce.toString('hex'), tag: wrapped.tag.toString('hex') },
            n: params.N,
            r: params.r,
            p: params.p,
            salt: salt.toString('hex'),
            // Tells Aegis the key was derived from the UTF-8 bytes of the password (its issue #95).
            repaired: true,
          },
        ],
        params: { nonce: content.nonce.toString('hex'), tag: content.tag.toString('hex') },
      },
      db: content.ciphertext.toString('base64'),
    };
    return `${JSON.stringify(file, null, 4)}\n`;
  } finally {
    masterKey.fill(0);
  }
}

function aegisDatabase(accounts: readonly BackupAccount[], uuid: () => string) {
  const groups = new Map<string, string>();
  const groupOf = (tag: string): string => {
    let id = groups.get(tag);
    if (id === undefined) groups.set(tag, (id = uuid()));
    return id;
  };
  const entries = accounts.map((a) => ({
    type: a.type,
    uuid: uuid(),
    name: a.label,
    issuer: a.issuer,
    note: '',
    favorite: false,
    icon: null,
    info: otpInfo(a),
    groups: a.tags.map(groupOf),
  }));
  return {
    version: AEGIS_DB_VERSION,
    entries,
    groups: [...groups].map(([name, id]) => ({ uuid: id, name })),
    icons_optimized: true,
  };
}

/** Aegis's OtpInfo JSON: secret in base32 without padding (ours is stored that way), algo, digits, then period or counter. */
function otpInfo(a: BackupAccount) {
  const base = { secret: a.secret, algo: a.algorithm, digits: a.digits };
  return a.type === 'hotp' ? { ...base, counter: a.counter } : { ...base, period: a.period };
}
