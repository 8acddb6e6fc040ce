// Image transforms for the scanner's extra passes. All work on 8-bit luminance, the only thing a
// QR reader looks at, so each pass costs one byte per pixel instead of four.

export interface GrayImage {
  width: number;
  height: number;
  data: Uint8Array;
}

export interface RgbaLike {
  width: number;
  height: number;
  data: Uint8ClampedArray | Uint8Array;
}

/** Rec. 601-ish luma with integer weights, the same formula zxing-wasm applies to RGBA input. */
export function toLuminance(img: RgbaLike): GrayImage {
  const n = img.width * img.height;
  const out = new Uint8Array(n);
  const d = img.data;
  for (let i = 0, p = 0; i < n; i++, p += 4) out[i] = (306 * d[p]! + 601 * d[p + 1]! + 117 * d[p + 2]! + 512) >> 10;
  return { width: img.width, height: img.height, data: out };
}

/** Luminance of a rectangle of an RGBA image, without converting the whole image first. */
export function luminanceCrop(img: RgbaLike, x: number, y: number, width: number, height: number): GrayImage {
  const x0 = Math.max(0, Math.floor(x));
  const y0 = Math.max(0, Math.floor(y));
  const w = Math.max(0, Math.min(img.width, Math.ceil(x + width)) - x0);
  const h = Math.max(0, Math.min(img.height, Math.ceil(y + height)) - y0);
  const out = new Uint8Array(w * h);
  const d = img.data;
  for (let r = 0; r < h; r++) {
    let p = ((y0 + r) * img.width + x0) * 4;
    const o = r * w;
    for (let c = 0; c < w; c++, p += 4) out[o + c] = (306 * d[p]! + 601 * d[p + 1]! + 117 * d[p + 2]! + 512) >> 10;
  }
  return { width: w, height: h, data: out };
}

/**
 * Half-resolution luminance (2×2 average) straight from RGBA: a quarter of the pixels to analyse
 * when deciding where to look again, at the cost of one read of the image.
 */
export function halfLuminance(img: RgbaLike): GrayImage {
  const w = img.width >> 1;
  const h = img.height >> 1;
  const out = new Uint8Array(w * h);
  const d = img.data;
  const stride = img.width * 4;
  for (let y = 0; y < h; y++) {
    let p = 2 * y * stride;
    const o = y * w;
    for (let x = 0; x < w; x++, p += 8) {
      const q = p + stride;
      const r = d[p]! + d[p + 4]! + d[q]! + d[q + 4]!;
      const g = d[p + 1]! + d[p + 5]! + d[q + 1]! + d[q + 5]!;
      const b = d[p + 2]! + d[p + 6]! + d[q + 2]! + d[q + 6]!;
      out[o + x] = (306 * r + 601 * g + 117 * b + 2048) >> 12;
    }
  }
  return { width: w, height: h, data: out };
}

/**
 * Maps the band dark..light to 0..255, clamping outside it. For a grey-on-grey code whose two
 * levels are known this beats any generic stretch: the page around the code (often much lighter
 * or darker) cannot dilute the contrast of the finder patterns at the code's corners.
 */
export function windowLevels(gray: GrayImage, dark: number, light: number): GrayImage {
  const out = new Uint8Array(gray.data.length);
  const lut = new Uint8Array(256);
  const span = Math.max(1, light - dark);
  for (let v = 0; v < 256; v++) lut[v] = Math.min(255, Math.max(0, Math.round(((v - dark) * 255) / span)));
  for (let i = 0; i < out.length; i++) out[i] = lut[gray.data[i]!]!;
  return { width: gray.width, height: gray.height, data: out };
}

/** zxing-wasm only accepts RGBA; a grey pixel in all three channels survives its luma step unchanged. */
export function toRgba(gray: GrayImage): { width: number; height: number; data: Uint8ClampedArray } {
  const n = gray.width * gray.height;
  const out = new Uint8ClampedArray(n * 4);
  const g = gray.data;
  for (let i = 0, p = 0; i < n; i++, p += 4) {
    const v = g[i]!;
    out[p] = v;
    out[p + 1] = v;
    out[p + 2] = v;
    out[p + 3] = 255;
  }
  return { width: gray.width, height: gray.height, data: out };
}

/** Box-filter downscale by an integer factor: averaging (not skipping) keeps thin modules visible. */
export function downscale(gray: GrayImage, factor: number): GrayImage {
  const w = Math.floor(gray.width / factor);
  const h = Math.floor(gray.height / factor);
  const out = new Uint8Array(w * h);
  const area = factor * factor;
  const src = gray.data;
  const sw = gray.width;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      let s = 0;
      for (let dy = 0; dy < factor; dy++) {
        const row = (y * factor + dy) * sw + x * factor;
        for (let dx = 0; dx < factor; dx++) s += src[row + dx]!;
      }
      out[y * w + x] = (s + (area >> 1)) / area;
    }
  }
  return { width: w, height: h, data: out };
}

/**
 * 2× bilinear upscale (fixed ¼/¾ weights, integer maths). Finder-pattern detectors need a few
 * pixels per module; codes drawn at 1–1.5 px per module (a scaled-down screenshot) only become
 * readable when enlarged.
 */
