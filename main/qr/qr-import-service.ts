// The `qr` API namespace: scan images the renderer sends (or the screen, in the desktop app) into a
// preview kept here in main, then import the entries the user picked, all or nothing.
import { AppError, toAppErrorData } from '../../shared/api/errors';
import { QR_MAX_IMAGE_BYTES, type QrScanPreview } from '../../shared/api/qr-contract';
import type { ImportSummary } from '../../shared/api/types';
import type { OtpAccountData } from '../../shared/otp/types';
import type { ImportResult } from '../accounts/accounts-service';
import { PreviewStore } from './preview-store';
import { scanImageBytes, type ImageScanner } from './scan-image';
import { ScanPreview, type PreviewLimits } from './scan-preview';
import type { ScreenCapturePort } from './screen-capture';
import { SerialQueue } from '../serial-queue';

/** What the import needs from the accounts service. */
export interface AccountImporter {
  importAccounts(entries: OtpAccountData[]): Promise<ImportResult>;
  duplicateIds(entries: OtpAccountData[]): Promise<(string | undefined)[]>;
}

export interface QrImportServiceOptions {
  accounts: AccountImporter;
  /** Lazily created: loading the wasm engine costs time nobody should pay at start-up. */
  scanner: () => Promise<ImageScanner>;
  /** The desktop app's screen capture; absent in web mode and the CLI. */
  screen?: ScreenCapturePort;
  store?: PreviewStore<ScanPreview>;
  /** Largest decoded image in pixels (default: the decoder's 50 MP). */
  maxPixels?: number;
  limits?: PreviewLimits;
}

export const SCREEN_CAPTURE_UNSUPPORTED =
  'Screen capture needs the Authbahn desktop app. In the browser, paste a screenshot (Ctrl+V) or drop an image file instead.';

export class QrImportService {
  private readonly store: PreviewStore<ScanPreview>;
  /** Scans run one at a time: each holds a decoded image (33 MB for 4K) and the wasm engine is single-threaded. */
  private readonly queue = new SerialQueue();

  constructor(private readonly options: QrImportServiceOptions) {
    this.store = options.store ?? new PreviewStore<ScanPreview>();
  }

  get canCaptureScreen(): boolean {
    return this.options.screen !== undefined;
  }

  async scanImage(base64: string, source: string, previewId?: string): Promise<QrScanPreview> {
    const bytes = decodeBase64(base64);
    const target = this.open(previewId);
    await this.queue.run(() => this.scanInto(target.preview, source, bytes)).catch((error: unknown) => {
      if (previewId === undefined) this.store.delete(target.id);
      throw error;
    });
    return this.view(target.id);
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
      if (previewId === undefined) this.store.delete(target.id);
      throw error;
    });
    return this.view(target.id);
  }

  async importPreview(previewId: string, keys: string[]): Promise<ImportSummary> {
    const found = this.store.get(previewId);
    if (!found) throw expired();
    const { entries, unknown } = found.value.select(keys);
    if (unknown.length > 0) {
      throw new AppError('INVALID_ARGUMENT', `Not in this scan: ${unknown.slice(0, 5).join(', ')}`, { unknown });
    }
    if (entries.length === 0) throw new AppError('INVALID_ARGUMENT', 'Choose at least one account to import');
    // All or nothing: the accounts service writes every secret or, on a keychain failure, removes the
    // ones already written and leaves the metadata untouched.
    const result = await this.options.accounts.importAccounts(entries.map((e) => e.account));
    // Done: forget the scanned secrets. After a failure the preview stays, so the user can retry.
    this.store.delete(previewId);
    return result;
  }

  /** Accounts scanned elsewhere (the CLI's `scan --import`): all or nothing, duplicates skipped. */
  importAccounts(accounts: OtpAccountData[]): Promise<ImportResult> {
    return this.options.accounts.importAccounts(accounts);
  }

  async discardPreview(previewId: string): Promise<void> {
    this.store.delete(previewId);
  }

  /** Forgets every preview (and the secrets in them). */
  dispose(): void {
    this.store.clear();
  }

  private open(previewId: string | undefined): { id: string; preview: ScanPreview } {
    if (previewId === undefined) {
      const preview = new ScanPreview(this.options.limits);
      return { id: this.store.create(preview).id, preview };
    }
    const found = this.store.get(previewId);
    if (!found) throw expired();
    if (!found.value.hasRoom()) throw new AppError('INVALID_ARGUMENT', 'Too many images in one import; import these first');
    return { id: previewId, preview: found.value };
  }

  private async scanInto(preview: ScanPreview, source: string, bytes: Uint8Array): Promise<void> {
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

  private async view(previewId: string): Promise<QrScanPreview> {
    const found = this.store.get(previewId);
    if (!found) throw expired();
    const entries = found.value.accounts();
    const duplicates = await this.options.accounts.duplicateIds(entries.map((e) => e.account));
    return found.value.view(previewId, found.expiresAt, duplicates);
  }
}

function expired(): AppError {
  return new AppError('NOT_FOUND', 'This scan has expired or was already imported; scan the image again');
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
