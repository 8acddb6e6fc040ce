// Account management: metadata in accounts.json, secrets in the keychain under `account:<id>`.
// Every change runs inside one MetadataFile.mutate slot (in-process queue + cross-process lock): re-read
// the file, touch the keychain, write the file — and undo the keychain part if the file cannot be written.
// The order makes every crash recoverable: an add records the id in the keychain ledger, then writes the
// secret, then the metadata; a remove writes the metadata first, then deletes the secret, then forgets
// the id. Whatever is interrupted leaves at worst a secret without an account, which orphans() lists
// and recover() turns back into an account — nothing is ever deleted without the user asking.
//
// Duplicates: an account is a duplicate of an existing one when both the normalised secret and the
// issuer + label (trimmed, case-insensitive) are equal. Same name with a different secret is allowed
// (a re-enrolled service: the user keeps both until the new one works); same secret under another
// name is allowed too (some services show one secret under several names).
import { randomBytes } from 'node:crypto';
import { AppError } from '../../shared/api/errors';
import type { AccountInput, AccountPatch, AccountQr, AccountView, ImportSummary, MigrationQr, OrphanSecret } from '../../shared/api/types';
import { secretBits } from '../../shared/otp/base32';
import { formatOtpauthUri, parseOtpauthUri } from '../../shared/otp/otpauth-uri';
import { MAX_TAGS, MAX_TEXT_LENGTH, type OtpAccountData } from '../../shared/otp/types';
import { validateAccountInput, type ValidatedAccount } from '../../shared/otp/validate';
import type { EventBus } from '../events';
import { accountSecretKey, type SecretStore } from '../vault/secret-store';
import { byOrder, toView, type AccountRecord } from './account-record';
import { displayName, missingSecretError, requireSecret } from './account-secrets';
import type { MetadataFile } from './metadata-file';
import type { parseMigrationUri } from '../../shared/otp/migration';

// QR rendering (qrcode pulls pngjs, zlib and streams) and the migration codec (protobufjs) load on first
// use: `authbahn code` and `accounts list` open this service but need neither.
const loadQrCode = () => import('qrcode').then((m) => m.default);
const loadMigration = () => import('../../shared/otp/migration');

export interface AccountsServiceOptions {
  metadata: MetadataFile;
  secrets: SecretStore;
  events: EventBus;
  now: () => number;
  newId?: () => string;
}

/** ImportSummary plus what the contract type does not carry yet; extra fields travel to the UI unharmed. */
export interface ImportResult extends ImportSummary {
  /** Entries of a Google Authenticator export that cannot be used (MD5, unknown type, …). */
  skipped: { issuer: string; label: string; reason: string }[];
  /** For otpauth-migration:// URIs: this QR code's place in a multi-QR export (index is 0-based). */
  batch?: { index: number; size: number };
}

/** How one entry of an import preview is to be stored (see applyImport). */
export type ImportItem =
  | { account: OtpAccountData & { tags?: string[] }; action: 'add' }
  /** Same name with a different secret: the stored account `id` takes the new secret and parameters. */
  | { account: OtpAccountData & { tags?: string[] }; action: 'replace'; id: string }
  /** Same name with a different secret: stored as a second account, its label made distinct ("alice (2)"). */
  | { account: OtpAccountData & { tags?: string[] }; action: 'keep-both' };

/** What the preview marks for one entry: an identical stored account, or one with its name and another secret. */
export interface PreviewMatch {
  duplicateOf?: string;
  conflictOf?: string;
}

/** ImportResult of applyImport: also the accounts whose secret was replaced. */
export interface AppliedImport extends ImportResult {
  replaced: AccountView[];
}

/** Accounts per QR code in a Google Authenticator export; small enough to scan from a screen reliably. */
export const MIGRATION_ACCOUNTS_PER_QR = 10;

const QR_OPTIONS = { type: 'svg', errorCorrectionLevel: 'M', margin: 2 } as const;

const defaultNewId = (): string => randomBytes(8).toString('hex');

export class AccountsService {
  private readonly metadata: MetadataFile;
  private readonly secrets: SecretStore;
  private readonly events: EventBus;
  private readonly now: () => number;
  private readonly newId: () => string;

