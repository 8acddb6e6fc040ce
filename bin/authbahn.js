#!/usr/bin/env node
// Thin launcher: the CLI is built into dist/ by `npm run build` (run by `prepare` on npm ci/install).
import { existsSync } from 'node:fs';
import module from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';

// Node 22.1+ keeps V8's compiled code of the CLI's modules between runs (in the OS temp folder), so a
// short command does not recompile the same files every time. Absent on Node 20, where this does nothing.
module.enableCompileCache?.();

const entry = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'main', 'cli.js');
if (!existsSync(entry)) {
  process.stderr.write('authbahn: not built yet — run `npm run build` in the project folder first.\n');
  process.exit(2);
}
const { main } = await import(pathToFileURL(entry).href);
process.exitCode = await main(process.argv.slice(2));