export function upscale2(gray: GrayImage): GrayImage {
  const sw = gray.width;
  const sh = gray.height;
  const w = sw * 2;
  const h = sh * 2;
  const src = gray.data;
  // Horizontal pass into 16-bit (values ×4), then vertical pass (×4 again, so ÷16 at the end).
  const mid = new Uint16Array(w * sh);
  for (let y = 0; y < sh; y++) {
    const r = y * sw;
    const o = y * w;
    for (let x = 0; x < sw; x++) {
      const c = src[r + x]!;
      const l = src[r + (x > 0 ? x - 1 : 0)]!;
      const rt = src[r + (x < sw - 1 ? x + 1 : x)]!;
      mid[o + 2 * x] = 3 * c + l;
      mid[o + 2 * x + 1] = 3 * c + rt;
    }
  }
  const out = new Uint8Array(w * h);
  for (let y = 0; y < sh; y++) {
    const up = (y > 0 ? y - 1 : 0) * w;
    const cur = y * w;
    const down = (y < sh - 1 ? y + 1 : y) * w;
    const o0 = 2 * y * w;
    const o1 = o0 + w;
    for (let x = 0; x < w; x++) {
      const c = 3 * mid[cur + x]!;
      out[o0 + x] = (c + mid[up + x]! + 8) >> 4;
      out[o1 + x] = (c + mid[down + x]! + 8) >> 4;
    }
  }
  return { width: w, height: h, data: out };
}

/** Copy of a rectangle (clamped to the image). */
export function crop(gray: GrayImage, x: number, y: number, width: number, height: number): GrayImage {
  const x0 = Math.max(0, Math.floor(x));
  const y0 = Math.max(0, Math.floor(y));
  const w = Math.max(0, Math.min(gray.width, Math.ceil(x + width)) - x0);
  const h = Math.max(0, Math.min(gray.height, Math.ceil(y + height)) - y0);
  const out = new Uint8Array(w * h);
  for (let r = 0; r < h; r++) out.set(gray.data.subarray((y0 + r) * gray.width + x0, (y0 + r) * gray.width + x0 + w), r * w);
  return { width: w, height: h, data: out };
}

export function invert(gray: GrayImage): GrayImage {
  const out = new Uint8Array(gray.data.length);
  for (let i = 0; i < out.length; i++) out[i] = 255 - gray.data[i]!;
  return { width: gray.width, height: gray.height, data: out };
}

/** Per-tile minimum and maximum, the basis of the contrast decisions below. */
export interface TileStats {
  tile: number;
  cols: number;
  rows: number;
  lo: Uint8Array;
  hi: Uint8Array;
}

export function tileStats(gray: GrayImage, tile: number): TileStats {
  const { width, height, data } = gray;
  const cols = Math.ceil(width / tile);
  const rows = Math.ceil(height / tile);
  const lo = new Uint8Array(cols * rows).fill(255);
  const hi = new Uint8Array(cols * rows);
  for (let y = 0; y < height; y++) {
    const rowBase = Math.floor(y / tile) * cols;
    const line = y * width;
    for (let tx = 0; tx < cols; tx++) {
      const k = rowBase + tx;
      let mn = lo[k]!;
      let mx = hi[k]!;
      const xe = Math.min(width, (tx + 1) * tile);
      for (let x = tx * tile; x < xe; x++) {
        const v = data[line + x]!;
        if (v < mn) mn = v;
        if (v > mx) mx = v;
      }
      lo[k] = mn;
      hi[k] = mx;
    }
  }
  return { tile, cols, rows, lo, hi };
}

/**
 * Local contrast stretch: each tile's range (widened to its 3×3 neighbourhood, so a code across
 * tile borders gets one consistent mapping) is mapped to 0..255. Grey-on-grey codes fall below
 * zxing's minimum local contrast; a per-region stretch lifts them to full contrast. Flat tiles
 * (range < minRange) are left alone so noise is not amplified into fake modules.
 */
export function localStretch(gray: GrayImage, tile = 16, minRange = 12): GrayImage {
  const { width, height, data } = gray;
  const { cols, rows, lo, hi } = tileStats(gray, tile);
  const offset = new Int16Array(cols * rows);
  const gain = new Float32Array(cols * rows);
  for (let j = 0; j < rows; j++) {
    for (let i = 0; i < cols; i++) {
      let mn = 255;
      let mx = 0;
      for (let jj = Math.max(0, j - 1); jj <= Math.min(rows - 1, j + 1); jj++) {
        for (let ii = Math.max(0, i - 1); ii <= Math.min(cols - 1, i + 1); ii++) {
          mn = Math.min(mn, lo[jj * cols + ii]!);
          mx = Math.max(mx, hi[jj * cols + ii]!);
        }
      }
      const k = j * cols + i;
      if (mx - mn < minRange) {
        offset[k] = 0;
        gain[k] = 1;
      } else {
        offset[k] = mn;
        gain[k] = 255 / (mx - mn);
      }
    }
  }
  const out = new Uint8Array(data.length);
  for (let y = 0; y < height; y++) {
    const rowBase = Math.floor(y / tile) * cols;
    const line = y * width;
    for (let tx = 0; tx < cols; tx++) {
      const k = rowBase + tx;
      const off = offset[k]!;
      const g = gain[k]!;
      const xe = Math.min(width, (tx + 1) * tile);
      for (let x = tx * tile; x < xe; x++) out[line + x] = (data[line + x]! - off) * g + 0.5;
    }
  }
  return { width, height, data: out };
}
