// The scanner against generated images: real zxing-wasm and jsQR, no mocks of the engines except
// where a test is about the fallback order itself.
import jsQR from 'jsqr';
import { beforeAll, describe, expect, it } from 'vitest';
import { QrScanner, dedupe, type JsQrDecode, type ScanTraceEvent } from '../../../main/qr/scanner';
import { loadZxingReader, type ZxingReader } from '../../../main/qr/zxing-engine';
import { AppError } from '../../../shared/api/errors';
import { classifyQrText } from '../../../shared/qr/classify';
import { formatMigrationUris } from '../../../shared/otp/migration';
import type { OtpAccountData } from '../../../shared/otp/types';
import type { QrCodeFound } from '../../../shared/qr/types';
import { blankImage, drawClutter, drawQr, drawWidgets, LIGHT, pageWithCodes, qrMatrix, randomOtpauthUri, seededRandom, type Box } from '../../bench/qr/synth';

let zxing: ZxingReader;
beforeAll(async () => {
  zxing = await loadZxingReader();
});

const uri = (n: number) => randomOtpauthUri(seededRandom(n), n);
const WHITE = [255, 255, 255] as const;

/** The reported box must sit on the drawn symbol (within a module or two of rounding). */
function expectNear(found: QrCodeFound, box: Box, tolerance: number) {
  expect(Math.abs(found.position.x - box.x)).toBeLessThanOrEqual(tolerance);
  expect(Math.abs(found.position.y - box.y)).toBeLessThanOrEqual(tolerance);
  expect(Math.abs(found.position.width - box.width)).toBeLessThanOrEqual(2 * tolerance);
  expect(Math.abs(found.position.height - box.height)).toBeLessThanOrEqual(2 * tolerance);
}

