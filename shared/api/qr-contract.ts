// API namespace `qr`: importing accounts from QR codes in images (files, drag-and-drop, pasted
// screenshots) and, in the desktop app, from a capture of the screen.
//
// Secrets never cross to the renderer: main scans the image, keeps the accounts it found (with their
// secrets) in a short-lived preview held in memory under a random id, and sends back only metadata.
// The renderer then names the preview and the entries the user ticked, and main imports exactly those.
import { z } from 'zod';
import type { ImportSummary } from './types';
import type { MethodSpec } from './contract';
import { previewIdSchema as previewId, type ImportPreview, type ImportPreviewAccount, type ImportPreviewBatch } from './import-contract';

/** Largest image accepted from the renderer (a 4K PNG screenshot is usually 2–10 MB). */
export const QR_MAX_IMAGE_BYTES = 25 * 1024 * 1024;
/** The same limit as base64 text, which is how the bytes travel (JSON over the web bridge). */
export const QR_MAX_IMAGE_BASE64 = Math.ceil(QR_MAX_IMAGE_BYTES / 3) * 4;
/** Most entries one import may name. */
export const QR_MAX_IMPORT_KEYS = 1000;

const method =
  <R>() =>
  <S extends z.ZodType<unknown[]>>(args: S): MethodSpec<z.infer<S>, R> => ({ args }) as unknown as MethodSpec<z.infer<S>, R>;

const imageBase64 = z
  .string()
  .min(1, 'The image is empty')
  .max(QR_MAX_IMAGE_BASE64, `The image is larger than ${QR_MAX_IMAGE_BYTES / 1024 / 1024} MB`)
  .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'The image data is not base64');
const sourceName = z.string().min(1).max(256);
/** Optional preview id; null too, because JSON (the web bridge) turns an `undefined` argument into null. */
const morePreview = previewId.nullish().transform((v) => v ?? undefined);

export const qrContract = {
  /**
   * Scans one image (base64 of the file's bytes: PNG, JPEG, GIF, WebP, BMP, TIFF or AVIF). With a
   * `previewId` the codes are added to that preview, so a Google Authenticator export spread over
   * several screenshots comes together in one preview; without one, a new preview starts.
   * An unreadable image does not fail the call: it is listed in `errors` next to its name.
   */
  scanImage: method<QrScanPreview>()(z.tuple([imageBase64, sourceName, morePreview.optional()])),
  /** Desktop app only: captures every screen and scans it. In web mode: UNSUPPORTED. */
  scanScreen: method<QrScanPreview>()(z.tuple([morePreview.optional()])),
  /**
   * Imports the chosen entries of a preview, all or nothing; entries that already exist are skipped and
   * an entry with a stored account's name but another secret is kept as a second account. The preview
   * UI uses import.commit instead, which lets the user choose "replace" for those.
   */
  importPreview: method<ImportSummary>()(z.tuple([previewId, z.array(z.string().min(1).max(16)).min(1).max(QR_MAX_IMPORT_KEYS)])),
  /** Forgets a preview (and the secrets it holds) before it would expire. */
  discardPreview: method<void>()(z.tuple([previewId])),
};

/** A QR scan's preview is an import preview like any other (files and pasted text fill the same kind). */
export type QrPreviewAccount = ImportPreviewAccount;
export type QrPreviewBatch = ImportPreviewBatch;
export type QrScanPreview = ImportPreview;
