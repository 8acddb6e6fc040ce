// Finds every QR code in an RGBA image. Pure Node (no DOM, no Electron): the CLI, the tests and the
// main process (for screenshots the renderer sends over) all run this same code.
//
// Strategy (cheap first; the expensive passes only where a code may be):
//   1. zxing-cpp (WebAssembly) on the whole image: multi-symbol, tryHarder, tryRotate, tryInvert
//      (dark-mode codes), tryDownscale (large screenshots). It also reports symbols it located but
//      could not decode (returnErrors) — typically codes at 1–2 px per module.
//   2. A finder-pattern detector (finder-patterns.ts, a few ms): triples of 1:1:3:1:1 squares laid
//      out like a symbol's corners, including grey-on-grey codes below zxing's minimum contrast.
//      No undecoded symbol located by zxing or the detector: done. That is the common case (every
//      code read, or a screenshot without any), and it costs little more than step 1.
//   3. Targeted retries on crops: around undecodable symbols (2× upscale, contrast stretch) and
//      around detected symbols (a level window for low-contrast ones, else 2× upscale / stretch).
//   4. Only if nothing was found yet but step 2 saw a symbol: whole-image passes (stretch, 2×
//      upscale or 2× box downscale) and finally jsQR (a different detector, one code per call).
// Steps 3–4 stop when the per-image time budget is spent; what was found so far is returned, and
// scanDetailed says the search was cut short. Positions from all passes are mapped back to the
// original image and de-duplicated.
import type { ReaderOptions, ReadResult } from 'zxing-wasm/reader';
import { AppError } from '../../shared/api/errors';
import type { QrCodeFound, QrPosition } from '../../shared/qr/types';
import type { ZxingReader } from './zxing-engine';
import { detectSymbols, type SymbolCandidate } from './finder-patterns';
import { downscale, localStretch, luminanceCrop, toLuminance, toRgba, upscale2, windowLevels, type GrayImage } from './preprocess';
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
  /** Milliseconds, for the time budget (default performance.now). */
  clock?: () => number;
}

export interface QrScannerOptions {
  /** Largest accepted image, in pixels (default 50 MP, above an 8K screenshot). */
  maxPixels?: number;
  /** Most codes reported per image (default 64, at most 255). */
  maxSymbols?: number;
  /** Run the targeted and fallback passes (default true); false = one plain zxing pass. */
  extraPasses?: boolean;
  /**
   * Time budget per image in ms (default 2000). The first zxing pass and the detector always run;
   * no further pass starts once the budget is spent. A generous default: on the bench corpus every
   * image finishes in a fraction of it, so it only bounds pathological pages (many false
   * candidates, huge images on a slow machine).
   */
  timeBudgetMs?: number;
  /** Called after every engine call; the bench uses it to show where time goes. */
  trace?: (event: ScanTraceEvent) => void;
}

export interface ScanResult {
  codes: QrCodeFound[];
  /** False when the time budget stopped the search before every planned pass ran. */
  complete: boolean;
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

type Variant = (g: GrayImage) => { img: GrayImage; scale: number };

/** Signals that the time budget is spent; caught in scanDetailed. */
class BudgetSpent extends Error {}

export class QrScanner {
  private readonly maxPixels: number;
  private readonly maxSymbols: number;
  private readonly extraPasses: boolean;
  private readonly trace: ((event: ScanTraceEvent) => void) | undefined;
  private readonly timeBudgetMs: number;
  private readonly clock: () => number;

  constructor(
    private readonly deps: QrScannerDeps,
    options: QrScannerOptions = {},
  ) {
    this.maxPixels = options.maxPixels ?? 50_000_000;
    // zxing stores the limit in 8 bits (0 would mean unlimited).
    this.maxSymbols = Math.min(255, Math.max(1, Math.floor(options.maxSymbols ?? 64)));
    this.extraPasses = options.extraPasses ?? true;
    this.trace = options.trace;
    this.timeBudgetMs = Math.max(0, options.timeBudgetMs ?? 2000);
    this.clock = deps.clock ?? (() => performance.now());
  }

  async scan(image: RgbaInput): Promise<QrCodeFound[]> {
    return (await this.scanDetailed(image)).codes;
  }

