// Bitwarden vault export, JSON or CSV. Only login items with a TOTP field are accounts; the field holds
// an otpauth:// URI, a bare base32 secret, or steam://SECRET for Steam Guard. Folders become tags.
// Password-protected ("encrypted": true) JSON exports are not read: Bitwarden itself can re-export
// them unencrypted.
import { parseOtpauthUri } from '../../../shared/otp/otpauth-uri';
import { ImportCollector, entryName } from '../imported-account';
import { parseCsv } from '../csv';
import { unreadable } from '../errors';
import { decodeText, isObject, readJson, str, type JsonObject } from '../text';
import type { ImportFile, ImportFormat, ImportParseResult } from '../types';

const LABEL = 'Bitwarden export';
const WHAT = `This ${LABEL} file`;

interface TotpItem {
  name: string;
  username: string;
  totp: string;
  folder: string;
}

function jsonExport(file: ImportFile): JsonObject | undefined {
  const json = readJson(file.bytes);
  return isObject(json) && Array.isArray(json.items) && ('encrypted' in json || 'folders' in json) ? json : undefined;
}

function csvRows(file: ImportFile): string[][] | undefined {
  const text = decodeText(file.bytes);
  if (text === undefined) return undefined;
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  if (!/(^|,)login_totp(,|$)/.test(firstLine)) return undefined;
  return parseCsv(text);
}

function itemsFromJson(root: JsonObject): TotpItem[] {
  if (root.encrypted === true) throw unreadable(WHAT, 'it is password-protected; export the vault again as unencrypted JSON or CSV');
  const folders = new Map<string, string>();
  if (Array.isArray(root.folders)) for (const f of root.folders) if (isObject(f) && typeof f.id === 'string' && typeof f.name === 'string') folders.set(f.id, f.name);
  const items: TotpItem[] = [];
  for (const item of root.items as unknown[]) {
    if (!isObject(item) || !isObject(item.login)) continue;
    const totp = str(item.login.totp)?.trim();
    if (!totp) continue;
    items.push({
      name: str(item.name) ?? '',
      username: str(item.login.username) ?? '',
      totp,
      folder: (typeof item.folderId === 'string' ? folders.get(item.folderId) : undefined) ?? '',
    });
  }
  return items;
}

function itemsFromCsv(rows: string[][]): TotpItem[] {
  const [header, ...data] = rows;
  const column = (name: string) => header!.indexOf(name);
  const [totpAt, nameAt, userAt, folderAt] = [column('login_totp'), column('name'), column('login_username'), column('folder')];
  const cell = (row: string[], at: number) => (at >= 0 ? (row[at] ?? '') : '');
  return data.map((row) => ({ name: cell(row, nameAt), username: cell(row, userAt), totp: cell(row, totpAt).trim(), folder: cell(row, folderAt) })).filter((i) => i.totp !== '');
}

function readItems(items: TotpItem[]): ImportParseResult {
  const out = new ImportCollector();
  for (const item of items) {
    const tags = item.folder.trim() === '' ? [] : [item.folder];
    if (/^otpauth:/i.test(item.totp)) {
      const parsed = parseOtpauthUri(item.totp);
      if (parsed.ok) out.add({ ...parsed.value, tags });
      else out.skip(entryName(item.name, item.username), parsed.error.message);
    } else if (/^steam:\/\//i.test(item.totp)) {
      out.add({ type: 'steam', issuer: 'Steam', label: item.username || item.name, secret: item.totp.slice('steam://'.length), tags });
    } else {
      // A bare secret: Bitwarden computes SHA1/6/30 codes for it.
      out.add({ type: 'totp', issuer: item.name, label: item.username || item.name, secret: item.totp, tags });
    }
  }
  return out.result();
}

export const bitwardenFormat: ImportFormat = {
  id: 'bitwarden',
  label: 'Bitwarden export (JSON or CSV)',

  detect(file) {
    if (jsonExport(file) !== undefined) return 10;
    return csvRows(file) !== undefined ? 100 : 0;
  },

  needsPassword() {
    return false;
  },

  async parse(file) {
    const root = jsonExport(file);
    if (root !== undefined) return readItems(itemsFromJson(root));
    const rows = csvRows(file);
    if (rows === undefined) throw unreadable(WHAT, 'it is neither Bitwarden JSON nor CSV with a login_totp column');
    return readItems(itemsFromCsv(rows));
  },
};