  constructor(options: AccountsServiceOptions) {
    this.metadata = options.metadata;
    this.secrets = options.secrets;
    this.events = options.events;
    this.now = options.now;
    this.newId = options.newId ?? defaultNewId;
  }

  async list(): Promise<AccountView[]> {
    return (await this.metadata.read()).sort(byOrder).map(toView);
  }

  async add(input: AccountInput): Promise<AccountView> {
    const value = validated(input);
    const view = await this.metadata.mutate(async (accounts) => {
      const existing = await this.findDuplicate(accounts, value);
      if (existing) throw duplicateError(existing);
      const record = this.newRecord(value, nextOrder(accounts));
      await this.recordInLedger(accounts, [record.id]);
      const written = await this.storeSecrets([{ record, secret: value.secret }]);
      return { accounts: [...accounts, record], result: toView(record), undo: () => this.deleteSecrets(written) };
    });
    this.events.emit('accounts.changed', { reason: 'added' });
    return view;
  }

  /** One otpauth:// URI or one otpauth-migration:// QR code; all-or-nothing. */
  async importUri(uri: string): Promise<ImportResult> {
    const parsed = await parseImport(uri);
    return this.importValidated(parsed.accounts, parsed.skipped, parsed.batch);
  }

  /**
   * Several accounts at once (e.g. everything picked from scanned QR codes): all-or-nothing, like
   * importUri. Entries that fail validation are reported in `skipped`, existing ones in `duplicates`.
   * Tags (another app's groups or folders, see main/import) are kept.
   */
  async importAccounts(entries: (OtpAccountData & { tags?: string[] })[]): Promise<ImportResult> {
    const accounts: ValidatedAccount[] = [];
    const skipped: ImportResult['skipped'] = [];
    for (const entry of entries) {
      // Tags (groups of a backup or another app's export) come along; QR codes have none.
      const check = validateAccountInput({ ...entry, tags: entry.tags ?? [] });
      if (check.ok) accounts.push(check.value);
      else skipped.push({ issuer: entry.issuer, label: entry.label, reason: Object.values(check.errors).join('; ') });
    }
    return this.importValidated(accounts, skipped);
  }

  /**
   * For each entry: the stored account it duplicates (same secret, issuer and label), or else a stored
   * account with the same issuer and label but another secret (a re-issued secret: "replace" or "keep
   * both" in the preview). Reads only; applyImport checks everything again.
   */
  async previewMatches(entries: OtpAccountData[]): Promise<PreviewMatch[]> {
    const accounts = (await this.metadata.read()).sort(byOrder);
    const out: PreviewMatch[] = [];
    for (const entry of entries) {
      const check = validateAccountInput({ ...entry, tags: [] });
      if (!check.ok) {
        out.push({});
        continue;
      }
      const duplicate = await this.findDuplicate(accounts, check.value);
      if (duplicate) {
        out.push({ duplicateOf: duplicate.id });
        continue;
      }
      const sameName = accounts.find((a) => nameKey(a) === nameKey(check.value));
      out.push(sameName ? { conflictOf: sameName.id } : {});
    }
    return out;
  }

