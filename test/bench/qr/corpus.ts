// The QR bench corpus: synthetic 1080p and 4K "screenshots" in the categories issue 3 names, plus
// pages without any code (issue 11: what a scan that finds nothing costs).
// Every image is generated from a fixed seed, so runs are comparable across machines and commits.
import type { OtpAccountData } from '../../../shared/otp/types';
import {
  blankImage,
  boxBlur,
  DARK,
  drawClutter,
  drawDocument,
  drawPhoto,
  drawQr,
  drawWidgets,
  jpegRoundTrip,
  LIGHT,
  qrFootprint,
  qrMatrix,
  randInt,
  randomOtpauthUri,
  seededRandom,
  type Box,
  type QrMatrix,
  type Rgb,
  type RgbaImage,
  type Theme,
} from './synth';

export interface CorpusImage {
  id: string;
  category: string;
  image: RgbaImage;
  expected: string[];
}

interface CodeSpec {
  text: string;
  module: number;
  angle?: number;
  fg?: Rgb;
  bg?: Rgb;
  ecl?: 'L' | 'M' | 'Q' | 'H';
}

interface PageSpec {
  width: number;
  height: number;
  theme: Theme;
  /** Page-wide grey level override for low-contrast pages. */
  page?: Rgb;
  codes: CodeSpec[];
  /** Page content instead of the default UI clutter (the pages without codes use this). */
  content?: (img: RgbaImage, rng: () => number, theme: Theme) => void;
  post?: (img: RgbaImage) => Promise<RgbaImage> | RgbaImage;
}

/** Places codes at random non-overlapping spots, then draws clutter around them. */
async function renderPage(spec: PageSpec, rng: () => number): Promise<RgbaImage> {
  const theme = spec.page ? { ...spec.theme, page: spec.page } : spec.theme;
  const img = blankImage(spec.width, spec.height, theme.page);
  const placed: { m: QrMatrix; c: CodeSpec; box: Box; cx: number; cy: number }[] = [];
  for (const c of spec.codes) {
    const m = qrMatrix(c.text, c.ecl ?? 'M');
    const foot = qrFootprint(m, c.module, c.angle ?? 0) + 8;
    for (let attempt = 0; ; attempt++) {
      if (attempt > 500) throw new Error(`cannot place ${spec.codes.length} codes on ${spec.width}×${spec.height}`);
      const box = { x: randInt(rng, 0, spec.width - foot), y: randInt(rng, 0, spec.height - foot), width: foot, height: foot };
      if (placed.some((p) => box.x < p.box.x + p.box.width && p.box.x < box.x + foot && box.y < p.box.y + p.box.height && p.box.y < box.y + foot)) continue;
      placed.push({ m, c, box, cx: box.x + foot / 2, cy: box.y + foot / 2 });
      break;
    }
  }
  if (spec.content) spec.content(img, rng, theme);
  else drawClutter(img, rng, theme, placed.map((p) => p.box));
  for (const p of placed) {
    drawQr(img, p.m, { cx: p.cx, cy: p.cy, module: p.c.module, angle: p.c.angle ?? 0, fg: p.c.fg ?? [0, 0, 0], bg: p.c.bg ?? [255, 255, 255] });
  }
  return spec.post ? spec.post(img) : img;
}

const HD = { width: 1920, height: 1080 };
const UHD = { width: 3840, height: 2160 };

function migrationAccounts(rng: () => number, count: number, offset: number): OtpAccountData[] {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  return Array.from({ length: count }, (_, i) => {
    let secret = '';
    for (let k = 0; k < 32; k++) secret += alphabet[randInt(rng, 0, 31)];
    return {
      type: 'totp',
      algorithm: 'SHA1',
      digits: 6,
      period: 30,
      counter: 0,
      secret,
      issuer: ['GitHub', 'Crossbar.io', 'Google', 'Mailbox', 'Cloud Console'][(i + offset) % 5]!,
      label: `operator${i + offset}@example.com`,
    } satisfies OtpAccountData;
  });
}

/** Produces otpauth-migration:// URIs (shared/otp/migration's formatMigrationUris in the bench). */
export type MigrationFormatter = (
  accounts: OtpAccountData[],
  options: { maxPerQr?: number; batchId?: number },
) => { uris: string[]; unsupported: OtpAccountData[] };

