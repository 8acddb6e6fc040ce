// The `qr` API namespace: scan images the renderer sends (or the screen, in the desktop app) into an
// import preview kept here in main (the same kind export files and pasted text go into, see
// main/import/import-preview-service.ts), then import the entries the user picked, all or nothing.
import { AppError, toAppErrorData } from '../../shared/api/errors';
import { QR_MAX_IMAGE_BYTES, type QrScanPreview } from '../../shared/api/qr-contract';
import type { ImportSummary } from '../../shared/api/types';
import type { OtpAccountData } from '../../shared/otp/types';
import type { ImportResult } from '../accounts/accounts-service';
import type { ImportPreview, PreviewLimits } from '../import/import-preview';
import { ImportPreviewService, type PreviewAccounts } from '../import/import-preview-service';
import type { PreviewStore } from '../import/preview-store';
import { scanImageBytes, type ImageScanner } from './scan-image';
import type { ScreenCapturePort } from './screen-capture';
import { SerialQueue } from '../serial-queue';

/** What the import needs from the accounts service. */
export interface AccountImporter extends PreviewAccounts {
  importAccounts(entries: OtpAccountData[]): Promise<ImportResult>;
}

export interface QrImportServiceOptions {
  accounts: AccountImporter;
  /** The import previews shared with files and pasted text; default: its own. */
  previews?: ImportPreviewService;
  /** Lazily created: loading the wasm engine costs time nobody should pay at start-up. */
  scanner: () => Promise<ImageScanner>;
  /** The desktop app's screen capture; absent in web mode and the CLI. */
  screen?: ScreenCapturePort;
  /** Only when `previews` is not given: the store of the service created here. */
  store?: PreviewStore<ImportPreview>;
  /** Largest decoded image in pixels (default: the decoder's 50 MP). */
  maxPixels?: number;
  limits?: PreviewLimits;
}

export const SCREEN_CAPTURE_UNSUPPORTED =
  'Screen capture needs the Authbahn desktop app. In the browser, paste a screenshot (Ctrl+V) or drop an image file instead.';

export class QrImportService {
  private readonly previews: ImportPreviewService;
  /** Scans run one at a time: each holds a decoded image (33 MB for 4K) and the wasm engine is single-threaded. */
  private readonly queue = new SerialQueue();

  constructor(private readonly options: QrImportServiceOptions) {
    this.previews =
      options.previews ??
      new ImportPreviewService({ accounts: options.accounts, ...(options.store ? { store: options.store } : {}), ...(options.limits ? { limits: options.limits } : {}) });
  }

  get canCaptureScreen(): boolean {
    return this.options.screen !== undefined;
  }

  async scanImage(base64: string, source: string, previewId?: string): Promise<QrScanPreview> {
    const bytes = decodeBase64(base64);
    const target = this.open(previewId);
    await this.queue.run(() => this.scanInto(target.preview, source, bytes)).catch((error: unknown) => {
      if (previewId === undefined) this.previews.store.delete(target.id);
      throw error;
    });
    return this.previews.view(target.id);
  }

  async scanScreen(previewId?: string): Promise<QrScanPreview> {
    const screen = this.options.screen;
    if (!screen) throw new AppError('UNSUPPORTED', SCREEN_CAPTURE_UNSUPPORTED);
    const target = this.open(previewId);
    const scanned = this.queue.run(async () => {
      const shots = await screen.captureScreens();
      if (shots.length === 0) throw new AppError('UNSUPPORTED', 'No screen could be captured');
      for (const shot of shots) await this.scanInto(target.preview, shot.name, shot.image);
    });
    await scanned.catch((error: unknown) => {
      if (previewId === undefined) this.previews.store.delete(target.id);
      throw error;
    });
    return this.previews.view(target.id);
  }

  /** The picked entries of a preview, all or nothing; a same-name conflict is kept as a second account. */
  importPreview(previewId: string, keys: string[]): Promise<ImportSummary> {
    return this.previews.commit(
      previewId,
      keys.map((key) => ({ key })),
    );
  }

  /** Accounts scanned elsewhere (the CLI's `scan --import`): all or nothing, duplicates skipped. */
  importAccounts(accounts: OtpAccountData[]): Promise<ImportResult> {
    return this.options.accounts.importAccounts(accounts);
  }

  async discardPreview(previewId: string): Promise<void> {
    await this.previews.discard(previewId);
  }

  /** Forgets every preview (and the secrets in them). */
  dispose(): void {
    this.previews.dispose();
  }

  /** Images go into a preview at once (an unreadable image is listed in it, not thrown). */
  private open(previewId: string | undefined): { id: string; preview: ImportPreview } {
    return this.previews.open(this.previews.target(previewId));
  }

  private async scanInto(preview: ImportPreview, source: string, bytes: Uint8Array): Promise<void> {
    let codes;
    try {
      const scanner = await this.options.scanner();
      codes = await scanImageBytes(bytes, scanner, this.options.maxPixels === undefined ? {} : { maxPixels: this.options.maxPixels });
    } catch (error) {
      const data = toAppErrorData(error);
      // A bad image is the user's file, reported next to its name; an engine failure is ours.
      if (data.code !== 'INVALID_QR') throw error;
      preview.addError(source, data);
      return;
    }
    preview.addCodes(source, codes);
  }
}

/** Base64 (validated by the contract) to bytes, with the size limit checked on the decoded length. */
function decodeBase64(base64: string): Uint8Array {
  const bytes = Buffer.from(base64, 'base64');
  if (bytes.length === 0) throw new AppError('INVALID_QR', 'The image is empty', { reason: 'corrupt' });
  if (bytes.length > QR_MAX_IMAGE_BYTES) {
    throw new AppError('INVALID_QR', `The image is larger than ${QR_MAX_IMAGE_BYTES / 1024 / 1024} MB`, { reason: 'too-large' });
  }
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
