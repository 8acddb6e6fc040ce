// Finds every QR code in an RGBA image. Pure Node (no DOM, no Electron): the CLI, the tests and the
// main process (for screenshots the renderer sends over) all run this same code.
//
// Strategy (cheap first; later passes only look where earlier ones suggest, or run when nothing
// was found at all):
//   1. zxing-cpp (WebAssembly) on the whole image: multi-symbol, tryHarder, tryRotate, tryInvert
//      (dark-mode codes), tryDownscale (large screenshots). It also reports symbols it located but
//      could not decode (returnErrors) — typically codes at 1–2 px per module.
//   2. Targeted retries on crops: around those undecodable symbols (2× upscale) and around
//      low-contrast textured regions (local contrast stretch), skipping places already decoded.
//      This is what finds a hard code on a page that also has easy ones.
//   3. Only if nothing was found yet: whole-image passes (stretch, 2× upscale or 2× box downscale)
//      and finally jsQR (a different detector, one code per call): original, then downscaled.
// Positions from all passes are mapped back to the original image and de-duplicated.
import type { ReaderOptions, ReadResult } from 'zxing-wasm/reader';
import { AppError } from '../../shared/api/errors';
import type { QrCodeFound, QrPosition } from '../../shared/qr/types';
import type { ZxingReader } from './zxing-engine';
import { downscale, halfLuminance, localStretch, luminanceCrop, toLuminance, toRgba, upscale2, windowLevels, type GrayImage } from './preprocess';
import { grow, intersects, lowContrastRegions, mergeBoxes, type Box } from './regions';

export interface RgbaInput {
  width: number;
  height: number;
  /** RGBA, 4 bytes per pixel, row-major, no padding. Alpha is ignored: composite first (decodeImage does). */
  data: Uint8ClampedArray | Uint8Array;
}

/** jsQR's call signature (the package's default export), injected so tests can observe calls. */
export type JsQrDecode = (
  data: Uint8ClampedArray,
  width: number,
  height: number,
  options?: { inversionAttempts?: 'dontInvert' | 'onlyInvert' | 'attemptBoth' | 'invertFirst' },
) => {
  binaryData: number[];
  data: string;
  location: {
    topLeftCorner: { x: number; y: number };
    topRightCorner: { x: number; y: number };
    bottomLeftCorner: { x: number; y: number };
    bottomRightCorner: { x: number; y: number };
  };
} | null;

export interface QrScannerDeps {
  zxing: ZxingReader;
  /** Omit to disable the jsQR fallback. */
  jsqr?: JsQrDecode;
}

export interface QrScannerOptions {
  /** Largest accepted image, in pixels (default 50 MP, above an 8K screenshot). */
  maxPixels?: number;
  /** Most codes reported per image (default 64, at most 255). */
  maxSymbols?: number;
  /** Run the targeted and fallback passes (default true); false = one plain zxing pass. */
  extraPasses?: boolean;
  /** Called after every engine call; the bench uses it to show where time goes. */
  trace?: (event: ScanTraceEvent) => void;
}

export interface ScanTraceEvent {
  pass: string;
  ms: number;
  found: number;
  region?: Box;
}

/** Maps pass-image coordinates to the original: x' = dx + x·scale. */
interface Mapping {
  scale: number;
  dx: number;
  dy: number;
}

const IDENTITY: Mapping = { scale: 1, dx: 0, dy: 0 };

/** Upper bound on targeted retries per image, so a cluttered page cannot make a scan slow. */
const MAX_REGIONS = 12;

export class QrScanner {
  private readonly maxPixels: number;
  private readonly maxSymbols: number;
  private readonly extraPasses: boolean;
  private readonly trace: ((event: ScanTraceEvent) => void) | undefined;

  constructor(
    private readonly deps: QrScannerDeps,
    options: QrScannerOptions = {},
  ) {
    this.maxPixels = options.maxPixels ?? 50_000_000;
    // zxing stores the limit in 8 bits (0 would mean unlimited).
    this.maxSymbols = Math.min(255, Math.max(1, Math.floor(options.maxSymbols ?? 64)));
    this.extraPasses = options.extraPasses ?? true;
    this.trace = options.trace;
  }

