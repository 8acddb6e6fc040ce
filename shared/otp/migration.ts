// Google Authenticator's "Transfer accounts" export: otpauth-migration://offline?data=BASE64, where
// the data is a protobuf MigrationPayload (see migration-proto.ts). One export may span several QR
// codes ("batches") that share a batch id.
import { AppError, type AppErrorData } from '../api/errors';
import { err, ok, type Result } from '../api/result';
import { base32ToBytes, bytesToBase32, normalizeBase32 } from './base32';
import { decodeBase64Lenient, encodeBase64 } from './base64';
import { splitLabel } from './label';
import {
  ALGORITHM,
  DIGIT_COUNT,
  OTP_TYPE,
  decodeMigrationPayload,
  encodeMigrationPayload,
  type OtpParametersMessage,
} from './migration-proto';
import { textError } from './params';
import {
  MAX_MIGRATION_URI_LENGTH,
  MAX_SECRET_BYTES,
  MAX_TEXT_LENGTH,
  type HashAlgorithm,
  type OtpAccountData,
} from './types';

export interface MigrationBatch {
  accounts: OtpAccountData[];
  /** Entries that exist in the export but cannot be used (MD5, unknown types, …), with the reason. */
  skipped: { name: string; issuer: string; reason: string }[];
  version: number;
  /** Number of QR codes in the whole export. */
  batchSize: number;
  /** 0-based position of this QR code in the export. */
  batchIndex: number;
  /** Shared by all QR codes of one export. */
  batchId: number;
}

/** The only period the format knows: it has no field for it. */
const MIGRATION_PERIOD = 30;
/** Label for an entry with neither name nor issuer: the secret is what matters, so import it. */
export const UNNAMED_LABEL = 'Unnamed account';

const ALGORITHM_BY_CODE = new Map<number, HashAlgorithm>([
  [ALGORITHM.UNSPECIFIED, 'SHA1'], // Google Authenticator's own default
  [ALGORITHM.SHA1, 'SHA1'],
  [ALGORITHM.SHA256, 'SHA256'],
  [ALGORITHM.SHA512, 'SHA512'],
]);
const CODE_BY_ALGORITHM: Record<HashAlgorithm, number> = { SHA1: ALGORITHM.SHA1, SHA256: ALGORITHM.SHA256, SHA512: ALGORITHM.SHA512 };
const DIGITS_BY_CODE = new Map<number, number>([
  [DIGIT_COUNT.UNSPECIFIED, 6],
  [DIGIT_COUNT.SIX, 6],
  [DIGIT_COUNT.EIGHT, 8],
]);

function invalidUri(message: string): Result<never, AppErrorData> {
  return err({ code: 'INVALID_URI', message });
}

/** Keep names in skip reports printable and bounded, whatever the payload held. */
function displayText(text: string): string {
  // eslint-disable-next-line no-control-regex
  const clean = text.replace(/[\u0000-\u001f\u007f-\u009f]|\p{Surrogate}/gu, '\uFFFD');
  return clean.length > MAX_TEXT_LENGTH ? `${clean.slice(0, MAX_TEXT_LENGTH - 1)}…` : clean;
}

type EntryResult = { ok: true; account: OtpAccountData } | { ok: false; reason: string };

function entryToAccount(p: OtpParametersMessage, names: { issuer: string; label: string }): EntryResult {
  // UNSPECIFIED (field absent) reads as TOTP, as in Aegis: proto3 drops zero fields, and widely
  // copied sample exports carry no type. Any other unknown value is a type we cannot compute.
  if (p.type !== OTP_TYPE.UNSPECIFIED && p.type !== OTP_TYPE.HOTP && p.type !== OTP_TYPE.TOTP) {
    return { ok: false, reason: `Unknown OTP type (${p.type})` };
  }
  const algorithm = ALGORITHM_BY_CODE.get(p.algorithm);
  if (algorithm === undefined) {
    return {
      ok: false,
      reason: p.algorithm === ALGORITHM.MD5 ? 'MD5 is not supported (not a standard OTP algorithm)' : `Unknown hash algorithm (${p.algorithm})`,
    };
  }
  const digits = DIGITS_BY_CODE.get(p.digits);
  if (digits === undefined) return { ok: false, reason: `Unknown digit count (${p.digits})` };
  if (p.secret.length === 0) return { ok: false, reason: 'The entry has no secret' };
  if (p.secret.length > MAX_SECRET_BYTES) return { ok: false, reason: `The secret is too long (${p.secret.length} bytes)` };
  const type = p.type === OTP_TYPE.HOTP ? 'hotp' : 'totp';
  let counter = 0;
  if (type === 'hotp') {
    if (p.counter < 0n || p.counter > BigInt(Number.MAX_SAFE_INTEGER)) return { ok: false, reason: `The counter is out of range (${p.counter})` };
    counter = Number(p.counter);
  }
  const problem = textError('Issuer', names.issuer) ?? textError('Name', names.label);
  if (problem !== null) return { ok: false, reason: problem };
  return {
    ok: true,
    account: {
      type,
      issuer: names.issuer,
      label: names.label,
      secret: bytesToBase32(p.secret),
      algorithm,
      digits,
      period: MIGRATION_PERIOD,
      counter,
    },
  };
}