/** Makes a Google Authenticator export of `count` accounts, `perQr` per code: dense, high-version QRs. */
type MigrationBatch = (rng: () => number, count: number, perQr: number, batchId: number) => string[];

function migrationBatcher(format: MigrationFormatter): MigrationBatch {
  return (rng, count, perQr, batchId) => {
    const { uris, unsupported } = format(migrationAccounts(rng, count, batchId % 7), { maxPerQr: perQr, batchId });
    if (unsupported.length > 0) throw new Error('corpus accounts must all be exportable');
    return uris;
  };
}

type Builder = (rng: () => number, n: number, migrationBatch: MigrationBatch) => PageSpec;

const categories: { name: string; count: number; build: Builder }[] = [
  {
    name: 'plain-1080p',
    count: 4,
    build: (rng, n) => ({ ...HD, theme: LIGHT, codes: [{ text: randomOtpauthUri(rng, n), module: randInt(rng, 3, 6) }] }),
  },
  {
    name: 'tiny-1080p',
    count: 6,
    build: (rng, n) => ({ ...HD, theme: LIGHT, codes: [{ text: randomOtpauthUri(rng, n), module: [1, 1.25, 1.5, 1.75, 2, 1.5][n]!, ecl: 'L', angle: n === 5 ? 3 : 0 }] }),
  },
  {
    name: 'inverted-1080p',
    count: 5,
    build: (rng, n) => ({
      ...HD,
      theme: DARK,
      codes: [{ text: randomOtpauthUri(rng, n), module: randInt(rng, 2, 5), fg: [230, 232, 236], bg: DARK.panel }],
    }),
  },
  {
    name: 'lowcontrast-1080p',
    count: 5,
    build: (rng, n) => {
      const bg = 150 + randInt(rng, 0, 40);
      const fg = bg - [40, 30, 25, 20, 20][n]!;
      return {
        ...HD,
        theme: LIGHT,
        page: [bg - 10, bg - 10, bg - 10],
        codes: [{ text: randomOtpauthUri(rng, n), module: randInt(rng, 3, 5), fg: [fg, fg, fg], bg: [bg, bg, bg] }],
      };
    },
  },
  {
    name: 'rotated-1080p',
    count: 6,
    build: (rng, n) => ({ ...HD, theme: LIGHT, codes: [{ text: randomOtpauthUri(rng, n), module: randInt(rng, 3, 5), angle: [5, 30, 90, 45, 180, 13][n]! }] }),
  },
  {
    name: 'jpeg-1080p',
    count: 5,
    build: (rng, n) => {
      const quality = [50, 55, 60, 65, 70][n]!;
      return {
        ...HD,
        theme: n % 2 ? DARK : LIGHT,
        codes: [{ text: randomOtpauthUri(rng, n), module: randInt(rng, 2, 4) }, { text: randomOtpauthUri(rng, n + 9), module: 3 }],
        post: (img) => jpegRoundTrip(img, quality),
      };
    },
  },
  {
    name: 'blurred-1080p',
    count: 5,
    build: (rng, n) => ({
      ...HD,
      theme: LIGHT,
      // Blur up to half a module wide: a 5 px box over 3 px modules erases them for any reader.
      codes: [{ text: randomOtpauthUri(rng, n), module: n < 3 ? randInt(rng, 3, 5) : randInt(rng, 4, 6) }],
      post: (img) => boxBlur(img, n < 3 ? 1 : 2),
    }),
  },
  {
    name: 'multi-1080p',
    count: 5,
    build: (rng, n) => ({
      ...HD,
      theme: n % 2 ? DARK : LIGHT,
      codes: Array.from({ length: 3 + (n % 4) }, (_, k) => ({ text: randomOtpauthUri(rng, n * 10 + k), module: randInt(rng, 2, 4) })),
    }),
  },
  {
    // One easy code next to hard ones: the scanner must not stop at the first code it finds.
    name: 'multi-mixed-1080p',
    count: 4,
    build: (rng, n) => {
      const hard: CodeSpec[] = [
        { text: randomOtpauthUri(rng, 40 + n), module: 1.25, ecl: 'L' },
        { text: randomOtpauthUri(rng, 50 + n), module: 3, fg: [120, 120, 120], bg: [150, 150, 150] },
        { text: randomOtpauthUri(rng, 60 + n), module: 3, fg: [235, 235, 235], bg: [30, 30, 30] },
        { text: randomOtpauthUri(rng, 70 + n), module: 2.5, angle: 25 },
      ];
      return {
        ...HD,
        theme: n % 2 ? DARK : LIGHT,
        codes: [{ text: randomOtpauthUri(rng, 30 + n), module: 4 }, hard[n]!, hard[(n + 1) % 4]!],
      };
    },
  },
  {
    name: 'migration-1080p',
    count: 5,
    build: (rng, n, migrationBatch) => {
      // n=3,4: a two-part export shown side by side, as users screenshot a paged export.
      const uris = migrationBatch(rng, n >= 3 ? 16 : 10, 10, 1000 + n);
      return { ...HD, theme: n % 2 ? DARK : LIGHT, codes: uris.map((text) => ({ text, module: n === 2 ? 2.5 : 3, ecl: 'L' as const })) };
    },
  },
  {
    name: 'mixed-4k',
    count: 6,
    build: (rng, n, migrationBatch) => {
      const variants: (() => CodeSpec[])[] = [
        () => [{ text: randomOtpauthUri(rng, n), module: 8 }],
        () => [{ text: randomOtpauthUri(rng, n), module: 2 }],
        () => Array.from({ length: 4 }, (_, k) => ({ text: randomOtpauthUri(rng, k + 20), module: randInt(rng, 4, 8) })),
        () => migrationBatch(rng, 10, 10, 2000 + n).map((text) => ({ text, module: 6, ecl: 'L' as const })),
        () => [{ text: randomOtpauthUri(rng, n), module: 6, fg: [230, 232, 236], bg: DARK.panel }],
        () => [{ text: randomOtpauthUri(rng, n), module: 5, angle: 20 }],
      ];
      const codes = variants[n]!();
      return { ...UHD, theme: n === 4 ? DARK : LIGHT, codes, post: n === 5 ? (img) => jpegRoundTrip(img, 60) : undefined };
    },
  },
  // Pages without any code: what a scan of the wrong screenshot costs. The scanner should give up
  // after little more than one engine pass instead of trying every fallback.
  {
    name: 'nocode-ui-1080p',
    count: 2,
    build: (_rng, n) => ({
      ...HD,
      theme: n === 0 ? LIGHT : DARK,
      codes: [],
      content: (img, r, theme) => {
        drawClutter(img, r, theme, []);
        drawWidgets(img, r, theme);
      },
    }),
  },
  {
    name: 'nocode-document-1080p',
    count: 1,
    build: () => ({ ...HD, theme: LIGHT, page: [255, 255, 255], codes: [], content: (img, r) => drawDocument(img, r), post: (img) => jpegRoundTrip(img, 85) }),
  },
  {
    name: 'nocode-photo-1080p',
    count: 1,
    build: () => ({ ...HD, theme: DARK, codes: [], content: (img, r) => drawPhoto(img, r), post: (img) => jpegRoundTrip(img, 75) }),
  },
  {
    name: 'nocode-ui-4k',
    count: 1,
    build: () => ({
      ...UHD,
      theme: LIGHT,
      codes: [],
      content: (img, r, theme) => {
        drawClutter(img, r, theme, []);
        drawWidgets(img, r, theme);
      },
    }),
  },
  {
    name: 'nocode-photo-4k',
    count: 1,
    // A desktop: photo wallpaper with a settings panel on top, saved as JPEG.
    build: () => ({
      ...UHD,
      theme: DARK,
      codes: [],
      content: (img, r, theme) => {
        drawPhoto(img, r);
        drawWidgets(img, r, theme);
      },
      post: (img) => jpegRoundTrip(img, 80),
    }),
  },
];

export async function* generateCorpus(format: MigrationFormatter, seed = 20250301): AsyncGenerator<CorpusImage> {
  const batch = migrationBatcher(format);
  for (const [ci, cat] of categories.entries()) {
    for (let n = 0; n < cat.count; n++) {
      const rng = seededRandom(seed + ci * 1000 + n);
      const spec = cat.build(rng, n, batch);
      const image = await renderPage(spec, rng);
      yield { id: `${cat.name}-${n}`, category: cat.name, image, expected: spec.codes.map((c) => c.text) };
    }
  }
}

export const corpusSize = categories.reduce((s, c) => s + c.count, 0);
