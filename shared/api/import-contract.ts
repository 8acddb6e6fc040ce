// API namespace `import`: one preview for every way accounts come in — another app's export file
// (Aegis, 2FAS, Bitwarden, …, also our own backups), pasted text (many otpauth:// and
// otpauth-migration:// lines), and QR images (the `qr` namespace fills the same kind of preview).
//
// Secrets never cross to the renderer: main reads the file or text, keeps the accounts it found (with
// their secrets) in a short-lived preview held in memory under a random id, and sends back only
// metadata: every account, duplicates and same-name-other-secret conflicts marked, tags included. The
// renderer then names the preview, the entries the user ticked and, for conflicts, "replace" or
// "keep both"; main stores exactly that, all or nothing.
import { z } from 'zod';
import type { MethodSpec } from './contract';
import type { ErrorCode } from './errors';
import type { ImportSummary } from './types';
import type { HashAlgorithm, OtpType } from '../otp/types';

/** Largest export file accepted (the biggest real ones are SQLite databases of a few hundred KiB). */
export const IMPORT_MAX_FILE_BYTES = 16 * 1024 * 1024;
/** The same limit as base64 text, which is how the bytes travel (JSON over the web bridge). */
export const IMPORT_MAX_FILE_BASE64 = Math.ceil(IMPORT_MAX_FILE_BYTES / 3) * 4;
/** Longest pasted text: ten thousand otpauth URIs fit comfortably. */
export const IMPORT_MAX_TEXT_CHARS = 4 * 1024 * 1024;
/** Most entries one commit may name. */
export const IMPORT_MAX_KEYS = 1000;

const method =
  <R>() =>
  <S extends z.ZodType<unknown[]>>(args: S): MethodSpec<z.infer<S>, R> => ({ args }) as unknown as MethodSpec<z.infer<S>, R>;

export const previewIdSchema = z.string().regex(/^[0-9a-f]{32}$/, 'Not an import preview id');
/** Optional preview id; null too, because JSON (the web bridge) turns an `undefined` argument into null. */
const morePreview = previewIdSchema.nullish().transform((v) => v ?? undefined);
const fileBase64 = z
  .string()
  .min(1, 'The file is empty')
  .max(IMPORT_MAX_FILE_BASE64, `The file is larger than ${IMPORT_MAX_FILE_BYTES / 1024 / 1024} MiB; no authenticator export is that big`)
  .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'The file data is not base64');
const fileName = z.string().min(1).max(256);
const password = z.string().min(1).max(1024);

/** For an entry whose name matches a stored account with another secret; ignored for the others. */
export const IMPORT_CONFLICT_ACTIONS = ['replace', 'keep-both'] as const;
export type ImportConflictAction = (typeof IMPORT_CONFLICT_ACTIONS)[number];

export interface ImportPick {
  key: string;
  /** Only for entries with `conflictOf`; absent means "keep-both" (never overwrites a secret unasked). */
  action?: ImportConflictAction;
}

export const importContract = {
  /**
   * Reads an export file (base64 of its bytes) into a preview; the format is detected from the content.
   * Encrypted without `password`: IMPORT_PASSWORD_REQUIRED (ask, then call again); a wrong password:
   * IMPORT_WRONG_PASSWORD; damaged: IMPORT_UNREADABLE; not an export we know: IMPORT_UNKNOWN_FORMAT.
   * On any of these nothing is added to the preview. With `previewId`, adds to that preview.
   */
  previewFile: method<ImportPreview>()(z.tuple([fileBase64, fileName, password.nullable(), morePreview.optional()])),
  /**
   * Pasted text: every otpauth:// and otpauth-migration:// line (a Google Authenticator export spread
   * over several lines comes together); lines that are neither are listed in `errors` by number, never
   * quoted. Text without any such line is read like a file (e.g. a pasted Aegis or 2FAS JSON export).
   */
  previewText: method<ImportPreview>()(z.tuple([z.string().min(1).max(IMPORT_MAX_TEXT_CHARS), morePreview.optional()])),
  /**
   * Stores the picked entries, all or nothing: identical accounts are skipped (`duplicates`), a
   * conflict is stored as its action says ("replace": the stored account takes the new secret and
   * parameters; "keep-both": a second account, its label made distinct). Forgets the preview on success.
   */
  commit: method<ImportSummary>()(
    z.tuple([
      previewIdSchema,
      z
        .array(z.object({ key: z.string().min(1).max(16), action: z.enum(IMPORT_CONFLICT_ACTIONS).optional() }).strict())
        .min(1, 'Choose at least one account to import')
        .max(IMPORT_MAX_KEYS),
    ]),
  ),
  /** Forgets a preview (and the secrets it holds) before it would expire. */
  discard: method<void>()(z.tuple([previewIdSchema])),
};

/** One account found: everything the UI shows, never the secret. */
export interface ImportPreviewAccount {
  /** Names this entry in import.commit (and qr.importPreview); unique within its preview. */
  key: string;
  type: OtpType;
  issuer: string;
  label: string;
  algorithm: HashAlgorithm;
  digits: number;
  period: number;
  counter: number;
  secretBits: number;
  /** Tags, groups or folders of the source app (QR codes have none). */
  tags: string[];
  /** The image, file or "Pasted text" it came from. */
  source: string;
  /** Id of a stored account with the same secret, issuer and label (importing would skip it). */
  duplicateOf?: string;
  /** Id of a stored account with the same issuer and label but another secret: "replace" or "keep both". */
  conflictOf?: string;
  /** For accounts from a Google Authenticator export: which QR code of which export. */
  batch?: { id: string; index: number; size: number };
}

export interface ImportPreviewBatch {
  /** The export's batch id, 8 hex digits. */
  id: string;
  size: number;
  /** 1-based QR code numbers seen so far and still missing. */
  have: number[];
  missing: number[];
  /** e.g. "batch 3f2a91c0: have parts 1, 3 of 4; missing 2, 4". */
  description: string;
}

export interface ImportPreviewSource {
  name: string;
  kind: 'image' | 'file' | 'text';
  /** Images: QR codes found; files and text: accounts found. */
  codes: number;
  /** Files: the format read, e.g. "Aegis vault". */
  format?: string;
}

export interface ImportPreview {
  previewId: string;
  /** Unix ms after which the preview (and the secrets it holds) is forgotten. */
  expiresAt: number;
  /** Every image, file and text added to this preview, in order. */
  sources: ImportPreviewSource[];
  accounts: ImportPreviewAccount[];
  /** QR codes that are not OTP payloads (links, Wi-Fi, text): shown, never imported. */
  others: { text: string; source: string }[];
  /** Google Authenticator exports seen, with the QR codes still missing. */
  migration: ImportPreviewBatch[];
  /** Entries that cannot be imported, with the reason. */
  skipped: { issuer: string; label: string; reason: string; source: string }[];
  /** Unreadable images, broken OTP payloads, pasted lines that are not URIs. */
  errors: { source: string; code: ErrorCode; message: string }[];
}

