// A cheap "could there be a QR code here?" detector, run on every image after the first zxing pass.
// The scanner's expensive passes (crops at 2×, level windows, contrast stretch, whole-image
// fallbacks, jsQR) are only worth their cost where a symbol may be; on a screenshot without any
// code they used to take 40× one zxing pass. This finds QR finder patterns (the three 7×7 squares)
// the way ZXing's FinderPatternFinder does: scan rows for dark/light runs in the ratio 1:1:3:1:1,
// confirm each hit down its column and across again, then keep only triples of patterns laid out
// like a symbol's corners (two equal legs at a right angle) whose timing patterns alternate.
//
// Differences from ZXing, each for a case the scanner must handle: the binarizer threshold is
// local with a low minimum contrast (grey-on-grey codes that zxing's binarizer flattens), both
// polarities are accepted (dark-mode codes), and only every 2nd (4K: 4th) row is read at all.
import type { Box } from './regions';

export interface FinderCandidate {
  /** Centre in image pixels. */
  x: number;
  y: number;
  /** Estimated module size in pixels. */
  module: number;
  /** True when the centre square is dark (ordinary codes); false for light-on-dark codes. */
  darkCentre: boolean;
  /** Rows that confirmed this pattern; a real finder is seen on several. */
  hits: number;
}

export interface SymbolCandidate {
  /** The three finder centres: the corner with the right angle first. */
  corners: [FinderCandidate, FinderCandidate, FinderCandidate];
  /** Bounding box of the whole symbol plus its quiet zone, clamped to the image. */
  box: Box;
  module: number;
  darkCentre: boolean;
}

export interface FinderOptions {
  /** log2 of the tile edge for the local threshold (default 3, or 4 when the short side ≥ 1600). */
  tileShift?: number;
  /** Tiles with a smaller range get no threshold of their own, so noise makes no runs (default 16). */
  minContrast?: number;
  /** Scan every n-th row (default 2, or 4 when the short side ≥ 1600). */
  rowStep?: number;
  /** Most candidates kept for grouping, best confirmed first (default 60). */
  maxCandidates?: number;
}

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/** Pixels as zxing sees them: RGBA (4 bytes per pixel) or already luminance (1 byte). */
export interface PixelSource {
  width: number;
  height: number;
  data: Uint8ClampedArray | Uint8Array;
}

/**
 * A binarized view of an image, built from every rowStep-th row only (the rows the finder scan
 * reads): luminance of those rows is computed once, tile extremes come from them, and any other
 * pixel (vertical cross-checks, timing checks: a few hundred per candidate) is converted on demand.
 * On a screenshot that is half (a quarter for 4K) of the work of converting the whole image.
 *
 * The threshold of a tile is the midpoint of its own min and max. Own tile only, no neighbourhood:
 * a grey-on-grey code next to a white page keeps its two levels apart as long as the quiet zone is
 * a tile wide. A flat tile (range < minContrast: inside a module, a quiet zone, or two background
 * shades such as a dark page and a dark quiet zone) takes, of its textured neighbours' thresholds,
 * the one closest to its own level: a grey code's quiet zone next to a white page sides with the
 * code's 130/150 edge, not the page's 150/243 one, and stays light. Flat areas without textured
 * neighbours inherit further (two sweeps), so noise there makes no runs.
 */
export class Binarized {
  readonly width: number;
  readonly height: number;
  readonly rowStep: number;
  readonly shift: number;
  private readonly cols: number;
  private readonly threshold: Int16Array;
  private readonly data: Uint8ClampedArray | Uint8Array;
  private readonly rgba: boolean;
  /** Luminance of the sampled rows (rows y ≡ rowStep/2 mod rowStep), row after row. */
  private readonly sampled: Uint8Array;
  /** Extremes of each sampled row within each tile (sampled row × tile column). */
  private readonly segLo: Uint8Array;
  private readonly segHi: Uint8Array;