describe('QrScanner on generated screenshots', () => {
  it('finds a single code with its text, bytes and position', async () => {
    const text = uri(1);
    const { image, boxes } = pageWithCodes(800, 600, [240, 240, 240], [{ text, cx: 300, cy: 250, module: 4 }]);
    const codes = await new QrScanner({ zxing }).scan(image);
    expect(codes).toHaveLength(1);
    expect(codes[0]!.text).toBe(text);
    expect(codes[0]!.engine).toBe('zxing');
    expect(new TextDecoder().decode(codes[0]!.bytes)).toBe(text);
    expectNear(codes[0]!, boxes[0]!, 6);
  });

  it('finds every code on a cluttered 1080p page, in reading order', async () => {
    const texts = [uri(10), uri(11), uri(12), uri(13), 'https://example.com/not-an-otp'];
    const spots = [
      [400, 800],
      [1500, 250],
      [300, 250],
      [1000, 500],
      [1600, 850],
    ] as const;
    const image = blankImage(1920, 1080, LIGHT.page);
    const keepOut = spots.map(([cx, cy]) => ({ x: cx - 130, y: cy - 130, width: 260, height: 260 }));
    drawClutter(image, seededRandom(3), LIGHT, keepOut);
    texts.forEach((text, i) => drawQr(image, qrMatrix(text), { cx: spots[i]![0], cy: spots[i]![1], module: 3 }));
    const codes = await new QrScanner({ zxing }).scan(image);
    expect(codes.map((c) => c.text)).toEqual([texts[2], texts[1], texts[3], texts[0], texts[4]]);
  });

  it('reads dark-mode codes (light modules on a dark background)', async () => {
    const text = uri(20);
    const { image } = pageWithCodes(1280, 720, [24, 26, 31], [{ text, cx: 640, cy: 360, module: 3, fg: [230, 232, 236], bg: [36, 39, 46] }]);
    expect((await new QrScanner({ zxing }).scan(image)).map((c) => c.text)).toEqual([text]);
  });

  it('reads grey-on-grey codes that the plain pass misses, next to an easy code', async () => {
    const easy = uri(30);
    const faint = uri(31);
    const { image, boxes } = pageWithCodes(1920, 1080, [243, 244, 246], [
      { text: easy, cx: 400, cy: 400, module: 4 },
      { text: faint, cx: 1300, cy: 600, module: 3, fg: [130, 130, 130], bg: [150, 150, 150] },
    ]);
    const plain = await new QrScanner({ zxing }, { extraPasses: false }).scan(image);
    expect(plain.map((c) => c.text)).toEqual([easy]); // proves the extra pass below does the work

    const codes = await new QrScanner({ zxing }).scan(image);
    expect(codes.map((c) => c.text)).toEqual([easy, faint]);
    expectNear(codes[1]!, boxes[1]!, 8);
  });

  it('reads tiny codes (1.25 px per module) by upscaling around what zxing located', async () => {
    const easy = uri(40);
    const tiny = uri(41);
    const { image, boxes } = pageWithCodes(1920, 1080, WHITE, [
      { text: easy, cx: 500, cy: 500, module: 4 },
      { text: tiny, cx: 1500, cy: 300, module: 1.25, ecl: 'L' },
    ]);
    const plain = await new QrScanner({ zxing }, { extraPasses: false }).scan(image);
    expect(plain.map((c) => c.text)).toEqual([easy]);

    const events: ScanTraceEvent[] = [];
    const codes = await new QrScanner({ zxing }, { trace: (e) => events.push(e) }).scan(image);
    expect(codes.map((c) => c.text).sort()).toEqual([easy, tiny].sort());
    expectNear(codes.find((c) => c.text === tiny)!, boxes[1]!, 4);
    expect(events.some((e) => e.pass === 'region' && e.found === 1)).toBe(true);
  });

  it('reads rotated codes', async () => {
    for (const angle of [5, 30, 90]) {
      const text = uri(50 + angle);
      const { image } = pageWithCodes(900, 900, WHITE, [{ text, cx: 450, cy: 450, module: 4, angle }]);
      expect((await new QrScanner({ zxing }).scan(image)).map((c) => c.text)).toEqual([text]);
    }
  });

  it('round-trips a dense Google Authenticator export QR', async () => {
    const accounts: OtpAccountData[] = Array.from({ length: 10 }, (_, i) => ({
      type: i === 3 ? 'hotp' : 'totp',
      algorithm: i === 5 ? 'SHA256' : 'SHA1',
      digits: i === 7 ? 8 : 6,
      period: 30,
      counter: i === 3 ? 12 : 0,
      secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'.slice(0, [16, 24, 32][i % 3]),
      issuer: ['GitHub', 'Crossbar.io', ''][i % 3]!,
      label: `operator${i}@example.com`,
    }));
    const { uris, unsupported } = formatMigrationUris(accounts, { maxPerQr: 10, batchId: 99 });
    expect(unsupported).toEqual([]);
    expect(qrMatrix(uris[0]!, 'L').version).toBeGreaterThanOrEqual(15);
    const { image } = pageWithCodes(1920, 1080, LIGHT.page, [{ text: uris[0]!, cx: 960, cy: 540, module: 3, ecl: 'L' }]);
    const codes = await new QrScanner({ zxing }).scan(image);
    expect(codes).toHaveLength(1);
    const c = classifyQrText(codes[0]!.text);
    expect(c.kind).toBe('migration');
    if (c.kind === 'migration') expect(c.batch.accounts).toEqual(accounts);
  });

  it('reports nothing on an image without codes', async () => {
    const image = blankImage(640, 480, LIGHT.page);
    drawClutter(image, seededRandom(9), LIGHT, []);
    expect(await new QrScanner({ zxing, jsqr: jsQR }).scan(image)).toEqual([]);
  });

  it('accepts plain Uint8Array RGBA as well as Uint8ClampedArray', async () => {
    const text = uri(60);
    const { image } = pageWithCodes(400, 400, WHITE, [{ text, cx: 200, cy: 200, module: 4 }]);
    const bytes = new Uint8Array(image.data.buffer, image.data.byteOffset, image.data.byteLength);
    expect((await new QrScanner({ zxing }).scan({ width: 400, height: 400, data: bytes })).map((c) => c.text)).toEqual([text]);
  });
});

