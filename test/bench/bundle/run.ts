// `npm run bench:bundle`: builds the renderer and the preload, then prints what a window loads before
// the first screen can render (the entry script and the chunks it imports statically, which Vite lists
// as <link rel="modulepreload">), the lazily loaded chunks, and the preload script — raw and gzip.
// Numbers only; nothing is asserted. Options: --no-build (measure the existing dist/).
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { reactOnPreact } from '../../../vite.config';

const root = resolve(import.meta.dirname, '../../..');
const rendererDir = join(root, 'dist/renderer');
const preloadFile = join(root, 'dist/main/electron/preload.cjs');
const TARGET_INITIAL_KB = 200;
const TARGET_PRELOAD_KB = 5;

if (!process.argv.includes('--no-build')) {
  for (const mode of ['renderer', 'preload']) {
    execFileSync(process.execPath, [join(root, 'node_modules/vite/bin/vite.js'), 'build', '--mode', mode, '--logLevel', 'error'], { cwd: root, stdio: 'inherit' });
  }
}

const kb = (bytes: number) => (bytes / 1024).toFixed(1);
const sizes = (file: string) => {
  const bytes = readFileSync(file);
  return { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
};

const html = readFileSync(join(rendererDir, 'index.html'), 'utf8');
const initial = [
  ...html.matchAll(/<script[^>]+type="module"[^>]+src="\.\/([^"]+\.js)"/g),
  ...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="\.\/([^"]+\.js)"/g),
].map((m) => m[1]!);
const assets = readdirSync(join(rendererDir, 'assets')).filter((f) => f.endsWith('.js'));
const lazy = assets.filter((f) => !initial.includes(`assets/${f}`));

const rows = initial.map((f) => ({ file: f, ...sizes(join(rendererDir, f)) }));
const total = rows.reduce((a, r) => ({ raw: a.raw + r.raw, gzip: a.gzip + r.gzip }), { raw: 0, gzip: 0 });
const preload = sizes(preloadFile);

console.log('Renderer, loaded before the first screen:');
for (const r of rows) console.log(`  ${r.file.padEnd(44)} ${kb(r.raw).padStart(8)} kB  ${kb(r.gzip).padStart(7)} kB gzip`);
console.log(`  ${'initial JS total'.padEnd(44)} ${kb(total.raw).padStart(8)} kB  ${kb(total.gzip).padStart(7)} kB gzip   (target ≤ ${TARGET_INITIAL_KB} kB)`);
console.log('Renderer, loaded on demand:');
for (const f of lazy.sort((a, b) => statSync(join(rendererDir, 'assets', b)).size - statSync(join(rendererDir, 'assets', a)).size)) {
  const s = sizes(join(rendererDir, 'assets', f));
  console.log(`  ${f.padEnd(44)} ${kb(s.raw).padStart(8)} kB  ${kb(s.gzip).padStart(7)} kB gzip`);
}
console.log(`Preload: ${kb(preload.raw)} kB (${kb(preload.gzip)} kB gzip)   (target: a few kB, ≤ ${TARGET_PRELOAD_KB} kB)`);
console.log(`UI runtime alone (the React API on preact/compat: react + react-dom/client, minified): ${kb(await runtimeFloor())} kB`);
console.log(`ratio initial/target: ${(total.raw / 1024 / TARGET_INITIAL_KB).toFixed(2)} raw, ${(total.gzip / 1024 / TARGET_INITIAL_KB).toFixed(2)} gzip`);

/**
 * Size of a bundle that holds only the UI runtime, resolved with the renderer's own aliases and built by
 * the same bundler Vite uses: the floor every first screen starts from. (React 19's own runtime is
 * ~213 kB here, more than the whole budget — why the renderer runs on preact/compat.)
 */
async function runtimeFloor(): Promise<number> {
  const { build } = await import('vite');
  const out = await build({
    configFile: false,
    logLevel: 'silent',
    root,
    resolve: { alias: reactOnPreact },
    build: {
      write: false,
      minify: true,
      target: 'es2022',
      rollupOptions: { input: 'virtual:react-floor' },
    },
    plugins: [
      {
        name: 'react-floor',
        resolveId: (id: string) => (id === 'virtual:react-floor' ? id : null),
        load: (id: string) =>
          id === 'virtual:react-floor'
            ? "import { createRoot } from 'react-dom/client'; import { createElement } from 'react'; createRoot(document.body).render(createElement('p'));"
            : null,
      },
    ],
  });
  const outputs = (Array.isArray(out) ? out : [out]) as { output: { type: string; code?: string }[] }[];
  return outputs.flatMap((o) => o.output).reduce((n, c) => n + (c.type === 'chunk' ? Buffer.byteLength(c.code ?? '') : 0), 0);
}