  constructor(img: PixelSource, options: { tileShift?: number; rowStep?: number; minContrast?: number } = {}) {
    const { width, height, data } = img;
    const large = Math.min(width, height) >= 1600;
    const shift = (this.shift = options.tileShift ?? (large ? 4 : 3));
    const step = (this.rowStep = Math.max(1, options.rowStep ?? (large ? 4 : 2)));
    const minContrast = options.minContrast ?? 16;
    this.width = width;
    this.height = height;
    this.data = data;
    this.rgba = data.length === width * height * 4;
    const cols = (this.cols = (width + (1 << shift) - 1) >> shift);
    const rows = (height + (1 << shift) - 1) >> shift;
    const lo = new Uint8Array(cols * rows).fill(255);
    const hi = new Uint8Array(cols * rows);
    const sampledRows = Math.max(0, Math.ceil((height - (step >> 1)) / step));
    const sampled = (this.sampled = new Uint8Array(sampledRows * width));
    const words = this.rgba && data.byteOffset % 4 === 0 && LITTLE_ENDIAN ? new Uint32Array(data.buffer, data.byteOffset, width * height) : undefined;
    const segLo = (this.segLo = new Uint8Array(sampledRows * cols));
    const segHi = (this.segHi = new Uint8Array(sampledRows * cols));
    for (let r = 0, y = step >> 1; y < height; r++, y += step) {
      const out = r * width;
      if (words) {
        // One 32-bit read per pixel (little-endian: R in the low byte).
        for (let x = 0, i = y * width; x < width; x++, i++) {
          const w = words[i]!;
          sampled[out + x] = ((w & 255) + ((w >>> 7) & 510) + ((w >>> 16) & 255) + 2) >> 2;
        }
      } else if (this.rgba) {
        for (let x = 0, p = y * width * 4; x < width; x++, p += 4) sampled[out + x] = (data[p]! + 2 * data[p + 1]! + data[p + 2]! + 2) >> 2;
      } else {
        sampled.set(data.subarray(y * width, (y + 1) * width), out);
      }
      const base = (y >> shift) * cols;
      for (let tx = 0; tx < cols; tx++) {
        const k = base + tx;
        let mn = 255;
        let mx = 0;
        const xe = Math.min(width, (tx + 1) << shift);
        for (let x = tx << shift; x < xe; x++) {
          const v = sampled[out + x]!;
          if (v < mn) mn = v;
          if (v > mx) mx = v;
        }
        segLo[r * cols + tx] = mn;
        segHi[r * cols + tx] = mx;
        if (mn < lo[k]!) lo[k] = mn;
        if (mx > hi[k]!) hi[k] = mx;
      }
    }
    const t = (this.threshold = new Int16Array(cols * rows));
    // +1: a pixel exactly at the midpoint of a two-level tile reads light, not a coin toss.
    // (hi < lo: no sampled row crossed the tile.)
    for (let k = 0; k < t.length; k++) t[k] = hi[k]! >= lo[k]! && hi[k]! - lo[k]! >= minContrast ? (lo[k]! + hi[k]! + 1) >> 1 : -1;
    const own = Int16Array.from(t);
    for (let j = 0; j < rows; j++) {
      for (let i = 0; i < cols; i++) {
        const k = j * cols + i;
        if (own[k]! >= 0 || hi[k]! < lo[k]!) continue;
        const level = (lo[k]! + hi[k]!) >> 1;
        let best = -1;
        for (let jj = Math.max(0, j - 1); jj <= Math.min(rows - 1, j + 1); jj++) {
          for (let ii = Math.max(0, i - 1); ii <= Math.min(cols - 1, i + 1); ii++) {
            const n = own[jj * cols + ii]!;
            if (n >= 0 && (best < 0 || Math.abs(n - level) < Math.abs(best - level))) best = n;
          }
        }
        t[k] = best;
      }
    }
    fillFlat(t, cols);
  }

  /**
   * Luminance at (x, y), inside the image. (R + 2G + B) / 4 rather than zxing's Rec. 601 weights:
   * only edges matter here, and adds and a shift are what makes reading the sampled rows cheap.
   */
  luminance(x: number, y: number): number {
    const i = y * this.width + x;
    if (!this.rgba) return this.data[i]!;
    const p = i * 4;
    const d = this.data;
    return (d[p]! + 2 * d[p + 1]! + d[p + 2]! + 2) >> 2;
  }

  /** 1 for dark, 0 for light; callers keep x, y inside the image. */
  at(x: number, y: number): number {
    return this.luminance(x, y) < this.threshold[(y >> this.shift) * this.cols + (x >> this.shift)]! ? 1 : 0;
  }

  get sampledRows(): number {
    return this.width === 0 ? 0 : this.sampled.length / this.width;
  }