  async scan(image: RgbaInput): Promise<QrCodeFound[]> {
    this.validate(image);
    const rgba =
      image.data instanceof Uint8ClampedArray ? image.data : new Uint8ClampedArray(image.data.buffer, image.data.byteOffset, image.data.byteLength);
    const input = { width: image.width, height: image.height, data: rgba };

    const first = await this.zxingPass('zxing', input, IDENTITY, { returnErrors: this.extraPasses });
    const found = [...first.codes];
    if (!this.extraPasses) return dedupe(found);

    let gray: GrayImage | undefined;
    const lum = () => (gray ??= toLuminance(input));
    found.push(...(await this.targetedPasses(input, first.located, found)));
    if (found.length > 0) return dedupe(found);

    for (const [name, pass] of this.wholeImagePasses(input.width, input.height)) {
      const { image: img, mapping } = pass(lum());
      const { codes } = await this.zxingPass(`whole:${name}`, toRgba(img), mapping, {});
      if (codes.length > 0) return dedupe(codes);
    }
    return this.deps.jsqr ? dedupe(this.jsqrPasses(input, lum)) : [];
  }

  private validate(image: RgbaInput): void {
    const { width, height, data } = image;
    if (!Number.isInteger(width) || !Number.isInteger(height) || width <= 0 || height <= 0) {
      throw new AppError('INVALID_QR', `Image has an invalid size (${width}×${height})`);
    }
    if (width * height > this.maxPixels) {
      throw new AppError('INVALID_QR', `Image is too large to scan (${width}×${height}; limit ${Math.round(this.maxPixels / 1e6)} MP)`);
    }
    if (!(data instanceof Uint8Array || data instanceof Uint8ClampedArray) || data.length !== width * height * 4) {
      throw new AppError('INVALID_QR', `Image data does not match its size (expected ${width * height * 4} RGBA bytes)`);
    }
  }

  /**
   * Retries on crops: symbols zxing located but could not decode (usually too few pixels per
   * module: upscale) and low-contrast textured regions (level window, then upscale). Regions that
   * overlap decoded codes are skipped. Works from RGBA crops, so a page where the first pass already
   * found everything costs only the half-resolution region analysis.
   */
  private async targetedPasses(input: RgbaInput, located: Box[], found: QrCodeFound[]): Promise<QrCodeFound[]> {
    const { width, height } = input;
    const decoded = found.map((c) => c.position);
    const fresh = (b: Box) => !decoded.some((d) => intersects(b, d));
    type Candidate = { box: Box; variants: ((g: GrayImage) => { img: GrayImage; scale: number })[] };
    const candidates: Candidate[] = mergeBoxes(located.filter(fresh)).map((b) => ({
      box: grow(b, Math.max(12, 0.3 * Math.max(b.width, b.height)), width, height),
      variants: [(g) => ({ img: upscale2(g), scale: 0.5 }), (g) => ({ img: upscale2(localStretch(g)), scale: 0.5 })],
    }));
    if (width >= 64 && height >= 64) {
      // Analysed at half resolution: a quarter of the work, and modules ≥ 2 px stay visible.
      const half = halfLuminance(input);
      const tile = Math.min(width, height) >= 1600 ? 16 : 8;
      for (const r of lowContrastRegions(half, { tile })) {
        const box = { x: r.box.x * 2, y: r.box.y * 2, width: r.box.width * 2, height: r.box.height * 2 };
        if (!fresh(box)) continue;
        candidates.push({
          box: grow(box, 16, width, height),
          variants: [(g) => ({ img: windowLevels(g, r.dark, r.light), scale: 1 }), (g) => ({ img: upscale2(windowLevels(g, r.dark, r.light)), scale: 0.5 })],
        });
      }
    }
    const out: QrCodeFound[] = [];
    for (const { box, variants } of candidates.slice(0, MAX_REGIONS)) {
      if (out.some((c) => intersects(c.position, box))) continue;
      const region = luminanceCrop(input, box.x, box.y, box.width, box.height);
      for (const variant of variants) {
        const { img, scale } = variant(region);
        const { codes } = await this.zxingPass('region', toRgba(img), { scale, dx: box.x, dy: box.y }, { tryDownscale: false }, box);
        if (codes.length > 0) {
          out.push(...codes);
          break;
        }
      }
    }
    return out;
  }

  /** Whole-image fallbacks, tried in order until one finds something. */
  private wholeImagePasses(width: number, height: number): [string, (g: GrayImage) => { image: GrayImage; mapping: Mapping }][] {
    const short = Math.min(width, height);
    const passes: [string, (g: GrayImage) => { image: GrayImage; mapping: Mapping }][] = [
      ['stretch', (g) => ({ image: localStretch(g), mapping: IDENTITY })],
    ];
    // Up to 1080p only: the 2× copy of anything larger costs more than it can find, and large
    // screenshots come from high-DPI screens whose codes have big modules anyway.
    if (width * height <= 2_200_000) passes.push(['up2', (g) => ({ image: upscale2(g), mapping: { scale: 0.5, dx: 0, dy: 0 } })]);
    // Averaging 2×2 blocks removes JPEG/blur noise on large images with large modules.
    if (short >= 1000) passes.push(['down2', (g) => ({ image: downscale(g, 2), mapping: { scale: 2, dx: 0, dy: 0 } })]);
    return passes;
  }

