// Enforces the process-boundary import rules from DESIGN.md, so a stray import fails CI
// instead of breaking the CLI (electron in a service) or the renderer (node:* in shared code).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, dirname } from 'node:path';
import { builtinModules } from 'node:module';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '..', '..');

function sourceFiles(dir: string): string[] {
  const abs = join(root, dir);
  return readdirSync(abs).flatMap((name) => {
    const p = join(abs, name);
    if (statSync(p).isDirectory()) return sourceFiles(relative(root, p));
    return /\.(ts|tsx)$/.test(name) ? [relative(root, p)] : [];
  });
}

/** Every module specifier in static imports, re-exports and dynamic imports. */
function importsOf(file: string): string[] {
  const text = readFileSync(join(root, file), 'utf8');
  const specs: string[] = [];
  const re = /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)|import\s+['"]([^'"]+)['"]|require\(\s*['"]([^'"]+)['"]\s*\)/g;
  for (const m of text.matchAll(re)) specs.push((m[1] ?? m[2] ?? m[3] ?? m[4])!);
  return specs;
}

const nodeBuiltins = new Set(builtinModules);
const isNodeBuiltin = (s: string) => s.startsWith('node:') || nodeBuiltins.has(s.split('/')[0]!);
/** Top-level folder a relative import lands in. */
const targetFolder = (file: string, spec: string) =>
  spec.startsWith('.') ? relative(root, resolve(root, dirname(file), spec)).split(/[\\/]/)[0] : undefined;

describe('import rules', () => {
  it('shared/ imports nothing from main/renderer, no node:*, no electron', () => {
    const offences = sourceFiles('shared').flatMap((f) =>
      importsOf(f)
        .filter((s) => isNodeBuiltin(s) || s === 'electron' || ['main', 'renderer'].includes(targetFolder(f, s) ?? ''))
        .map((s) => `${f} -> ${s}`),
    );
    expect(offences).toEqual([]);
  });

  it('main/ services never import electron (only main/electron/ may)', () => {
    const offences = sourceFiles('main')
      .filter((f) => !f.startsWith(join('main', 'electron')))
      .flatMap((f) =>
        importsOf(f)
          .filter((s) => s === 'electron' || s.startsWith('electron/') || targetFolder(f, s) === 'renderer')
          .map((s) => `${f} -> ${s}`),
      );
    expect(offences).toEqual([]);
  });

  it('renderer/ reaches the backend only through the API contract', () => {
    const offences = sourceFiles('renderer').flatMap((f) =>
      importsOf(f)
        .filter((s) => isNodeBuiltin(s) || s === 'electron' || targetFolder(f, s) === 'main')
        .map((s) => `${f} -> ${s}`),
    );
    expect(offences).toEqual([]);
  });

  it('raw ipcMain/ipcRenderer appear only in the IPC host and the preload', () => {
    const allowed = new Set([join('main', 'electron', 'ipc-host.ts'), join('main', 'electron', 'preload.ts')]);
    const users = [...sourceFiles('main'), ...sourceFiles('renderer'), ...sourceFiles('shared')].filter(
      (f) => !allowed.has(f) && /\bipc(Main|Renderer)\b/.test(readFileSync(join(root, f), 'utf8').replace(/\/\/.*$/gm, '')),
    );
    expect(users).toEqual([]);
  });

  it('the scanner sees real imports (guards against a regex that matches nothing)', () => {
    expect(importsOf(join('shared', 'api', 'dispatch.ts'))).toContain('./contract');
    expect(sourceFiles('shared').length).toBeGreaterThan(3);
  });
});