  /** Like scan, and says whether the time budget cut the search short. */
  async scanDetailed(image: RgbaInput): Promise<ScanResult> {
    this.validate(image);
    const deadline = this.clock() + this.timeBudgetMs;
    const rgba =
      image.data instanceof Uint8ClampedArray ? image.data : new Uint8ClampedArray(image.data.buffer, image.data.byteOffset, image.data.byteLength);
    const input = { width: image.width, height: image.height, data: rgba };

    const first = await this.zxingPass('zxing', input, IDENTITY, { returnErrors: this.extraPasses });
    const found = [...first.codes];
    if (!this.extraPasses) return { codes: dedupe(found), complete: true };

    const detectStarted = this.clock();
    const { symbols } = detectSymbols(input);
    this.trace?.({ pass: 'detect', ms: this.clock() - detectStarted, found: symbols.length });

    let gray: GrayImage | undefined;
    const lum = () => (gray ??= toLuminance(input));
    const check = () => {
      if (this.clock() >= deadline) {
        this.trace?.({ pass: 'budget', ms: this.clock() - (deadline - this.timeBudgetMs), found: 0 });
        throw new BudgetSpent();
      }
    };
    try {
      found.push(...(await this.targetedPasses(input, first.located, symbols, found, check)));
      if (found.length > 0 || symbols.length === 0) return { codes: dedupe(found), complete: true };
      // A symbol was seen but no crop decoded: the whole-image passes give zxing the full context
      // (and jsQR its own detector). Nothing seen: they would only burn time on a page without codes.
      for (const [name, pass] of this.wholeImagePasses(input.width, input.height)) {
        check();
        const { image: img, mapping } = pass(lum());
        const { codes } = await this.zxingPass(`whole:${name}`, toRgba(img), mapping, {});
        if (codes.length > 0) return { codes: dedupe(codes), complete: true };
      }
      return { codes: this.deps.jsqr ? dedupe(this.jsqrPasses(input, lum, check)) : [], complete: true };
    } catch (error) {
      if (error instanceof BudgetSpent) return { codes: dedupe(found), complete: false };
      throw error;
    }
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
   * Retries on crops: symbols the finder-pattern detector saw (grey-on-grey: a level window from
   * the crop's own two levels; otherwise upscale and stretch) and small symbols zxing located but
   * could not decode (too few pixels per module: upscale). Regions that overlap decoded
   * codes are skipped, so a page where the first pass already read everything costs nothing here.
   */
  private async targetedPasses(input: RgbaInput, located: Box[], symbols: SymbolCandidate[], found: QrCodeFound[], check: () => void): Promise<QrCodeFound[]> {
    const { width, height } = input;
    const decoded = found.map((c) => c.position);
    const fresh = (b: Box) => !decoded.some((d) => intersects(b, d));
    const upscaled: Variant[] = [(g) => ({ img: upscale2(g), scale: 0.5 }), (g) => ({ img: upscale2(localStretch(g)), scale: 0.5 })];
    const candidates: { box: Box; variants: Variant[] }[] = [];
    for (const box of mergeBoxes(symbols.map((s) => s.box).filter(fresh))) {
      candidates.push({ box, variants: this.symbolVariants(luminanceCrop(input, box.x, box.y, box.width, box.height), upscaled) });
    }
    // zxing also "locates" symbols in check-box grids and photo texture; retrying those large
    // boxes 2× upscaled was most of the cost of a page without codes. A located box the detector
    // did not confirm is retried only when it is small: then its modules are likely below the
    // detector's resolution (a code at 1–2 px per module), and the retry costs a millisecond.
    const tinySide = Math.min(width, height) >= 1600 ? 300 : 200;
    for (const b of mergeBoxes(located.filter(fresh))) {
      const box = grow(b, Math.max(12, 0.3 * Math.max(b.width, b.height)), width, height);
      if (candidates.some((c) => intersects(c.box, box)) || Math.max(b.width, b.height) > tinySide) continue;
      candidates.push({ box, variants: upscaled });
    }
    const out: QrCodeFound[] = [];
    for (const { box, variants } of candidates.slice(0, MAX_REGIONS)) {
      if (out.some((c) => intersects(c.position, box))) continue;
      const region = luminanceCrop(input, box.x, box.y, box.width, box.height);
      for (const variant of variants) {
        check();
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

  /**
   * A detected symbol zxing did not read: if its crop holds a low-contrast textured region (the
   * grey-on-grey case), map that region's two levels to black and white; else the code has
   * contrast and lacks pixels, so upscale.
   */
  private symbolVariants(region: GrayImage, upscaled: Variant[]): Variant[] {
    const faint = lowContrastRegions(region).sort((a, b) => b.box.width * b.box.height - a.box.width * a.box.height)[0];
    if (!faint) return upscaled;
    const { dark, light } = faint;
    return [(g) => ({ img: windowLevels(g, dark, light), scale: 1 }), (g) => ({ img: upscale2(windowLevels(g, dark, light)), scale: 0.5 })];
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

  private jsqrPasses(input: { width: number; height: number; data: Uint8ClampedArray }, lum: () => GrayImage, check: () => void): QrCodeFound[] {
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
      check();
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