  private async zxingPass(
    pass: string,
    image: { width: number; height: number; data: Uint8ClampedArray },
    mapping: Mapping,
    extra: Partial<ReaderOptions>,
    region?: Box,
  ): Promise<{ codes: QrCodeFound[]; located: Box[] }> {
    const started = this.trace ? performance.now() : 0;
    const options: ReaderOptions = {
      formats: ['QRCode'],
      tryHarder: true,
      tryRotate: true,
      tryInvert: true,
      tryDownscale: true,
      maxNumberOfSymbols: this.maxSymbols,
      // Plain: text is the bytes decoded by their ECI/guessed charset, without HRI rewriting.
      textMode: 'Plain',
      ...extra,
    };
    let results: ReadResult[];
    try {
      results = await this.deps.zxing.read(image, options);
    } catch (error) {
      throw new AppError('INTERNAL', 'QR reader engine failed', { cause: String(error) });
    }
    const codes: QrCodeFound[] = [];
    const located: Box[] = [];
    for (const r of results) {
      const p = r.position;
      const box = boxOf([p.topLeft, p.topRight, p.bottomRight, p.bottomLeft], mapping);
      if (r.isValid && r.text.length > 0) codes.push({ text: r.text, bytes: new Uint8Array(r.bytes), position: box, engine: 'zxing' });
      else if (!r.isValid && box.width > 0 && box.height > 0) located.push(box);
    }
    this.trace?.({ pass, ms: performance.now() - started, found: codes.length, ...(region ? { region } : {}) });
    return { codes, located };
  }

  private jsqrPasses(input: { width: number; height: number; data: Uint8ClampedArray }, lum: () => GrayImage): QrCodeFound[] {
    const jsqr = this.deps.jsqr!;
    const tries: (() => { img: { width: number; height: number; data: Uint8ClampedArray }; mapping: Mapping })[] = [
      () => ({ img: input, mapping: IDENTITY }),
    ];
    const short = Math.min(input.width, input.height);
    if (short >= 1000) {
      const factor = short >= 2000 ? 3 : 2;
      tries.push(() => ({ img: toRgba(downscale(lum(), factor)), mapping: { scale: factor, dx: 0, dy: 0 } }));
    }
    for (const t of tries) {
      const { img, mapping } = t();
      const started = this.trace ? performance.now() : 0;
      const r = jsqr(img.data, img.width, img.height, { inversionAttempts: 'attemptBoth' });
      this.trace?.({ pass: `jsqr:${mapping.scale}`, ms: performance.now() - started, found: r ? 1 : 0 });
      if (r && r.data.length > 0) {
        const l = r.location;
        const position = boxOf([l.topLeftCorner, l.topRightCorner, l.bottomRightCorner, l.bottomLeftCorner], mapping);
        return [{ text: r.data, bytes: Uint8Array.from(r.binaryData), position, engine: 'jsqr' }];
      }
    }
    return [];
  }
}

function boxOf(points: { x: number; y: number }[], m: Mapping): QrPosition {
  const xs = points.map((p) => m.dx + p.x * m.scale);
  const ys = points.map((p) => m.dy + p.y * m.scale);
  const x = Math.min(...xs);
  const y = Math.min(...ys);
  return { x: Math.round(x), y: Math.round(y), width: Math.round(Math.max(...xs) - x), height: Math.round(Math.max(...ys) - y) };
}

/**
 * Same text at overlapping places is one code seen twice (two passes, or zxing's own retries); the
 * same text at two separate places is two codes. Output is in reading order (top to bottom, then
 * left to right) so results are stable whichever pass found what.
 */
export function dedupe(codes: QrCodeFound[]): QrCodeFound[] {
  const out: QrCodeFound[] = [];
  for (const c of codes) {
    if (!out.some((o) => o.text === c.text && touches(o.position, c.position))) out.push(c);
  }
  return out.sort((a, b) => a.position.y - b.position.y || a.position.x - b.position.x);
}

/** Like intersects, but boxes that merely share an edge count too (rounding can shift a box by 1 px). */
function touches(a: QrPosition, b: QrPosition): boolean {
  return a.x <= b.x + b.width && b.x <= a.x + a.width && a.y <= b.y + b.height && b.y <= a.y + a.height;
}