  /**
   * Stores the picked entries of an import preview, all or nothing: every new secret and every
   * replaced one is written, or none is (written ones are deleted, replaced ones put back) and the
   * metadata stays as it was. Keychain first, then metadata, as everywhere in this service.
   * - add: skipped as a duplicate when an identical account exists (or came earlier in this import);
   * - keep-both: like add, but the label gets " (2)", " (3)", … while its issuer + label is taken;
   * - replace: the stored account keeps its id, name and order, takes the new secret and parameters,
   *   and gains the entry's tags. Refused (nothing imported) if that account is gone or renamed since.
   */
  async applyImport(items: ImportItem[]): Promise<AppliedImport> {
    const values = items.map((item) => ({ item, value: validated({ ...item.account, tags: item.account.tags ?? [] }) }));
    const summary = await this.metadata.mutate(async (accounts) => {
      const added: AccountRecord[] = [];
      const toStore: { record: AccountRecord; secret: string }[] = [];
      const replacements = new Map<string, { before: AccountRecord; after: AccountRecord; secret: string }>();
      const duplicates: ImportSummary['duplicates'] = [];
      let order = nextOrder(accounts);
      const takenNames = new Set(accounts.map(nameKey));
      for (const { item, value } of values) {
        if (item.action === 'replace') {
          const before = accounts.find((a) => a.id === item.id);
          if (!before || nameKey(before) !== nameKey(value)) {
            throw new AppError(
              'NOT_FOUND',
              `${displayName(value)} was changed or removed since the preview; nothing was imported. Add the file again.`,
              { id: item.id },
            );
          }
          if (replacements.has(item.id)) throw new AppError('INVALID_ARGUMENT', `${displayName(before)} can be replaced by one entry only`);
          const after: AccountRecord = {
            ...before,
            type: value.type,
            algorithm: value.algorithm,
            digits: value.digits,
            period: value.period,
            counter: value.counter,
            tags: mergeTags(before.tags, value.tags),
            secretBits: secretBits(value.secret),
            updatedAt: this.timestamp(),
          };
          replacements.set(item.id, { before, after, secret: value.secret });
          continue;
        }
        const existing = (await this.findDuplicate(accounts, value)) ?? toStore.find((s) => sameAccount(s.record, s.secret, value))?.record;
        if (existing) {
          duplicates.push({ issuer: value.issuer, label: value.label });
          continue;
        }
        const named = item.action === 'keep-both' ? distinctLabel(value, takenNames) : value;
        takenNames.add(nameKey(named));
        const record = this.newRecord(named, order++);
        added.push(record);
        toStore.push({ record, secret: named.secret });
      }
      const result: AppliedImport = {
        added: added.map(toView),
        replaced: [...replacements.values()].map((r) => toView(r.after)),
        duplicates,
        skipped: [],
      };
      if (added.length === 0 && replacements.size === 0) return { result };

      await this.recordInLedger(accounts, added.map((r) => r.id));
      const written = await this.storeSecrets(toStore);
      const previous: { key: string; secret: string | null }[] = [];
      try {
        for (const [id, { secret }] of replacements) {
          const key = accountSecretKey(id);
          previous.push({ key, secret: await this.secrets.get(key) });
          await this.secrets.set(key, secret);
        }
      } catch (error) {
        await this.restoreSecrets(previous);
        await this.deleteSecrets(written);
        if (error instanceof AppError) throw new AppError(error.code, `${error.message} Nothing was imported.`, error.details);
        throw error;
      }
      const next = accounts.map((a) => replacements.get(a.id)?.after ?? a);
      return {
        accounts: [...next, ...added],
        result,
        undo: async () => {
          await this.restoreSecrets(previous);
          await this.deleteSecrets(written);
        },
      };
    });
    if (summary.added.length > 0 || summary.replaced.length > 0) this.events.emit('accounts.changed', { reason: 'imported' });
    return summary;
  }

  private async importValidated(
    values: ValidatedAccount[],
    skipped: ImportResult['skipped'],
    batch?: { index: number; size: number },
  ): Promise<ImportResult> {
    const summary = await this.metadata.mutate(async (accounts) => {
      const added: AccountRecord[] = [];
      const duplicates: ImportSummary['duplicates'] = [];
      const toStore: { record: AccountRecord; secret: string }[] = [];
      let order = nextOrder(accounts);
      for (const value of values) {
        // Against stored accounts and against earlier entries of the same import.
        const existing = (await this.findDuplicate(accounts, value)) ?? toStore.find((s) => sameAccount(s.record, s.secret, value))?.record;
        if (existing) {
          duplicates.push({ issuer: value.issuer, label: value.label });
          continue;
        }
        const record = this.newRecord(value, order++);
        added.push(record);
        toStore.push({ record, secret: value.secret });
      }
      const result: ImportResult = {
        added: added.map(toView),
        duplicates,
        skipped,
        ...(batch ? { batch } : {}),
      };
      if (added.length === 0) return { result };
      await this.recordInLedger(accounts, added.map((r) => r.id));
      const written = await this.storeSecrets(toStore);
      return { accounts: [...accounts, ...added], result, undo: () => this.deleteSecrets(written) };
    });
    if (summary.added.length > 0) this.events.emit('accounts.changed', { reason: 'imported' });
    return summary;
  }