describe('QrScanner fallbacks and errors', () => {
  const blind: ZxingReader = { read: async () => [] };

  it('falls back to jsQR only when zxing finds nothing', async () => {
    const text = uri(70);
    const { image, boxes } = pageWithCodes(600, 600, WHITE, [{ text, cx: 300, cy: 300, module: 4 }]);
    let calls = 0;
    const counting: JsQrDecode = (...args) => {
      calls++;
      return jsQR(...args);
    };
    const codes = await new QrScanner({ zxing: blind, jsqr: counting }).scan(image);
    expect(codes.map((c) => [c.text, c.engine])).toEqual([[text, 'jsqr']]);
    expect(new TextDecoder().decode(codes[0]!.bytes)).toBe(text);
    expectNear(codes[0]!, boxes[0]!, 6);
    expect(calls).toBe(1);

    calls = 0;
    await new QrScanner({ zxing, jsqr: counting }).scan(image);
    expect(calls).toBe(0);
  });

  it('gives jsQR a downscaled copy of large images and maps the position back', async () => {
    const text = uri(71);
    const { image, boxes } = pageWithCodes(2400, 1400, WHITE, [{ text, cx: 1700, cy: 800, module: 10 }]);
    const sizes: string[] = [];
    const recording: JsQrDecode = (data, w, h, o) => {
      sizes.push(`${w}x${h}`);
      return w === 2400 ? null : jsQR(data, w, h, o); // pretend the full-size attempt failed
    };
    const codes = await new QrScanner({ zxing: blind, jsqr: recording }).scan(image);
    expect(sizes).toEqual(['2400x1400', '1200x700']);
    expect(codes.map((c) => c.text)).toEqual([text]);
    expectNear(codes[0]!, boxes[0]!, 12);
  });

  it('returns nothing when no engine finds anything and jsQR is not configured', async () => {
    const { image } = pageWithCodes(300, 300, WHITE, [{ text: uri(72), cx: 150, cy: 150, module: 4 }]);
    expect(await new QrScanner({ zxing: blind }).scan(image)).toEqual([]);
  });

  it('rejects malformed and oversized images with INVALID_QR before touching the engine', async () => {
    const scanner = new QrScanner({ zxing: { read: async () => expect.fail('engine must not run') } }, { maxPixels: 1000 });
    const cases = [
      { width: 10, height: 10, data: new Uint8ClampedArray(399) },
      { width: 0, height: 10, data: new Uint8ClampedArray(0) },
      { width: 1.5, height: 2, data: new Uint8ClampedArray(12) },
      { width: 40, height: 40, data: new Uint8ClampedArray(40 * 40 * 4) },
    ];
    for (const image of cases) {
      const error = await scanner.scan(image).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe('INVALID_QR');
    }
  });

  it('turns an engine crash into an INTERNAL AppError', async () => {
    const broken: ZxingReader = {
      read: async () => {
        throw new Error('RuntimeError: memory access out of bounds');
      },
    };
    const error = await new QrScanner({ zxing: broken }).scan(blankImage(50, 50, WHITE)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('INTERNAL');
  });
});

describe('QrScanner cost control', () => {
  it('gives up after the first pass and the detector on a page without codes', async () => {
    const image = blankImage(1920, 1080, LIGHT.page);
    drawClutter(image, seededRandom(31), LIGHT, []);
    drawWidgets(image, seededRandom(32), LIGHT); // check-box grids: finder-like, but no symbol
    const events: ScanTraceEvent[] = [];
    let jsqrCalls = 0;
    const counting: JsQrDecode = (...args) => {
      jsqrCalls++;
      return jsQR(...args);
    };
    const result = await new QrScanner({ zxing, jsqr: counting }, { trace: (e) => events.push(e) }).scanDetailed(image);
    expect(result).toEqual({ codes: [], complete: true });
    expect(events.slice(0, 2).map((e) => [e.pass, e.found])).toEqual([
      ['zxing', 0],
      ['detect', 0],
    ]);
    // No whole-image pass, no jsQR; at most a retry of a small box zxing located (a millisecond).
    expect(events.slice(2).every((e) => e.pass === 'region' && Math.max(e.region!.width, e.region!.height) <= 320)).toBe(true);
    expect(jsqrCalls).toBe(0);
  });

  it('still retries where the detector sees a symbol the first pass could not read', async () => {
    const faint = uri(80);
    const { image } = pageWithCodes(1280, 720, [243, 244, 246], [{ text: faint, cx: 640, cy: 360, module: 3, fg: [130, 130, 130], bg: [150, 150, 150] }]);
    const events: ScanTraceEvent[] = [];
    const codes = await new QrScanner({ zxing }, { trace: (e) => events.push(e) }).scan(image);
    expect(codes.map((c) => c.text)).toEqual([faint]);
    expect(events.find((e) => e.pass === 'detect')!.found).toBe(1);
    expect(events.filter((e) => e.pass.startsWith('whole:'))).toEqual([]);
  });

  /** The real engine, on a clock that advances `msPerCall` for each engine call (a slow machine). */
  function slowEngine(msPerCall: number) {
    let now = 0;
    const reader: ZxingReader = {
      read: async (img, options) => {
        now += msPerCall;
        return zxing.read(img, options);
      },
    };
    return { reader, clock: () => now };
  }

  it('returns what it found when the time budget is spent, and says the search was cut short', async () => {
    const easy = uri(81);
    const faint = uri(82);
    const { image } = pageWithCodes(1920, 1080, [243, 244, 246], [
      { text: easy, cx: 400, cy: 400, module: 4 },
      { text: faint, cx: 1300, cy: 600, module: 3, fg: [130, 130, 130], bg: [150, 150, 150] },
    ]);
    const slow = slowEngine(1000);
    const events: ScanTraceEvent[] = [];
    const cut = await new QrScanner({ zxing: slow.reader, clock: slow.clock }, { timeBudgetMs: 500, trace: (e) => events.push(e) }).scanDetailed(image);
    expect(cut.complete).toBe(false);
    expect(cut.codes.map((c) => c.text)).toEqual([easy]);
    expect(events.map((e) => e.pass)).toEqual(['zxing', 'detect', 'budget']);

    // The same slow engine with budget for a few more calls finds the faint code too.
    const roomy = slowEngine(1000);
    const full = await new QrScanner({ zxing: roomy.reader, clock: roomy.clock }, { timeBudgetMs: 5000 }).scanDetailed(image);
    expect(full.complete).toBe(true);
    expect(full.codes.map((c) => c.text)).toEqual([easy, faint]);
  });

  it('skips the whole-image fallbacks and jsQR once the budget is spent', async () => {
    const { image } = pageWithCodes(600, 600, WHITE, [{ text: uri(83), cx: 300, cy: 300, module: 4 }]);
    let now = 0;
    const blindAndSlow: ZxingReader = {
      read: async () => {
        now += 400;
        return [];
      },
    };
    let jsqrCalls = 0;
    const counting: JsQrDecode = (...args) => {
      jsqrCalls++;
      return jsQR(...args);
    };
    const result = await new QrScanner({ zxing: blindAndSlow, jsqr: counting, clock: () => now }, { timeBudgetMs: 1000 }).scanDetailed(image);
    // First pass (400), two region variants (800, 1200 ≥ budget): no whole-image pass, no jsQR.
    expect(result).toEqual({ codes: [], complete: false });
    expect(jsqrCalls).toBe(0);
    expect(now).toBe(1200);
  });
});

describe('dedupe', () => {
  const at = (text: string, x: number, y: number): QrCodeFound => ({ text, position: { x, y, width: 100, height: 100 }, engine: 'zxing' });

  it('merges the same text at overlapping places and keeps the same text at separate places', () => {
    const out = dedupe([at('a', 500, 10), at('a', 505, 12), at('a', 10, 400), at('b', 500, 10)]);
    expect(out.map((c) => [c.text, c.position.x, c.position.y])).toEqual([
      ['a', 500, 10],
      ['b', 500, 10],
      ['a', 10, 400],
    ]);
  });
});
