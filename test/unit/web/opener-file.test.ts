import { mkdtempSync, readFileSync, rmSync, statSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeOpenerFile } from '../../../main/web/opener-file';

let parent: string;
beforeEach(() => {
  parent = mkdtempSync(join(tmpdir(), 'authbahn-opener-test-'));
});
afterEach(() => rmSync(parent, { recursive: true, force: true }));

describe('writeOpenerFile', () => {
  it('writes a private redirect page whose path does not contain the link', () => {
    const link = 'http://127.0.0.1:5173/login?code=abc_DEF-123&x="<y>';
    const file = writeOpenerFile(link, parent);
    expect(dirname(dirname(file.path))).toBe(parent);
    expect(file.path).not.toContain('abc_DEF-123');
    expect(statSync(file.path).mode & 0o777).toBe(0o600);
    expect(statSync(dirname(file.path)).mode & 0o777).toBe(0o700);
    const html = readFileSync(file.path, 'utf8');
    expect(html).toContain('<meta name="referrer" content="no-referrer">');
    expect(html).toContain('http-equiv="refresh" content="0;url=http://127.0.0.1:5173/login?code=abc_DEF-123&#38;x=&#34;&#60;y&#62;"');
    expect(html).not.toContain('"<y>');
  });

  it('remove() deletes the file and its directory, and may be called again', () => {
    const file = writeOpenerFile('http://127.0.0.1:1/login?code=x', parent);
    file.remove();
    expect(existsSync(dirname(file.path))).toBe(false);
    file.remove();
  });

  it('gives every call its own directory', () => {
    const a = writeOpenerFile('http://127.0.0.1:1/login?code=a', parent);
    const b = writeOpenerFile('http://127.0.0.1:1/login?code=b', parent);
    expect(dirname(a.path)).not.toBe(dirname(b.path));
  });
});