  async update(id: string, patch: AccountPatch): Promise<AccountView> {
    const view = await this.metadata.mutate(async (accounts) => {
      const current = findRecord(accounts, id);
      const key = accountSecretKey(id);
      const stored = await this.secrets.get(key);
      const newSecret = typeof patch.secret === 'string' && patch.secret.trim() !== '' ? patch.secret : undefined;
      // A lost keychain item can be repaired by entering the secret again; anything else needs it.
      if (newSecret === undefined && stored === null) throw missingSecretError([current]);
      const merged: AccountInput = {
        type: current.type,
        issuer: current.issuer,
        label: current.label,
        algorithm: current.algorithm,
        digits: current.digits,
        period: current.period,
        counter: current.counter,
        tags: current.tags,
        ...definedFields(patch),
        secret: newSecret ?? stored ?? '',
      };
      const value = validated(merged);
      const others = accounts.filter((a) => a.id !== id);
      const existing = await this.findDuplicate(others, value);
      if (existing) throw duplicateError(existing);

      const record: AccountRecord = {
        ...current,
        ...accountFields(value),
        secretBits: secretBits(value.secret),
        updatedAt: this.timestamp(),
      };
      const secretChanged = value.secret !== stored;
      if (secretChanged) await this.secrets.set(key, value.secret);
      const undo = async () => {
        if (!secretChanged) return;
        if (stored === null) await this.secrets.delete(key);
        else await this.secrets.set(key, stored);
      };
      return { accounts: accounts.map((a) => (a.id === id ? record : a)), result: toView(record), undo };
    });
    this.events.emit('accounts.changed', { reason: 'updated' });
    return view;
  }

  async remove(id: string): Promise<void> {
    await this.metadata.mutate((accounts) => {
      findRecord(accounts, id);
      const key = accountSecretKey(id);
      // Metadata first, then the keychain (see the file comment). A code listing in between no longer
      // sees the account, so it never reports its secret as missing.
      const after = async () => {
        try {
          await this.secrets.delete(key);
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          throw new AppError(
            'KEYCHAIN_ERROR',
            `The account was removed, but its secret could not be deleted from the keychain (${message}). ` +
              'It is kept there: `authbahn accounts recover` lists it.',
            { id },
          );
        }
        await this.metadata.ledger.update(
          accounts.map((a) => a.id),
          (ids) => ids.delete(id),
        );
      };
      return { accounts: accounts.filter((a) => a.id !== id), result: undefined, after };
    });
    this.events.emit('accounts.changed', { reason: 'removed' });
  }

  /**
   * Keychain secrets of this data folder that no account references: left by an add or a remove that
   * was interrupted (kill -9, power loss), or by a damaged accounts.json that was set aside. Runs under
   * the accounts lock, so an add in progress in another process is never mistaken for one. Ledger
   * entries whose secret is gone as well are dropped (nothing is left to recover).
   * `all`: also every other `account:` item of the keychain service (a scan; they may belong to another
   * data folder that uses the same keychain service).
   */
  async orphans(options: { all?: boolean } = {}): Promise<OrphanSecret[]> {
    // A fresh data folder has nothing of its own to check (and a check must not create the folder).
    if (!options.all && !(await this.metadata.hasData())) return [];
    return this.metadata.mutate(async (accounts) => {
      const known = new Set(accounts.map((a) => a.id));
      const recorded = await this.metadata.ledger.update(known, () => undefined);
      const named = new Map((await this.metadata.backupAccounts()).map((a) => [a.id, a]));
      const found: OrphanSecret[] = [];
      const gone: string[] = [];
      const candidates: { id: string; recorded: boolean }[] = [...recorded].filter((id) => !known.has(id)).map((id) => ({ id, recorded: true }));
      if (options.all) {
        if (!this.secrets.list) throw new AppError('KEYCHAIN_ERROR', `The ${this.secrets.backend} store cannot list its items`);
        for (const key of await this.secrets.list()) {
          const id = key.startsWith(ACCOUNT_KEY_PREFIX) ? key.slice(ACCOUNT_KEY_PREFIX.length) : undefined;
          if (id && !known.has(id) && !recorded.has(id)) candidates.push({ id, recorded: false });
        }
      }
      for (const { id, recorded: inLedger } of candidates) {
        const secret = await this.secrets.get(accountSecretKey(id));
        if (secret === null) {
          if (inLedger) gone.push(id);
          continue;
        }
        const before = named.get(id);
        found.push({
          id,
          secretBits: secretBits(secret),
          recorded: inLedger,
          ...(before ? { knownAs: { issuer: before.issuer, label: before.label } } : {}),
        });
      }
      if (gone.length > 0) await this.metadata.ledger.update(known, (ids) => gone.forEach((id) => ids.delete(id)));
      return { result: found.sort((a, b) => a.id.localeCompare(b.id)) };
    });
  }

