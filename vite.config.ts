/// <reference types="vitest/config" />
// One config, three builds (selected with --mode) plus the test projects:
//   renderer — the UI (React's API on preact/compat), loaded from file:// by Electron and served by `authbahn serve`
//   node     — main-process code (CLI, Electron main) bundled for Node; dependencies stay external
//   preload  — the sandboxed preload script, which must be a single CommonJS file
import { builtinModules } from 'node:module';
import { resolve } from 'node:path';
import { defineConfig, type UserConfig } from 'vite';
import pkg from './package.json' with { type: 'json' };

const root = import.meta.dirname;
const nodeExternals = [
  'electron',
  ...builtinModules,
  ...builtinModules.map((m) => `node:${m}`),
  ...Object.keys(pkg.dependencies ?? {}),
];
// Pure-ESM dependencies that are bundled into the node build instead of being loaded from
// node_modules at run time: zod alone is ~95 module files, and resolving and compiling that many files
// is most of a short CLI command's start-up. Native addons (keyring, sharp), the wasm QR engine (which
// finds its .wasm beside itself) and CommonJS packages with optional native parts stay external.
const bundledDependencies = ['zod', 'otplib', '@otplib/', '@noble/hashes', '@scure/base'];
const isBundled = (id: string) => bundledDependencies.some((d) => id === d || id.startsWith(d.endsWith('/') ? d : `${d}/`));
const isExternal = (id: string) => !isBundled(id) && nodeExternals.some((e) => id === e || id.startsWith(`${e}/`));

// The UI is written against React's API and type-checked with @types/react, but runs on Preact's
// compatibility layer: React 19's runtime alone is ~213 kB minified, more than the whole first-screen
// budget (≤ 200 kB), where preact/compat is ~15 kB (the floor bench:bundle prints). Exact-match
// patterns, so that `react-dom/client` does not fall into the `react-dom` rule.
export const reactOnPreact = [
  { find: /^react$/, replacement: 'preact/compat' },
  { find: /^react-dom$/, replacement: 'preact/compat' },
  { find: /^react-dom\/client$/, replacement: 'preact/compat/client' },
];
// JSX compiles straight to Preact's runtime, so no react/jsx-runtime import is ever left to alias.
const jsxOnPreact = { jsx: { runtime: 'automatic', importSource: 'preact' } } as const;

function rendererConfig(): UserConfig {
  return {
    root: resolve(root, 'renderer'),
    base: './',
    oxc: jsxOnPreact,
    resolve: { alias: reactOnPreact },
    build: {
      outDir: resolve(root, 'dist/renderer'),
      emptyOutDir: true,
      target: 'es2022',
      sourcemap: true,
    },
  };
}

function nodeConfig(): UserConfig {
  return {
    // An SSR build externalizes node_modules on its own; this keeps the bundled ones in.
    ssr: { noExternal: [/^zod(\/|$)/, /^otplib(\/|$)/, /^@otplib\//, /^@noble\/hashes(\/|$)/, /^@scure\/base(\/|$)/] },
    build: {
      ssr: true,
      outDir: resolve(root, 'dist/main'),
      emptyOutDir: true,
      target: 'node20',
      sourcemap: true,
      minify: false,
      rollupOptions: {
        input: {
          cli: resolve(root, 'main/cli.ts'),
          'electron/main': resolve(root, 'main/electron/main.ts'),
        },
        external: isExternal,
        output: { format: 'es', entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js' },
      },
    },
  };
}

function preloadConfig(): UserConfig {
  return {
    build: {
      outDir: resolve(root, 'dist/main/electron'),
      emptyOutDir: false,
      target: 'chrome120',
      sourcemap: true,
      minify: false,
      lib: { entry: resolve(root, 'main/electron/preload.ts'), formats: ['cjs'], fileName: () => 'preload.cjs' },
      rollupOptions: { external: ['electron'] },
    },
  };
}

export default defineConfig(({ mode }) => {
  if (mode === 'renderer') return rendererConfig();
  if (mode === 'node') return nodeConfig();
  if (mode === 'preload') return preloadConfig();
  return {
    oxc: jsxOnPreact,
    resolve: { alias: reactOnPreact },
    test: {
      projects: [
        {
          extends: true,
          test: { name: 'unit', include: ['test/unit/**/*.test.{ts,tsx}'], environment: 'node' },
        },
        {
          extends: true,
          // Real keychain, real files, real sockets, the built CLI: run one file at a time on 2 cores.
          test: {
            name: 'integration',
            include: ['test/integration/**/*.test.ts'],
            environment: 'node',
            testTimeout: 30_000,
            hookTimeout: 60_000,
            fileParallelism: false,
          },
        },
        {
          extends: true,
          test: {
            name: 'e2e',
            include: ['test/e2e/**/*.test.ts'],
            environment: 'node',
            testTimeout: 60_000,
            hookTimeout: 120_000,
            fileParallelism: false,
          },
        },
      ],
    },
  };
});
