// `npm run bench:qr`: generates the synthetic screenshot corpus into a temp dir, scans every image
// with our scanner and with jsQR alone, and prints decode rate and time per image by category.
// It prints numbers and lists misses; it exits 1 only if our scanner misses a code (decoding is
// deterministic, timing is not, so only the former is treated as a failure).
//
// Options: --keep (keep the PNG corpus and print its path), --only=<category substring>,
//          --seed=<n>, --no-jsqr (skip the jsQR baseline), --trace (every engine call per image).
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jsQR from 'jsqr';
import { formatMigrationUris } from '../../../shared/otp/migration';
import { createQrScanner } from '../../../main/qr/create-scanner';
import { corpusSize, generateCorpus, type CorpusImage } from './corpus';
import { encodePng, qrMatrix, blankImage, drawQr } from './synth';

interface Row {
  id: string;
  category: string;
  megapixels: number;
  expected: number;
  ours: { ok: boolean; found: number; codes: number; ms: number; missing: string[]; extra: string[] };
  jsqr?: { ok: boolean; codes: number; ms: number };
}

const args = process.argv.slice(2);
const flag = (name: string) => args.includes(`--${name}`);
const value = (name: string) => args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const idx = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[idx]!;
}

function stats(ms: number[]) {
  const s = [...ms].sort((a, b) => a - b);
  return { median: percentile(s, 50), p95: percentile(s, 95) };
}

const short = (t: string) => (t.length > 60 ? `${t.slice(0, 57)}...` : t);
const fmt = (n: number) => (Number.isNaN(n) ? '-' : n.toFixed(1));

async function main(): Promise<number> {
  const only = value('only');
  const seed = Number(value('seed') ?? 20250301);
  const dir = await mkdtemp(join(tmpdir(), 'authbahn-qr-bench-'));
  const started = performance.now();

  const t0 = performance.now();
  const traces: string[] = [];
  const scanner = await createQrScanner(
    flag('trace') ? { trace: (e) => traces.push(`${e.pass}${e.region ? `@${e.region.x},${e.region.y} ${e.region.width}x${e.region.height}` : ''} ${e.ms.toFixed(1)}ms found ${e.found}`) } : {},
  );
  // The first scan instantiates the wasm and warms the JIT; report it apart from per-image numbers.
  const warm = blankImage(1920, 1080, [255, 255, 255]);
  drawQr(warm, qrMatrix('warm-up'), { cx: 960, cy: 540, module: 4 });
  await scanner.scan(warm);
  traces.length = 0;
  const coldMs = performance.now() - t0;

  const rows: Row[] = [];
  console.log(`QR bench: ${corpusSize} images (seed ${seed}), corpus in ${dir}`);
  for await (const item of generateCorpus(formatMigrationUris, seed)) {
    if (only && !item.category.includes(only)) continue;
    await writeFile(join(dir, `${item.id}.png`), await encodePng(item.image));
    rows.push(await measure(item, scanner, !flag('no-jsqr')));
    const r = rows.at(-1)!;
    process.stdout.write(`  ${r.ours.ok ? 'ok  ' : 'MISS'} ${r.id.padEnd(22)} ${fmt(r.ours.ms).padStart(7)} ms  (${r.ours.found}/${r.expected} codes)\n`);
    for (const t of traces.splice(0)) process.stdout.write(`        ${t}\n`);
  }

  printTable(rows, coldMs);
  const misses = rows.filter((r) => !r.ours.ok || r.ours.extra.length > 0);
  if (misses.length > 0) {
    console.log('\nMisses / unexpected codes:');
    for (const r of misses) {
      for (const m of r.ours.missing) console.log(`  ${r.id}: missing ${short(m)}`);
      for (const m of r.ours.extra) console.log(`  ${r.id}: unexpected ${short(m)}`);
    }
  }
  if (flag('keep')) console.log(`\nCorpus kept in ${dir}`);
  else await rm(dir, { recursive: true, force: true });
  console.log(`\nTotal bench time ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return rows.every((r) => r.ours.ok) ? 0 : 1;
}

async function measure(item: CorpusImage, scanner: Awaited<ReturnType<typeof createQrScanner>>, withJsqr: boolean): Promise<Row> {
  const t = performance.now();
  const codes = await scanner.scan(item.image);
  const ms = performance.now() - t;
  const texts = new Set(codes.map((c) => c.text));
  const missing = item.expected.filter((e) => !texts.has(e));
  const extra = [...texts].filter((t) => !item.expected.includes(t));
  const row: Row = {
    id: item.id,
    category: item.category,
    megapixels: (item.image.width * item.image.height) / 1e6,
    expected: item.expected.length,
    ours: { ok: missing.length === 0, found: codes.length, codes: item.expected.length - missing.length, ms, missing, extra },
  };
  if (withJsqr) {
    // jsQR alone, as a library user would call it: whole image, default options (tries both polarities).
    const tj = performance.now();
    const r = jsQR(item.image.data, item.image.width, item.image.height);
    const jms = performance.now() - tj;
    const hit = r !== null && item.expected.includes(r.data);
    row.jsqr = { ok: hit && item.expected.length === 1, codes: hit ? 1 : 0, ms: jms };
  }
  return row;
}

function printTable(rows: Row[], coldMs: number): void {
  const groups = new Map<string, Row[]>();
  for (const r of rows) groups.set(r.category, [...(groups.get(r.category) ?? []), r]);
  const hd = rows.filter((r) => r.category.endsWith('1080p'));
  const uhd = rows.filter((r) => r.category.endsWith('4k'));
  const lines: string[][] = [['category', 'images', 'codes', 'ours: images ok', 'codes', 'median ms', 'p95 ms', 'jsQR: images ok', 'codes', 'median ms', 'p95 ms']];
  const line = (name: string, rs: Row[]) => {
    if (rs.length === 0) return;
    const o = stats(rs.map((r) => r.ours.ms));
    const js = rs.filter((r) => r.jsqr);
    const j = stats(js.map((r) => r.jsqr!.ms));
    const pct = (n: number, d: number) => (d === 0 ? '-' : `${((100 * n) / d).toFixed(0)}%`);
    const expected = rs.reduce((s, r) => s + r.expected, 0);
    const jsExpected = js.reduce((s, r) => s + r.expected, 0);
    lines.push([
      name,
      String(rs.length),
      String(expected),
      `${rs.filter((r) => r.ours.ok).length}/${rs.length} ${pct(rs.filter((r) => r.ours.ok).length, rs.length)}`,
      pct(rs.reduce((s, r) => s + r.ours.codes, 0), expected),
      fmt(o.median),
      fmt(o.p95),
      js.length ? `${js.filter((r) => r.jsqr!.ok).length}/${js.length} ${pct(js.filter((r) => r.jsqr!.ok).length, js.length)}` : '-',
      js.length ? pct(js.reduce((s, r) => s + r.jsqr!.codes, 0), jsExpected) : '-',
      fmt(j.median),
      fmt(j.p95),
    ]);
  };
  for (const [name, rs] of groups) line(name, rs);
  lines.push([]);
  line('ALL 1080p', hd);
  line('ALL 4K', uhd);
  line('TOTAL', rows);
  const widths = lines[0]!.map((_, i) => Math.max(...lines.map((l) => (l[i] ?? '').length)));
  console.log('');
  for (const l of lines) console.log(l.length === 0 ? '' : l.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  '));
  console.log(`\n(jsQR decodes one code per call, so it cannot pass pages with several codes; first 1080p scan incl. wasm load, not counted above: ${fmt(coldMs)} ms)`);
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(2);
  },
);