  /**
   * Turns the keychain secret `account:<id>` back into an account with the same id. Its settings come
   * from accounts.json.bak when the backup still knows the id (an interrupted remove); otherwise it
   * becomes a TOTP account (SHA1, 6 digits, 30 s) named "Recovered secret / <id>" that the user edits.
   * The secret is never deleted here, also not when it cannot be restored.
   */
  async recover(id: string): Promise<AccountView> {
    const view = await this.metadata.mutate(async (accounts) => {
      if (accounts.some((a) => a.id === id)) throw new AppError('INVALID_ARGUMENT', `"${id}" is already an account`, { id });
      const secret = await this.secrets.get(accountSecretKey(id));
      if (secret === null) throw new AppError('NOT_FOUND', `There is no keychain secret for an account "${id}"`, { id });
      const before = (await this.metadata.backupAccounts()).find((a) => a.id === id);
      const placeholder: AccountInput = { ...RECOVERED_DEFAULTS, label: id, secret };
      let check = validateAccountInput(before ? { ...accountFieldsOf(before), secret } : placeholder);
      if (!check.ok && before) check = validateAccountInput(placeholder);
      if (!check.ok) {
        throw new AppError(
          'INVALID_SECRET',
          `The keychain item "${accountSecretKey(id)}" does not hold a usable OTP secret (${Object.values(check.errors).join('; ')}); it was left in the keychain.`,
          { id },
        );
      }
      const value = check.value;
      const existing = await this.findDuplicate(accounts, value);
      if (existing) throw duplicateError(existing);
      const at = this.timestamp();
      const record: AccountRecord = {
        id,
        ...accountFields(value),
        order: nextOrder(accounts),
        secretBits: secretBits(value.secret),
        createdAt: before?.createdAt ?? at,
        updatedAt: at,
      };
      // The stored secret stays as it is (it may be spelled differently from the normalised one).
      await this.recordInLedger(accounts, [id]);
      return { accounts: [...accounts, record], result: toView(record) };
    });
    this.events.emit('accounts.changed', { reason: 'added' });
    return view;
  }

  /** `ids` must name every account exactly once. */
  async reorder(ids: string[]): Promise<AccountView[]> {
    const views = await this.metadata.mutate((accounts) => {
      const known = new Set(accounts.map((a) => a.id));
      const given = new Set(ids);
      const unknown = ids.filter((id) => !known.has(id));
      const missing = accounts.filter((a) => !given.has(a.id)).map((a) => a.id);
      if (given.size !== ids.length || unknown.length > 0 || missing.length > 0) {
        const problems = [
          given.size !== ids.length ? 'an id appears more than once' : '',
          unknown.length > 0 ? `unknown ids: ${unknown.slice(0, 5).join(', ')}` : '',
          missing.length > 0 ? `missing ids: ${missing.slice(0, 5).join(', ')}` : '',
        ].filter(Boolean);
        throw new AppError('INVALID_ARGUMENT', `The new order must list every account exactly once (${problems.join('; ')})`, {
          unknown,
          missing,
        });
      }
      const position = new Map(ids.map((id, index) => [id, index]));
      const updatedAt = this.timestamp();
      const reordered = accounts.map((a) => (a.order === position.get(a.id) ? a : { ...a, order: position.get(a.id)!, updatedAt }));
      return { accounts: reordered, result: [...reordered].sort(byOrder).map(toView) };
    });
    this.events.emit('accounts.changed', { reason: 'reordered' });
    return views;
  }

