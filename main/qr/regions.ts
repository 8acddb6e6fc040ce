// Where to look again after the first pass: boxes around places that may hold a code the plain pass
// missed. Cheap to compute (one pass over tile minima/maxima) so the scanner can afford it on every
// image, even when it already found codes elsewhere on the page.
import type { QrPosition } from '../../shared/qr/types';
import { tileStats, type GrayImage } from './preprocess';

export type Box = QrPosition;

export interface LowContrastRegion {
  box: Box;
  /** Typical dark and light levels inside the region (medians of the tiles' minima and maxima). */
  dark: number;
  light: number;
}

export interface LowContrastOptions {
  /** Tile edge in pixels (default: 16, or 32 for images whose short side is ≥ 1600 px). */
  tile?: number;
  /** Tiles with less range than this are flat background. */
  minRange?: number;
  /** Tiles with at least this range are already readable by zxing's local binarizer. */
  maxRange?: number;
  /** Smallest component (in tiles) worth a retry. */
  minTiles?: number;
}

/**
 * Connected groups of tiles that are textured like a QR code (many light/dark transitions both
 * across and down) but have little contrast: grey-on-grey codes that fall under zxing's minimum
 * local contrast. A subtle card border or divider has one transition per row in one direction
 * only, so it does not qualify. Returns bounding boxes in image pixels.
 */
export function lowContrastRegions(gray: GrayImage, options: LowContrastOptions = {}): LowContrastRegion[] {
  const tile = options.tile ?? (Math.min(gray.width, gray.height) >= 1600 ? 32 : 16);
  const minRange = options.minRange ?? 10;
  const maxRange = options.maxRange ?? 40;
  const minTiles = options.minTiles ?? 6;
  const { cols, rows, lo, hi } = tileStats(gray, tile);
  const n = cols * rows;
  const mark = new Uint8Array(n);
  for (let k = 0; k < n; k++) {
    const range = hi[k]! - lo[k]!;
    if (range < minRange || range >= maxRange) continue;
    const tx = k % cols;
    const ty = (k - tx) / cols;
    if (isTextured(gray, tx * tile, ty * tile, tile, lo[k]!, hi[k]!)) mark[k] = 1;
  }
  const regions: LowContrastRegion[] = [];
  const stack: number[] = [];
  for (let start = 0; start < n; start++) {
    if (mark[start] !== 1) continue;
    mark[start] = 2;
    stack.push(start);
    const members: number[] = [];
    let x0 = cols;
    let y0 = rows;
    let x1 = -1;
    let y1 = -1;
    while (stack.length > 0) {
      const k = stack.pop()!;
      members.push(k);
      const x = k % cols;
      const y = (k - x) / cols;
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (y < y0) y0 = y;
      if (y > y1) y1 = y;
      // Neighbours up to two tiles away: flat tiles inside a code (a finder pattern's centre)
      // must not split it into pieces too small to qualify.
      for (let dy = -2; dy <= 2; dy++) {
        for (let dx = -2; dx <= 2; dx++) {
          const nx = x + dx;
          const ny = y + dy;
          if (nx < 0 || ny < 0 || nx >= cols || ny >= rows) continue;
          const nk = ny * cols + nx;
          if (mark[nk] === 1) {
            mark[nk] = 2;
            stack.push(nk);
          }
        }
      }
    }
    if (members.length >= minTiles && x1 - x0 >= 1 && y1 - y0 >= 1) {
      regions.push({
        box: {
          x: x0 * tile,
          y: y0 * tile,
          width: Math.min(gray.width, (x1 + 1) * tile) - x0 * tile,
          height: Math.min(gray.height, (y1 + 1) * tile) - y0 * tile,
        },
        dark: median(members.map((k) => lo[k]!)),
        light: median(members.map((k) => hi[k]!)),
      });
    }
  }
  return regions;
}

function median(values: number[]): number {
  const s = values.sort((a, b) => a - b);
  return s[s.length >> 1]!;
}

/**
 * Counts light/dark transitions (with hysteresis at ¼ and ¾ of the tile's range, so noise does not
 * count) along rows and along columns of one tile.
 */
function isTextured(gray: GrayImage, x0: number, y0: number, tile: number, lo: number, hi: number): boolean {
  const { width, height, data } = gray;
  const x1 = Math.min(width, x0 + tile);
  const y1 = Math.min(height, y0 + tile);
  const low = lo + (hi - lo) / 4;
  const high = hi - (hi - lo) / 4;
  let across = 0;
  for (let y = y0; y < y1; y++) {
    let state = 0; // 0 unknown, 1 dark, 2 light
    for (let x = x0; x < x1; x++) {
      const v = data[y * width + x]!;
      const s = v <= low ? 1 : v >= high ? 2 : state;
      if (state !== 0 && s !== state) across++;
      state = s;
    }
  }
  let down = 0;
  for (let x = x0; x < x1; x++) {
    let state = 0;
    for (let y = y0; y < y1; y++) {
      const v = data[y * width + x]!;
      const s = v <= low ? 1 : v >= high ? 2 : state;
      if (state !== 0 && s !== state) down++;
      state = s;
    }
  }
  const perRow = across / (y1 - y0);
  const perCol = down / (x1 - x0);
  return perRow >= 1 && perCol >= 1 && perRow + perCol >= 2.5;
}

export function intersects(a: Box, b: Box): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

/** Grows a box by `margin` pixels on every side, clamped to the image. */
export function grow(b: Box, margin: number, width: number, height: number): Box {
  const x = Math.max(0, Math.floor(b.x - margin));
  const y = Math.max(0, Math.floor(b.y - margin));
  return {
    x,
    y,
    width: Math.min(width, Math.ceil(b.x + b.width + margin)) - x,
    height: Math.min(height, Math.ceil(b.y + b.height + margin)) - y,
  };
}

/** Merges overlapping boxes so one region is not scanned twice. */
export function mergeBoxes(boxes: Box[]): Box[] {
  const out = boxes.map((b) => ({ ...b }));
  for (let changed = true; changed; ) {
    changed = false;
    for (let i = 0; i < out.length && !changed; i++) {
      for (let j = i + 1; j < out.length; j++) {
        const a = out[i]!;
        const b = out[j]!;
        if (!intersects(a, b)) continue;
        const x = Math.min(a.x, b.x);
        const y = Math.min(a.y, b.y);
        out[i] = { x, y, width: Math.max(a.x + a.width, b.x + b.width) - x, height: Math.max(a.y + a.height, b.y + b.height) - y };
        out.splice(j, 1);
        changed = true;
        break;
      }
    }
  }
  return out;
}