  /**
   * Walks sampled row r (image row r·rowStep + rowStep/2) tile by tile: `uniform` is 0 or 1 when
   * the whole tile-row is light or dark (its sampled extremes are on one side of the threshold),
   * else -1 and the caller thresholds `values` (the row's luminance, indexed by x) itself.
   */
  forEachSegment(r: number, visit: (x0: number, x1: number, uniform: number, values: Uint8Array, threshold: number) => void): void {
    const { width, shift, cols, threshold, sampled, segLo, segHi } = this;
    const y = r * this.rowStep + (this.rowStep >> 1);
    const base = (y >> shift) * cols;
    const values = sampled.subarray(r * width, (r + 1) * width);
    for (let tx = 0; tx < cols; tx++) {
      const t = threshold[base + tx]!;
      const x0 = tx << shift;
      const x1 = Math.min(width, x0 + (1 << shift));
      const mn = segLo[r * cols + tx]!;
      const mx = segHi[r * cols + tx]!;
      visit(x0, x1, mx < t ? 1 : mn >= t ? 0 : -1, values, t);
    }
  }
}

/** Flat tiles take the threshold of a textured neighbour (forward then backward sweep); none at all: 0 (all light). */
function fillFlat(t: Int16Array, cols: number): void {
  for (let pass = 0; pass < 2; pass++) {
    const d = pass === 0 ? -1 : 1;
    for (let n = 0; n < t.length; n++) {
      const k = pass === 0 ? n : t.length - 1 - n;
      if (t[k]! >= 0) continue;
      const i = k % cols;
      const side = i + d >= 0 && i + d < cols ? t[k + d]! : -1;
      const vertical = k + d * cols >= 0 && k + d * cols < t.length ? t[k + d * cols]! : -1;
      if (side >= 0) t[k] = side;
      else if (vertical >= 0) t[k] = vertical;
    }
  }
  for (let k = 0; k < t.length; k++) if (t[k]! < 0) t[k] = 0;
}

/** ZXing's ratio test: runs of 1:1:3:1:1 modules, each within half a module. */
function isFinderRatio(c0: number, c1: number, c2: number, c3: number, c4: number): boolean {
  const total = c0 + c1 + c2 + c3 + c4;
  if (total < 7) return false;
  const m = total / 7;
  const v = m / 2;
  return Math.abs(m - c0) < v && Math.abs(m - c1) < v && Math.abs(3 * m - c2) < 3 * v && Math.abs(m - c3) < v && Math.abs(m - c4) < v;
}

/**
 * Walks from (x, y) in direction (dx, dy) over the centre run and the two runs beyond it, returning
 * the run lengths found on that side ([centre part, ring, outer]) or undefined past `limit` pixels.
 */
function runsFrom(bits: Binarized, x: number, y: number, dx: number, dy: number, limit: number): [number, number, number] | undefined {
  const { width, height } = bits;
  const centre = bits.at(x, y);
  const counts: [number, number, number] = [0, 0, 0];
  let state = 0;
  let cx = x;
  let cy = y;
  while (cx >= 0 && cy >= 0 && cx < width && cy < height) {
    const v = bits.at(cx, cy);
    const want = state === 1 ? 1 - centre : centre;
    if (v !== want) {
      if (state === 2) return counts;
      state++;
    }
    counts[state]!++;
    if (counts[state]! > limit) return undefined;
    cx += dx;
    cy += dy;
  }
  return state === 2 ? counts : undefined;
}

/** Cross-check along one axis through (x, y): the centre of the 1:1:3:1:1 pattern and its total width, or undefined. */
function crossCheck(bits: Binarized, x: number, y: number, vertical: boolean, limit: number): { centre: number; total: number } | undefined {
  const dx = vertical ? 0 : 1;
  const dy = vertical ? 1 : 0;
  const fwd = runsFrom(bits, x, y, dx, dy, limit);
  if (!fwd) return undefined;
  const back = runsFrom(bits, x, y, -dx, -dy, limit);
  if (!back) return undefined;
  const c2 = fwd[0] + back[0] - 1;
  if (!isFinderRatio(back[2], back[1], c2, fwd[1], fwd[2])) return undefined;
  const start = (vertical ? y : x) - back[0] + 1;
  return { centre: start + c2 / 2, total: back[2] + back[1] + c2 + fwd[1] + fwd[2] };
}