  async qr(id: string): Promise<AccountQr> {
    const record = findRecord(await this.metadata.read(), id);
    const uri = formatOtpauthUri(toOtpData(record, await requireSecret(this.secrets, record)));
    return { uri, svg: await (await loadQrCode()).toString(uri, QR_OPTIONS) };
  }

  /** otpauth:// URIs of all accounts, in display order. Fails rather than silently leaving accounts out. */
  async exportUris(): Promise<string[]> {
    const withSecrets = await this.allWithSecrets();
    return withSecrets.map(({ record, secret }) => formatOtpauthUri(toOtpData(record, secret)));
  }

  /**
   * Google Authenticator export QR codes of all accounts the format can hold. Accounts it cannot hold
   * (Steam, 7 digits, TOTP periods other than 30 s) are left out: the UI compares `accountIds` with the
   * account list to tell the user which ones and why (migrationUnsupportedReason).
   */
  async exportMigration(): Promise<MigrationQr[]> {
    const [QRCode, { formatMigrationUris, migrationUnsupportedReason, parseMigrationUri }] = await Promise.all([loadQrCode(), loadMigration()]);
    const supported = (await this.allWithSecrets()).filter(({ record, secret }) => migrationUnsupportedReason(toOtpData(record, secret)) === null);
    if (supported.length === 0) return [];
    const { uris, unsupported } = formatMigrationUris(
      supported.map(({ record, secret }) => toOtpData(record, secret)),
      { maxPerQr: MIGRATION_ACCOUNTS_PER_QR },
    );
    if (unsupported.length > 0) throw new AppError('INTERNAL', 'The export format rejected accounts it was expected to hold');
    return Promise.all(
      uris.map(async (uri, index) => {
        const chunk = supported.slice(index * MIGRATION_ACCOUNTS_PER_QR, (index + 1) * MIGRATION_ACCOUNTS_PER_QR);
        verifyMigrationChunk(parseMigrationUri(uri), chunk);
        return {
          uri,
          svg: await QRCode.toString(uri, QR_OPTIONS),
          batchIndex: index,
          batchSize: uris.length,
          accountIds: chunk.map(({ record }) => record.id),
        };
      }),
    );
  }

  /** Every account with its secret and tags, in display order (backups). Fails if any secret is missing. */
  async backupAccounts(): Promise<(OtpAccountData & { tags: string[] })[]> {
    return (await this.allWithSecrets()).map(({ record, secret }) => ({ ...toOtpData(record, secret), tags: [...record.tags] }));
  }

  private async allWithSecrets(): Promise<{ record: AccountRecord; secret: string }[]> {
    const records = (await this.metadata.read()).sort(byOrder);
    const result: { record: AccountRecord; secret: string }[] = [];
    const missing: AccountRecord[] = [];
    for (const record of records) {
      const secret = await this.secrets.get(accountSecretKey(record.id));
      if (secret === null) missing.push(record);
      else result.push({ record, secret });
    }
    if (missing.length > 0) throw missingSecretError(missing);
    return result;
  }

  private async findDuplicate(accounts: AccountRecord[], value: ValidatedAccount): Promise<AccountRecord | undefined> {
    for (const account of accounts) {
      if (nameKey(account) !== nameKey(value)) continue;
      const secret = await this.secrets.get(accountSecretKey(account.id));
      if (secret !== null && sameAccount(account, secret, value)) return account;
    }
    return undefined;
  }

