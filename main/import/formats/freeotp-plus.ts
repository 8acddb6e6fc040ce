// FreeOTP+ JSON export: {"tokenOrder": [...], "tokens": [token, …]} (token records: freeotp-tokens.ts).
import { ImportCollector } from '../imported-account';
import { unreadable } from '../errors';
import { isObject, readJson, type JsonObject } from '../text';
import type { ImportFile, ImportFormat } from '../types';
import { addFreeOtpToken, isFreeOtpToken } from './freeotp-tokens';

const LABEL = 'FreeOTP+ export';
const WHAT = `This ${LABEL} file`;

function root(file: ImportFile): JsonObject | undefined {
  const json = readJson(file.bytes);
  return isObject(json) && Array.isArray(json.tokens) ? json : undefined;
}

export const freeOtpPlusFormat: ImportFormat = {
  id: 'freeotp-plus',
  label: 'FreeOTP+ export (JSON)',

  detect(file) {
    const json = root(file);
    if (json === undefined) return 0;
    return (json.tokens as unknown[]).every(isFreeOtpToken) ? ('tokenOrder' in json ? 100 : 10) : 1;
  },

  needsPassword() {
    return false;
  },

  async parse(file) {
    const json = root(file);
    if (json === undefined) throw unreadable(WHAT, 'it has no token list');
    const out = new ImportCollector();
    for (const token of json.tokens as unknown[]) addFreeOtpToken(out, token);
    return out.result();
  },
};
