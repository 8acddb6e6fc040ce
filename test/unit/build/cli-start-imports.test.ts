// What the short CLI commands load at start, read from the sources: the modules their static imports
// reach (dynamic imports and `import type` load nothing at start). Keeps `authbahn code ACCOUNT`,
// `accounts list` and `test` from quietly pulling in zod, the router or the binary WAMP codecs again
// (their start-up times are measured by `npm run bench:cli`).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '..', '..', '..');

/** Specifiers of the static value imports and re-exports of one file. */
function staticImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specs: string[] = [];
  const re = /^(?:import|export)\s+(type\s+)?(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]/gm;
  for (const m of text.matchAll(re)) if (!m[1]) specs.push(m[2]!);
  return specs;
}

function resolveLocal(from: string, spec: string): string | undefined {
  if (!spec.startsWith('.')) return undefined;
  const base = resolve(dirname(from), spec);
  return [`${base}.ts`, `${base}.tsx`, `${base}/index.ts`, base].find((p) => existsSync(p) && p.match(/\.tsx?$/));
}

/** Every project file and package the entry reaches through static imports. */
function reach(entry: string): { files: string[]; packages: string[] } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    for (const spec of staticImports(file)) {
      const local = resolveLocal(file, spec);
      if (local) visit(local);
      else if (!spec.startsWith('.') && !spec.startsWith('node:')) packages.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!);
    }
  };
  visit(resolve(root, entry));
  return { files: [...files].map((f) => relative(root, f)), packages: [...packages].sort() };
}

describe('start-up imports of the short CLI commands', () => {
  it.each(['main/cli/code.ts', 'main/cli/accounts-list.ts', 'main/account-services.ts'])('%s: accounts and the keychain, nothing else', (entry) => {
    const { files, packages } = reach(entry);
    // The keychain add-on is loaded on first use (LazySecretStore), the full services only for --advance.
    expect(packages.filter((p) => !['@noble/hashes', '@scure/base', 'otplib'].includes(p))).toEqual([]);
    expect(files.filter((f) => /^main\/(router|router-app|tester|settings|backup|keys|qr|import|web|lock|electron)\//.test(f) || f === 'main/services.ts')).toEqual([]);
  });

  it('main/cli/test.ts: no zod, no MessagePack or CBOR codec until a test asks for one', () => {
    const { packages } = reach('main/cli/test.ts');
    expect(packages).not.toContain('zod');
    expect(packages).not.toContain('msgpackr');
    expect(packages).not.toContain('cbor-x');
  });
});