  /** Writes all secrets or none: on a failure the ones already written are deleted again. */
  private async storeSecrets(items: { record: AccountRecord; secret: string }[]): Promise<string[]> {
    const written: string[] = [];
    try {
      for (const { record, secret } of items) {
        const key = accountSecretKey(record.id);
        await this.secrets.set(key, secret);
        written.push(key);
      }
    } catch (error) {
      await this.deleteSecrets(written);
      if (error instanceof AppError && items.length > 1) {
        throw new AppError(error.code, `${error.message} Nothing was imported.`, error.details);
      }
      throw error;
    }
    return written;
  }

  /** Before a secret is written: the ledger must know it, whatever happens next (see keychain-ledger.ts). */
  private async recordInLedger(accounts: AccountRecord[], ids: string[]): Promise<void> {
    await this.metadata.ledger.update(
      accounts.map((a) => a.id),
      (set) => ids.forEach((id) => set.add(id)),
    );
  }

  /** Puts replaced secrets back (best effort, in reverse order); a null one had no secret before. */
  private async restoreSecrets(previous: { key: string; secret: string | null }[]): Promise<void> {
    for (const { key, secret } of [...previous].reverse()) {
      await (secret === null ? this.secrets.delete(key) : this.secrets.set(key, secret)).catch(() => undefined);
    }
  }

  private async deleteSecrets(keys: string[]): Promise<void> {
    for (const key of keys) await this.secrets.delete(key).catch(() => undefined);
  }

  private newRecord(value: ValidatedAccount, order: number): AccountRecord {
    const at = this.timestamp();
    return {
      id: this.newId(),
      ...accountFields(value),
      order,
      secretBits: secretBits(value.secret),
      createdAt: at,
      updatedAt: at,
    };
  }

  private timestamp(): string {
    return new Date(this.now()).toISOString();
  }
}

interface ParsedImport {
  accounts: ValidatedAccount[];
  skipped: ImportResult['skipped'];
  batch?: { index: number; size: number };
}

async function parseImport(uri: string): Promise<ParsedImport> {
  const text = uri.trim();
  if (/^otpauth-migration:/i.test(text)) {
    const parsed = (await loadMigration()).parseMigrationUri(text);
    if (!parsed.ok) throw new AppError(parsed.error.code, parsed.error.message, parsed.error.details);
    const skipped: ImportResult['skipped'] = parsed.value.skipped.map((s) => ({ issuer: s.issuer, label: s.name, reason: s.reason }));
    const accounts: ValidatedAccount[] = [];
    for (const entry of parsed.value.accounts) {
      const check = validateAccountInput({ ...entry, tags: [] });
      if (check.ok) accounts.push(check.value);
      else skipped.push({ issuer: entry.issuer, label: entry.label, reason: Object.values(check.errors).join('; ') });
    }
    return { accounts, skipped, batch: { index: parsed.value.batchIndex, size: parsed.value.batchSize } };
  }
  if (/^otpauth:/i.test(text)) {
    const parsed = parseOtpauthUri(text);
    if (!parsed.ok) throw new AppError(parsed.error.code, parsed.error.message, parsed.error.details);
    return { accounts: [validated({ ...parsed.value, tags: [] })], skipped: [] };
  }
  throw new AppError('INVALID_URI', 'Expected an otpauth:// URI or a Google Authenticator export (otpauth-migration://offline?data=…)');
}

/** Validates like the add/edit form and turns field errors into one AppError. */
function validated(input: AccountInput): ValidatedAccount {
  const result = validateAccountInput(input);
  if (result.ok) return result.value;
  const fields = Object.entries(result.errors) as [string, string][];
  const onlySecret = fields.length === 1 && fields[0]![0] === 'secret';
  throw new AppError(onlySecret ? 'INVALID_SECRET' : 'INVALID_ARGUMENT', fields.map(([field, message]) => `${field}: ${message}`).join('; '), {
    fields: result.errors,
  });
}

function accountFields(value: ValidatedAccount) {
  return {
    type: value.type,
    issuer: value.issuer,
    label: value.label,
    algorithm: value.algorithm,
    digits: value.digits,
    period: value.period,
    counter: value.counter,
    tags: [...value.tags],
  };
}

const ACCOUNT_KEY_PREFIX = accountSecretKey('');