/** Find the raw (still percent-encoded) `data` parameter. */
function dataParameter(query: string): Result<string, AppErrorData> {
  let data: string | undefined;
  for (const part of query.split('&')) {
    const eq = part.indexOf('=');
    if (eq < 0 || part.slice(0, eq).toLowerCase() !== 'data') continue;
    if (data !== undefined) return invalidUri('The export URI has the data parameter more than once');
    data = part.slice(eq + 1);
  }
  if (data === undefined || data === '') return invalidUri('The export URI has no data parameter');
  return ok(data);
}

/**
 * Parse one Google Authenticator export QR code.
 * Whole-URI problems (not this scheme, bad base64, damaged protobuf, too large) are INVALID_URI errors;
 * single entries that cannot be used go to `skipped` so the rest still imports.
 */
export function parseMigrationUri(uri: string): Result<MigrationBatch, AppErrorData> {
  if (typeof uri !== 'string') return invalidUri('The URI must be text');
  if (uri.length > MAX_MIGRATION_URI_LENGTH) {
    return invalidUri(`The export URI is too long: ${uri.length} characters (at most ${MAX_MIGRATION_URI_LENGTH})`);
  }
  const text = uri.trim();
  const match = /^otpauth-migration:\/\/offline\/?\?(.*)$/is.exec(text);
  if (match === null) {
    if (/^otpauth:/i.test(text)) return invalidUri('This is a single-account otpauth:// URI, not a Google Authenticator export');
    return invalidUri('Not a Google Authenticator export URI (expected otpauth-migration://offline?data=…)');
  }
  const query = (match[1] ?? '').split('#')[0] ?? '';
  const raw = dataParameter(query);
  if (!raw.ok) return raw;
  // Percent-decode only: "+" here is base64, not a form-encoded space. Literal spaces (from a
  // decoder that did treat it as form encoding) are turned back into "+" by the base64 decoder.
  let data: string;
  try {
    data = decodeURIComponent(raw.value);
  } catch {
    return invalidUri('The export data has malformed percent-encoding');
  }
  const decoded = decodeBase64Lenient(data);
  if (!decoded.ok) return invalidUri(`The export data is not valid base64: ${decoded.message}`);

  let payload;
  try {
    payload = decodeMigrationPayload(decoded.bytes);
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    return invalidUri(`The export data is damaged or not a Google Authenticator export (${detail})`);
  }

  const batch: MigrationBatch = {
    accounts: [],
    skipped: [],
    version: payload.version,
    batchSize: payload.batchSize,
    batchIndex: payload.batchIndex,
    batchId: payload.batchId,
  };
  for (const entry of payload.otpParameters) {
    const names = splitLabel(entry.name, entry.issuer === '' ? undefined : entry.issuer);
    if (names.label === '') names.label = names.issuer === '' ? UNNAMED_LABEL : names.issuer;
    const result = entryToAccount(entry, names);
    if (result.ok) batch.accounts.push(result.account);
    else batch.skipped.push({ name: displayText(names.label), issuer: displayText(names.issuer), reason: result.reason });
  }
  return ok(batch);
}

