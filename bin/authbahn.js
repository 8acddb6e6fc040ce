#!/usr/bin/env node
// Thin launcher: the CLI is built into dist/ by `npm run build` (run by `prepare` on npm ci/install).
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';

const entry = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'main', 'cli.js');
if (!existsSync(entry)) {
  process.stderr.write('authbahn: not built yet — run `npm run build` in the project folder first.\n');
  process.exit(2);
}
const { main } = await import(pathToFileURL(entry).href);
process.exitCode = await main(process.argv.slice(2));
