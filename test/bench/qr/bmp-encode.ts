// BMP writer for tests: produces the variants screenshot tools write (24-bit bottom-up,
// 32-bit BI_BITFIELDS, 8-bit palette), so the decoder is tested against independent bytes.
import type { RgbaImage } from './synth';

/** alpha: 32-bit only, writes BI_ALPHABITFIELDS with an alpha mask and the image's alpha bytes. */
export function encodeBmp(img: RgbaImage, o: { bpp: 8 | 24 | 32; topDown?: boolean; alpha?: boolean }): Uint8Array {
  const { width, height, data } = img;
  const palette: number[] = [];
  const indexOf = new Map<number, number>();
  if (o.bpp === 8) {
    for (let i = 0; i < width * height; i++) {
      const key = (data[i * 4]! << 16) | (data[i * 4 + 1]! << 8) | data[i * 4 + 2]!;
      if (!indexOf.has(key)) {
        if (palette.length >= 256) throw new Error('more than 256 colours');
        indexOf.set(key, palette.length);
        palette.push(key);
      }
    }
  }
  const headerSize = 40;
  const masksSize = o.bpp === 32 ? (o.alpha ? 16 : 12) : 0;
  const paletteSize = palette.length * 4;
  const rowBytes = Math.ceil((width * o.bpp) / 32) * 4;
  const offset = 14 + headerSize + masksSize + paletteSize;
  const out = new Uint8Array(offset + rowBytes * height);
  const v = new DataView(out.buffer);
  out[0] = 0x42;
  out[1] = 0x4d;
  v.setUint32(2, out.length, true);
  v.setUint32(10, offset, true);
  v.setUint32(14, headerSize, true);
  v.setInt32(18, width, true);
  v.setInt32(22, o.topDown ? -height : height, true);
  v.setUint16(26, 1, true);
  v.setUint16(28, o.bpp, true);
  v.setUint32(30, o.bpp === 32 ? (o.alpha ? 6 : 3) : 0, true); // BI_(ALPHA)BITFIELDS for 32-bit, BI_RGB otherwise
  v.setUint32(34, rowBytes * height, true);
  v.setUint32(46, palette.length, true);
  if (o.bpp === 32) {
    v.setUint32(54, 0x00ff0000, true);
    v.setUint32(58, 0x0000ff00, true);
    v.setUint32(62, 0x000000ff, true);
    if (o.alpha) v.setUint32(66, 0xff000000, true);
  }
  palette.forEach((key, i) => {
    const p = 14 + headerSize + i * 4;
    out[p] = key & 255;
    out[p + 1] = (key >> 8) & 255;
    out[p + 2] = key >> 16;
  });
  for (let y = 0; y < height; y++) {
    const row = offset + (o.topDown ? y : height - 1 - y) * rowBytes;
    for (let x = 0; x < width; x++) {
      const s = (y * width + x) * 4;
      if (o.bpp === 8) {
        out[row + x] = indexOf.get((data[s]! << 16) | (data[s + 1]! << 8) | data[s + 2]!)!;
      } else {
        const p = row + x * (o.bpp / 8);
        out[p] = data[s + 2]!;
        out[p + 1] = data[s + 1]!;
        out[p + 2] = data[s]!;
        if (o.bpp === 32) out[p + 3] = o.alpha ? data[s + 3]! : 0;
      }
    }
  }
  return out;
}
