// The finder-pattern detector that decides where the scanner spends its expensive passes: it must
// see real symbols (sizes, rotations, dark mode, grey-on-grey) and nothing on pages without codes.
import { describe, expect, it } from 'vitest';
import { Binarized, detectSymbols } from '../../../main/qr/finder-patterns';
import { intersects } from '../../../main/qr/regions';
import {
  blankImage,
  DARK,
  drawClutter,
  drawDocument,
  drawPhoto,
  drawWidgets,
  LIGHT,
  pageWithCodes,
  randomOtpauthUri,
  seededRandom,
  type Rgb,
} from '../../bench/qr/synth';

const uri = (n: number) => randomOtpauthUri(seededRandom(n), n);
const WHITE: Rgb = [255, 255, 255];

describe('detectSymbols on generated codes', () => {
  it('finds one symbol around a code at several module sizes', () => {
    for (const module of [2, 2.5, 3, 4, 6, 10]) {
      const { image, boxes } = pageWithCodes(1000, 800, LIGHT.page, [{ text: uri(1), cx: 480, cy: 390, module }]);
      const { candidates, symbols } = detectSymbols(image);
      expect(candidates.length, `module ${module}`).toBeGreaterThanOrEqual(3);
      expect(symbols.length, `module ${module}`).toBeGreaterThanOrEqual(1);
      expect(symbols.every((s) => intersects(s.box, boxes[0]!))).toBe(true);
      // The three finders are about one module size apart from the estimate.
      expect(Math.abs(symbols[0]!.module - module)).toBeLessThanOrEqual(Math.max(0.6, 0.2 * module));
      expect(symbols[0]!.darkCentre).toBe(true);
    }
  });

  it('finds rotated codes', () => {
    for (const angle of [5, 20, 30, 45, 90, 135, 180]) {
      const { image, boxes } = pageWithCodes(900, 900, WHITE, [{ text: uri(2), cx: 450, cy: 450, module: 4, angle }]);
      const { symbols } = detectSymbols(image);
      expect(symbols.length, `angle ${angle}`).toBeGreaterThanOrEqual(1);
      expect(intersects(symbols[0]!.box, boxes[0]!)).toBe(true);
    }
  });

  it('finds inverted (dark-mode) codes and says so', () => {
    const { image } = pageWithCodes(1280, 720, DARK.page, [{ text: uri(3), cx: 640, cy: 360, module: 3, fg: [230, 232, 236], bg: DARK.panel }]);
    const { symbols } = detectSymbols(image);
    expect(symbols).toHaveLength(1);
    expect(symbols[0]!.darkCentre).toBe(false);
  });

  it('finds grey-on-grey codes next to a white page, below zxing’s minimum contrast', () => {
    const { image, boxes } = pageWithCodes(1920, 1080, [243, 244, 246], [{ text: uri(4), cx: 1300, cy: 600, module: 3, fg: [130, 130, 130], bg: [150, 150, 150] }]);
    const { symbols } = detectSymbols(image);
    expect(symbols).toHaveLength(1);
    expect(intersects(symbols[0]!.box, boxes[0]!)).toBe(true);
  });

  it('finds every code on a cluttered 4K page (coarser sampling)', () => {
    const image = blankImage(3840, 2160, LIGHT.page);
    const spots = [
      [800, 700],
      [2600, 1500],
    ] as const;
    drawClutter(image, seededRandom(7), LIGHT, spots.map(([x, y]) => ({ x: x - 300, y: y - 300, width: 600, height: 600 })));
    const placed = pageWithCodes(3840, 2160, LIGHT.page, spots.map(([cx, cy], i) => ({ text: uri(10 + i), cx, cy, module: 6 })));
    // Copy the codes onto the cluttered page.
    for (const b of placed.boxes) {
      for (let y = Math.floor(b.y) - 30; y < b.y + b.height + 30; y++) {
        const from = (y * 3840 + Math.floor(b.x) - 30) * 4;
        image.data.set(placed.image.data.subarray(from, from + (Math.ceil(b.width) + 60) * 4), from);
      }
    }
    const { symbols } = detectSymbols(image);
    expect(symbols).toHaveLength(2);
    for (const b of placed.boxes) expect(symbols.some((s) => intersects(s.box, b))).toBe(true);
  });

  it('accepts a luminance image as well as RGBA', () => {
    const { image } = pageWithCodes(600, 600, WHITE, [{ text: uri(5), cx: 300, cy: 300, module: 4 }]);
    const gray = new Uint8Array(600 * 600);
    for (let i = 0; i < gray.length; i++) gray[i] = image.data[i * 4]!;
    expect(detectSymbols({ width: 600, height: 600, data: gray }).symbols).toHaveLength(1);
  });
});

describe('detectSymbols on pages without codes', () => {
  it('finds nothing on plain and noise images', () => {
    expect(detectSymbols(blankImage(800, 600, WHITE))).toEqual({ candidates: [], symbols: [] });
    const noise = blankImage(800, 600, WHITE);
    const rng = seededRandom(11);
    for (let i = 0; i < noise.data.length; i += 4) noise.data[i] = noise.data[i + 1] = noise.data[i + 2] = Math.floor(rng() * 256);
    expect(detectSymbols(noise).symbols).toEqual([]);
  });

  it('finds no symbol on UI screenshots full of check boxes, on documents and on photos', () => {
    for (const theme of [LIGHT, DARK]) {
      const ui = blankImage(1920, 1080, theme.page);
      drawClutter(ui, seededRandom(21), theme, []);
      drawWidgets(ui, seededRandom(22), theme);
      const { candidates, symbols } = detectSymbols(ui);
      expect(candidates.length).toBeGreaterThan(0); // checked boxes look like finder patterns...
      expect(symbols).toEqual([]); // ...but no three of them form a symbol with timing patterns
    }
    const doc = blankImage(1920, 1080, WHITE);
    drawDocument(doc, seededRandom(23));
    expect(detectSymbols(doc).symbols).toEqual([]);
    const photo = blankImage(1920, 1080, WHITE);
    drawPhoto(photo, seededRandom(24));
    expect(detectSymbols(photo).symbols).toEqual([]);
  });
});

describe('Binarized', () => {
  it('keeps the two levels of a faint code apart and reads flat areas by their neighbours', () => {
    // Left: a faint checkerboard (130/150) in 4 px squares; right: white page. Tile 8, every row.
    const width = 64;
    const height = 16;
    const data = new Uint8Array(width * height);
    for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data[y * width + x] = x < 32 ? (((x >> 2) + (y >> 2)) % 2 ? 150 : 130) : 243;
    const bits = new Binarized({ width, height, data }, { tileShift: 3, rowStep: 1 });
    expect(bits.at(0, 0)).toBe(1); // 130: dark
    expect(bits.at(4, 0)).toBe(0); // 150: light, not dark next to the page
    expect(bits.at(50, 5)).toBe(0); // the page: light
  });
});