/** A recovered secret whose settings are unknown: the most common kind; the user corrects it. */
const RECOVERED_DEFAULTS = {
  type: 'totp',
  issuer: 'Recovered secret',
  algorithm: 'SHA1',
  digits: 6,
  period: 30,
  counter: 0,
  tags: [],
} as const satisfies Omit<AccountInput, 'label' | 'secret'>;

function accountFieldsOf(record: AccountRecord): Omit<AccountInput, 'secret'> {
  return {
    type: record.type,
    issuer: record.issuer,
    label: record.label,
    algorithm: record.algorithm,
    digits: record.digits,
    period: record.period,
    counter: record.counter,
    tags: [...record.tags],
  };
}

function toOtpData(record: AccountRecord, secret: string): OtpAccountData {
  const { tags: _tags, ...fields } = accountFieldsOf(record);
  return { ...fields, secret };
}

function findRecord(accounts: AccountRecord[], id: string): AccountRecord {
  const record = accounts.find((a) => a.id === id);
  if (!record) throw new AppError('NOT_FOUND', `No account with id "${id}"`, { id });
  return record;
}

function nextOrder(accounts: AccountRecord[]): number {
  return accounts.reduce((max, a) => Math.max(max, a.order + 1), 0);
}

function nameKey(a: { issuer: string; label: string }): string {
  return `${a.issuer.trim().toLowerCase()}\u0000${a.label.trim().toLowerCase()}`;
}

function sameAccount(a: { issuer: string; label: string }, secretA: string, b: ValidatedAccount): boolean {
  return nameKey(a) === nameKey(b) && secretA === b.secret;
}

/** Existing tags first, then the imported ones not yet there (case-insensitively), within the tag limit. */
function mergeTags(existing: readonly string[], imported: readonly string[]): string[] {
  const seen = new Set(existing.map((t) => t.toLocaleLowerCase()));
  const out = [...existing];
  for (const tag of imported) {
    if (seen.has(tag.toLocaleLowerCase()) || out.length >= MAX_TAGS) continue;
    seen.add(tag.toLocaleLowerCase());
    out.push(tag);
  }
  return out;
}

/** "alice (2)", "alice (3)", … : the first label whose issuer + label is not taken (the label cut to fit). */
function distinctLabel(value: ValidatedAccount, taken: ReadonlySet<string>): ValidatedAccount {
  if (!taken.has(nameKey(value))) return value;
  for (let n = 2; ; n += 1) {
    const suffix = ` (${n})`;
    const label = `${value.label.slice(0, MAX_TEXT_LENGTH - suffix.length).trimEnd()}${suffix}`;
    const candidate = { ...value, label };
    if (!taken.has(nameKey(candidate))) return candidate;
  }
}

function duplicateError(existing: AccountRecord): AppError {
  return new AppError('DUPLICATE', `${displayName(existing)} already exists with the same secret`, { id: existing.id });
}

function definedFields(patch: AccountPatch): Partial<AccountInput> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(patch)) if (value !== undefined && key !== 'secret') out[key] = value;
  return out as Partial<AccountInput>;
}

/**
 * Decodes an export QR code again and checks it holds exactly `chunk` with working parameters: a broken
 * export loses accounts once the user wipes the old device. Names are not compared: the format's
 * "issuer:name" field may legitimately re-split an issuer that contains a colon.
 */
/** `parsed`: the chunk's URI read back by parseMigrationUri. */
function verifyMigrationChunk(parsed: ReturnType<typeof parseMigrationUri>, chunk: { record: AccountRecord; secret: string }[]): void {
  const ok =
    parsed.ok &&
    parsed.value.skipped.length === 0 &&
    parsed.value.accounts.length === chunk.length &&
    parsed.value.accounts.every((a, i) => {
      const expected = chunk[i]!;
      const r = expected.record;
      return (
        a.secret === expected.secret &&
        a.type === r.type &&
        a.algorithm === r.algorithm &&
        a.digits === r.digits &&
        (r.type !== 'hotp' || a.counter === r.counter)
      );
    });
  if (!ok) throw new AppError('INTERNAL', 'The Google Authenticator export did not read back correctly; nothing was exported');
}
