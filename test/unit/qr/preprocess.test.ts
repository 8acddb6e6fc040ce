import { describe, expect, it } from 'vitest';
import {
  crop,
  downscale,
  halfLuminance,
  localStretch,
  luminanceCrop,
  toLuminance,
  toRgba,
  upscale2,
  windowLevels,
  type GrayImage,
} from '../../../main/qr/preprocess';
import { grow, intersects, lowContrastRegions, mergeBoxes } from '../../../main/qr/regions';
import { blankImage, drawQr, fillRect, qrMatrix } from '../../bench/qr/synth';

const gray = (width: number, height: number, values: number[]): GrayImage => ({ width, height, data: Uint8Array.from(values) });

describe('pixel transforms', () => {
  it('converts RGBA to luminance with the weights zxing uses, and back', () => {
    const rgba = Uint8ClampedArray.from([255, 0, 0, 255, 0, 255, 0, 255, 0, 0, 255, 255, 200, 200, 200, 0]);
    const g = toLuminance({ width: 4, height: 1, data: rgba });
    expect([...g.data]).toEqual([76, 150, 29, 200]);
    expect([...toRgba(g).data]).toEqual([76, 76, 76, 255, 150, 150, 150, 255, 29, 29, 29, 255, 200, 200, 200, 255]);
  });

  it('crops luminance straight from RGBA, clamped to the image', () => {
    const img = blankImage(4, 3, [0, 0, 0]);
    fillRect(img, 2, 1, 2, 2, [255, 255, 255]);
    const c = luminanceCrop(img, 1, 1, 10, 10);
    expect([c.width, c.height, ...c.data]).toEqual([3, 2, 0, 255, 255, 0, 255, 255]);
    expect([...crop(toLuminance(img), 2, 0, 2, 2).data]).toEqual([0, 0, 255, 255]);
  });

  it('halves resolution by averaging 2×2 blocks', () => {
    const img = blankImage(4, 2, [0, 0, 0]);
    fillRect(img, 0, 0, 1, 1, [255, 255, 255]); // one white pixel of four → ¼ grey
    fillRect(img, 2, 0, 2, 2, [255, 255, 255]);
    const h = halfLuminance(img);
    expect([h.width, h.height, ...h.data]).toEqual([2, 1, 64, 255]);
  });

  it('downscales by box averaging and upscales 2× bilinearly', () => {
    const g = gray(4, 2, [0, 100, 200, 200, 100, 200, 0, 0]);
    expect([...downscale(g, 2).data]).toEqual([100, 100]);
    const flat = upscale2(gray(3, 3, Array(9).fill(77)));
    expect([flat.width, flat.height]).toEqual([6, 6]);
    expect(new Set(flat.data)).toEqual(new Set([77]));
    // A step edge becomes a ramp: ¼/¾ weights between neighbours.
    const edge = upscale2(gray(2, 1, [0, 160]));
    expect([...edge.data.subarray(0, 4)]).toEqual([0, 40, 120, 160]);
  });

  it('maps a grey band to full contrast, clamping outside it', () => {
    const w = windowLevels(gray(5, 1, [100, 130, 145, 160, 240]), 130, 160);
    expect([...w.data]).toEqual([0, 0, 128, 255, 255]);
  });

  it('stretches low local contrast but leaves flat areas alone', () => {
    const values: number[] = [];
    for (let y = 0; y < 32; y++) for (let x = 0; x < 64; x++) values.push(x < 32 ? ((x >> 2) + (y >> 2)) % 2 ? 140 : 120 : 200);
    const out = localStretch(gray(64, 32, values), 16);
    expect(out.data[0]).toBe(0); // 120 → darkest
    expect(out.data[4]).toBe(255); // 140 → lightest
    expect(out.data[63]).toBe(200); // flat region unchanged
  });
});

describe('low-contrast regions', () => {
  it('finds a grey-on-grey code and ignores subtle card borders', () => {
    const img = blankImage(640, 480, [243, 244, 246]);
    fillRect(img, 20, 20, 300, 200, [255, 255, 255]); // card: one faint edge, no texture
    fillRect(img, 340, 260, 280, 2, [230, 230, 230]); // faint divider line
    const box = drawQr(img, qrMatrix('otpauth://totp/A:b?secret=JBSWY3DPEHPK3PXP'), { cx: 450, cy: 150, module: 3, fg: [130, 130, 130], bg: [150, 150, 150] });
    const regions = lowContrastRegions(toLuminance(img));
    expect(regions).toHaveLength(1);
    expect(intersects(regions[0]!.box, box)).toBe(true);
    expect(regions[0]!.dark).toBeGreaterThanOrEqual(125);
    expect(regions[0]!.dark).toBeLessThanOrEqual(135);
    expect(regions[0]!.light).toBeGreaterThanOrEqual(145);
    expect(regions[0]!.light).toBeLessThanOrEqual(155);
  });

  it('does not report full-contrast codes (the plain pass reads those)', () => {
    const img = blankImage(400, 400, [255, 255, 255]);
    drawQr(img, qrMatrix('hello'), { cx: 200, cy: 200, module: 4 });
    expect(lowContrastRegions(toLuminance(img))).toEqual([]);
  });
});

describe('box helpers', () => {
  it('grows boxes within the image and merges overlapping ones', () => {
    expect(grow({ x: 5, y: 5, width: 10, height: 10 }, 8, 20, 100)).toEqual({ x: 0, y: 0, width: 20, height: 23 });
    const merged = mergeBoxes([
      { x: 0, y: 0, width: 10, height: 10 },
      { x: 100, y: 100, width: 5, height: 5 },
      { x: 5, y: 5, width: 10, height: 10 },
    ]);
    expect(merged).toEqual([
      { x: 0, y: 0, width: 15, height: 15 },
      { x: 100, y: 100, width: 5, height: 5 },
    ]);
  });
});