/** Finder-pattern centres in a binarized image (see binarize), both polarities, merged across rows. */
export function findFinderCandidates(bits: Binarized, maxCandidates = 60): FinderCandidate[] {
  const { width } = bits;
  const found: FinderCandidate[] = [];
  const counts = [0, 0, 0, 0, 0];
  let n = 0; // runs completed in this row, capped at 5 (a sliding window)
  let y = 0;
  /** A run ended just before x: shift it into the window and test the last five. */
  const close = (x: number, run: number) => {
    counts[0] = counts[1]!;
    counts[1] = counts[2]!;
    counts[2] = counts[3]!;
    counts[3] = counts[4]!;
    counts[4] = run;
    if (n < 5) n++;
    if (n === 5 && isFinderRatio(counts[0]!, counts[1]!, counts[2]!, counts[3]!, counts[4]!)) {
      const total = counts[0]! + counts[1]! + counts[2]! + counts[3]! + counts[4]!;
      confirm(bits, Math.floor(x - counts[4]! - counts[3]! - counts[2]! / 2), y, total, found);
    }
  };
  // Every rowStep-th row: a finder's centre is 3 modules tall, so at rowStep 2 modules of 1.5 px are
  // crossed twice (3 px at rowStep 4, used for 4K). Smaller codes are zxing's to locate.
  for (let r = 0; r < bits.sampledRows; r++) {
    y = r * bits.rowStep + (bits.rowStep >> 1);
    n = 0;
    let colour = -1;
    let run = 0;
    bits.forEachSegment(r, (x0, x1, uniform, values, threshold) => {
      if (uniform >= 0) {
        // Most of a screenshot: a tile-row of one colour extends or starts a run in one step.
        if (uniform === colour) run += x1 - x0;
        else {
          if (colour >= 0) close(x0, run);
          colour = uniform;
          run = x1 - x0;
        }
        return;
      }
      for (let x = x0; x < x1; x++) {
        const v = values[x]! < threshold ? 1 : 0;
        if (v === colour) run++;
        else {
          if (colour >= 0) close(x, run);
          colour = v;
          run = 1;
        }
      }
    });
    if (colour >= 0) close(width, run);
  }
  return found.sort((a, b) => b.hits - a.hits).slice(0, maxCandidates);
}

function confirm(bits: Binarized, x: number, y: number, total: number, found: FinderCandidate[]): void {
  const limit = Math.ceil(total);
  const v = crossCheck(bits, x, y, true, limit);
  if (!v || 5 * Math.abs(v.total - total) >= 2 * total) return;
  const cy = Math.floor(v.centre);
  const h = crossCheck(bits, x, cy, false, limit);
  if (!h || 5 * Math.abs(h.total - total) >= 2 * total) return;
  const cx = h.centre;
  const module = (h.total + v.total) / 14;
  const darkCentre = bits.at(Math.floor(cx), cy) === 1;
  for (const f of found) {
    // Same pattern seen from another row: close centre, similar size, same polarity.
    if (f.darkCentre === darkCentre && Math.abs(f.x - cx) <= module * 1.5 && Math.abs(f.y - v.centre) <= module * 1.5 && Math.abs(f.module - module) <= Math.max(1, 0.4 * module)) {
      f.x = (f.x * f.hits + cx) / (f.hits + 1);
      f.y = (f.y * f.hits + v.centre) / (f.hits + 1);
      f.module = (f.module * f.hits + module) / (f.hits + 1);
      f.hits++;
      return;
    }
  }
  found.push({ x: cx, y: v.centre, module, darkCentre, hits: 1 });
}

/**
 * Triples of candidates placed like the three finder patterns of one symbol: same polarity,
 * similar module size, two legs of equal length at a right angle, 14–170 modules apart (QR
 * versions 1–40), and timing patterns (alternating modules) along both legs. The timing check is
 * what tells a code from a grid of checked check boxes.
 */
export function groupSymbols(cands: FinderCandidate[], bits: Binarized): SymbolCandidate[] {
  const out: SymbolCandidate[] = [];
  const usable = cands.filter((c) => c.hits >= 2);
  for (let i = 0; i < usable.length; i++) {
    for (let j = i + 1; j < usable.length; j++) {
      for (let k = j + 1; k < usable.length; k++) {
        const s = asSymbol(usable[i]!, usable[j]!, usable[k]!, bits);
        if (s) out.push(s);
      }
    }
  }
  return out;
}

