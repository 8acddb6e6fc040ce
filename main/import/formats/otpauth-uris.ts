// A text file of otpauth:// URIs, one per line: our own "uris" export, Ente Auth's plain export,
// WinAuth's export, `zbarimg --raw` output. Google Authenticator export URIs (otpauth-migration://)
// may be mixed in. Ente Auth appends `codeDisplay={…json…}` to each URI; its tags are kept and its
// trashed entries are skipped, so a restore does not resurrect what the user deleted.
import { parseMigrationUri } from '../../../shared/otp/migration';
import { parseOtpauthUri } from '../../../shared/otp/otpauth-uri';
import { ImportCollector, entryName } from '../imported-account';
import { unreadable } from '../errors';
import { decodeText, isObject, parseJson } from '../text';
import type { ImportFile, ImportFormat, ImportParseResult } from '../types';

const URI_LINE = /^otpauth(-migration)?:\/\//i;
const LABEL = 'otpauth URI list';
const WHAT = `This ${LABEL} file`;

/** Non-blank, non-comment lines with their 1-based line numbers. */
function lines(file: ImportFile): { line: string; number: number }[] | undefined {
  const text = decodeText(file.bytes);
  if (text === undefined) return undefined;
  return text
    .split(/\r?\n|\r/)
    .map((l, i) => ({ line: l.trim(), number: i + 1 }))
    .filter(({ line }) => line !== '' && !line.startsWith('#'));
}

/** Ente Auth's per-entry display data: tags, and whether the entry is in its trash. */
function enteDisplay(uri: string): { tags: string[]; trashed: boolean } {
  const raw = /[?&]codeDisplay=([^&#]*)/i.exec(uri)?.[1];
  if (raw === undefined) return { tags: [], trashed: false };
  let decoded: string;
  try {
    decoded = decodeURIComponent(raw.replace(/\+/g, ' '));
  } catch {
    return { tags: [], trashed: false };
  }
  const data = parseJson(decoded);
  if (!isObject(data)) return { tags: [], trashed: false };
  const tags = Array.isArray(data.tags) ? data.tags.filter((t): t is string => typeof t === 'string') : [];
  return { tags, trashed: data.trashed === true };
}

export const otpauthUrisFormat: ImportFormat = {
  id: 'uris',
  label: 'otpauth:// URI list (Authbahn, Ente Auth, WinAuth)',

  detect(file) {
    const all = lines(file);
    if (all === undefined || all.length === 0) return 0;
    const uris = all.filter(({ line }) => URI_LINE.test(line)).length;
    if (uris === all.length) return 100;
    // A few broken lines among many URIs is still this format (they are reported as skipped).
    return uris > 0 && uris * 2 >= all.length ? 10 : 0;
  },

  needsPassword() {
    return false;
  },

  async parse(file): Promise<ImportParseResult> {
    const all = lines(file);
    if (all === undefined) throw unreadable(WHAT, 'it is not UTF-8 text');
    const out = new ImportCollector();
    for (const { line, number } of all) {
      const where = `Line ${number}`;
      if (/^otpauth-migration:/i.test(line)) {
        const batch = parseMigrationUri(line);
        if (!batch.ok) {
          out.skip(entryName(undefined, where), batch.error.message);
          continue;
        }
        for (const a of batch.value.accounts) out.add({ ...a, tags: [] });
        for (const s of batch.value.skipped) out.skip(entryName(s.issuer, s.name), s.reason);
        continue;
      }
      if (!URI_LINE.test(line)) {
        out.skip(entryName(undefined, where), 'Not an otpauth:// URI');
        continue;
      }
      const parsed = parseOtpauthUri(line);
      if (!parsed.ok) {
        out.skip(entryName(undefined, where), parsed.error.message);
        continue;
      }
      const display = enteDisplay(line);
      if (display.trashed) {
        out.skip(entryName(parsed.value.issuer, parsed.value.label), 'In the source app’s trash');
        continue;
      }
      out.add({ ...parsed.value, tags: display.tags });
    }
    if (out.isEmpty()) throw unreadable(WHAT, 'it holds no URIs');
    return out.result();
  },
};