/** Secret bytes of an exportable account, or why it cannot go into a Google Authenticator export. */
function classify(a: OtpAccountData): { ok: true; secret: Uint8Array } | { ok: false; reason: string } {
  const no = (reason: string) => ({ ok: false as const, reason });
  if (a.type === 'steam') return no('Google Authenticator exports cannot hold Steam Guard accounts');
  if (a.type !== 'totp' && a.type !== 'hotp') return no(`Unknown OTP type "${String(a.type)}"`);
  if (a.digits !== 6 && a.digits !== 8) return no(`Google Authenticator exports support only 6 or 8 digits, not ${a.digits}`);
  if (a.type === 'totp' && a.period !== MIGRATION_PERIOD) {
    return no(`Google Authenticator exports support only a ${MIGRATION_PERIOD}-second period, not ${a.period}`);
  }
  if (!Object.prototype.hasOwnProperty.call(CODE_BY_ALGORITHM, a.algorithm)) return no(`Unknown algorithm "${String(a.algorithm)}"`);
  if (a.type === 'hotp' && (!Number.isSafeInteger(a.counter) || a.counter < 0)) return no(`Invalid counter ${a.counter}`);
  const secret = normalizeBase32(a.secret);
  if (!secret.ok) return no('The secret is not valid base32');
  return { ok: true, secret: base32ToBytes(secret.value) };
}

/**
 * Why an account cannot go into a Google Authenticator export, or null if it can.
 * The format has no Steam type, no period field (always 30 s) and only 6 or 8 digits. HOTP accounts
 * are fine whatever their period, since HOTP does not use it (they come back with period 30).
 */
export function migrationUnsupportedReason(a: OtpAccountData): string | null {
  const c = classify(a);
  return c.ok ? null : c.reason;
}

export interface MigrationExport {
  /** One otpauth-migration:// URI per QR code, in batch order. Empty when nothing was exportable. */
  uris: string[];
  /** Accounts left out because the format cannot represent them (see migrationUnsupportedReason). */
  unsupported: OtpAccountData[];
}

export interface MigrationExportOptions {
  /** Accounts per QR code (default 10, which keeps each code comfortably scannable). */
  maxPerQr?: number;
  /** Shared id of the batch (default: random positive int32). */
  batchId?: number;
}

function randomBatchId(): number {
  const [value] = globalThis.crypto.getRandomValues(new Uint32Array(1));
  return ((value ?? 0) >>> 1) || 1;
}

/**
 * name field: "Issuer:Label" like Google Authenticator writes it. Without an issuer a label that
 * contains ":" gets a leading ":" so the decoder reads an empty issuer instead of splitting the label.
 */
function nameField(a: OtpAccountData): string {
  if (a.issuer !== '') return `${a.issuer}:${a.label}`;
  return a.label.includes(':') ? `:${a.label}` : a.label;
}

/**
 * Encode accounts as Google Authenticator export URIs, `maxPerQr` per QR code.
 * Accounts the format cannot hold are returned in `unsupported` instead of being exported wrongly.
 * Throws AppError INVALID_ARGUMENT for bad options.
 */
export function formatMigrationUris(accounts: OtpAccountData[], options: MigrationExportOptions = {}): MigrationExport {
  const maxPerQr = options.maxPerQr ?? 10;
  if (!Number.isSafeInteger(maxPerQr) || maxPerQr < 1) throw new AppError('INVALID_ARGUMENT', 'maxPerQr must be a positive integer');
  const batchId = options.batchId ?? randomBatchId();
  if (!Number.isInteger(batchId) || batchId < -0x80000000 || batchId > 0x7fffffff) {
    throw new AppError('INVALID_ARGUMENT', 'batchId must be a 32-bit signed integer');
  }
  const supported: { account: OtpAccountData; secret: Uint8Array }[] = [];
  const unsupported: OtpAccountData[] = [];
  for (const account of accounts) {
    const c = classify(account);
    if (c.ok) supported.push({ account, secret: c.secret });
    else unsupported.push(account);
  }

  const chunks: (typeof supported)[] = [];
  for (let i = 0; i < supported.length; i += maxPerQr) chunks.push(supported.slice(i, i + maxPerQr));
  const uris = chunks.map((chunk, batchIndex) => {
    const bytes = encodeMigrationPayload({
      otpParameters: chunk.map(({ account: a, secret }) => ({
        secret,
        name: nameField(a),
        issuer: a.issuer,
        algorithm: CODE_BY_ALGORITHM[a.algorithm],
        digits: a.digits === 8 ? DIGIT_COUNT.EIGHT : DIGIT_COUNT.SIX,
        type: a.type === 'hotp' ? OTP_TYPE.HOTP : OTP_TYPE.TOTP,
        counter: a.type === 'hotp' ? BigInt(a.counter) : 0n,
      })),
      version: 1,
      batchSize: chunks.length,
      batchIndex,
      batchId,
    });
    return `otpauth-migration://offline?data=${encodeURIComponent(encodeBase64(bytes))}`;
  });
  return { uris, unsupported };
}