function asSymbol(a: FinderCandidate, b: FinderCandidate, c: FinderCandidate, bits: Binarized): SymbolCandidate | undefined {
  const { width, height } = bits;
  if (a.darkCentre !== b.darkCentre || b.darkCentre !== c.darkCentre) return undefined;
  const mMin = Math.min(a.module, b.module, c.module);
  const mMax = Math.max(a.module, b.module, c.module);
  if (mMax > 1.6 * mMin) return undefined;
  const d = (p: FinderCandidate, q: FinderCandidate) => Math.hypot(p.x - q.x, p.y - q.y);
  // The right-angle corner is opposite the longest side.
  const sides: [number, FinderCandidate, FinderCandidate, FinderCandidate][] = [
    [d(b, c), a, b, c],
    [d(a, c), b, a, c],
    [d(a, b), c, a, b],
  ];
  sides.sort((p, q) => q[0] - p[0]);
  const [hyp, corner, p, q] = sides[0]!;
  const leg1 = d(corner, p);
  const leg2 = d(corner, q);
  if (Math.abs(leg1 - leg2) > 0.2 * Math.max(leg1, leg2)) return undefined;
  const leg = (leg1 + leg2) / 2;
  if (Math.abs(hyp - Math.SQRT2 * leg) > 0.12 * hyp) return undefined;
  const module = (a.module + b.module + c.module) / 3;
  const modules = leg / module;
  if (modules < 12 || modules > 175) return undefined;
  if (!hasTiming(corner, p, q, module, bits) || !hasTiming(corner, q, p, module, bits)) return undefined;
  // Fourth corner by parallelogram, then the symbol's hull plus finder half-width and quiet zone.
  const far = { x: p.x + q.x - corner.x, y: p.y + q.y - corner.y };
  const xs = [corner.x, p.x, q.x, far.x];
  const ys = [corner.y, p.y, q.y, far.y];
  const margin = 8 * module;
  const x0 = Math.max(0, Math.floor(Math.min(...xs) - margin));
  const y0 = Math.max(0, Math.floor(Math.min(...ys) - margin));
  const x1 = Math.min(width, Math.ceil(Math.max(...xs) + margin));
  const y1 = Math.min(height, Math.ceil(Math.max(...ys) + margin));
  return { corners: [corner, p, q], box: { x: x0, y: y0, width: x1 - x0, height: y1 - y0 }, module, darkCentre: a.darkCentre };
}

/**
 * The timing pattern runs between two finders along their inner edges: 3 modules from the centres
 * towards the third finder, strictly alternating. Counts colour changes along that line (sampled
 * every half module, so the exact phase does not matter) against the count the symbol size implies;
 * blank page between check boxes in a grid has none. Lenient (60–160%): blur and fractional module
 * sizes blur a few modules.
 */
function hasTiming(from: FinderCandidate, to: FinderCandidate, third: FinderCandidate, module: number, bits: Binarized): boolean {
  const { width, height } = bits;
  const len = Math.hypot(to.x - from.x, to.y - from.y);
  const ux = (to.x - from.x) / len;
  const uy = (to.y - from.y) / len;
  const tl = Math.hypot(third.x - from.x, third.y - from.y);
  const vx = (third.x - from.x) / tl;
  const vy = (third.y - from.y) / tl;
  // Finder centres are (size − 7) modules apart; size is 4·version + 17. Snapping the size first
  // gives the real pitch, which the finders' own module estimate is only roughly.
  const size = 17 + 4 * Math.max(0, Math.round((len / module + 7 - 17) / 4));
  const pitch = len / (size - 7);
  const timing = size - 16; // timing modules between the two separators
  let changes = 0;
  let prev = -1;
  for (let t = 5 * pitch; t <= len - 5 * pitch + 1e-6; t += pitch / 2) {
    const x = Math.floor(from.x + ux * t + vx * 3 * pitch);
    const y = Math.floor(from.y + uy * t + vy * 3 * pitch);
    if (x < 0 || y < 0 || x >= width || y >= height) return false;
    const bit = bits.at(x, y);
    if (prev >= 0 && bit !== prev) changes++;
    prev = bit;
  }
  const expected = timing - 1;
  return changes >= 0.6 * expected && changes <= 1.6 * expected;
}

export interface DetectResult {
  candidates: FinderCandidate[];
  symbols: SymbolCandidate[];
}

/** Binarize, find finder patterns, group them into symbols. */
export function detectSymbols(img: PixelSource, options: FinderOptions = {}): DetectResult {
  const bits = new Binarized(img, options);
  const candidates = findFinderCandidates(bits, options.maxCandidates ?? 60);
  return { candidates, symbols: groupSymbols(candidates, bits) };
}
