// FreeOTP v1 token store (shared_prefs/tokens.xml, also what FreeOTP+ keeps internally): one <string>
// per token whose text is the token's JSON, plus "tokenOrder" (a JSON array of the token names). Tokens
// are imported in tokenOrder, the order the user sees, then any not listed there.
import { ImportCollector } from '../imported-account';
import { readPrefsStrings } from '../android-prefs';
import { unreadable } from '../errors';
import { decodeText, parseJson } from '../text';
import type { ImportFile, ImportFormat } from '../types';
import { addFreeOtpToken, isFreeOtpToken } from './freeotp-tokens';

const LABEL = 'FreeOTP token file';
const WHAT = `This ${LABEL} file`;
const ORDER_KEY = 'tokenOrder';

function tokens(file: ImportFile): Map<string, unknown> | undefined {
  const text = decodeText(file.bytes);
  const map = text === undefined ? undefined : readPrefsStrings(text);
  if (map === undefined || !map.has(ORDER_KEY)) return undefined;
  const out = new Map<string, unknown>();
  for (const [name, value] of map) if (name !== ORDER_KEY) out.set(name, parseJson(value));
  return out;
}

export const freeOtpXmlFormat: ImportFormat = {
  id: 'freeotp-xml',
  label: 'FreeOTP / FreeOTP+ token file (tokens.xml)',

  detect(file) {
    const map = tokens(file);
    if (map === undefined) return 0;
    return [...map.values()].every(isFreeOtpToken) ? 100 : 1;
  },

  needsPassword() {
    return false;
  },

  async parse(file) {
    const map = tokens(file);
    if (map === undefined) throw unreadable(WHAT, 'it has no tokenOrder entry');
    const order = parseJson(readPrefsStrings(decodeText(file.bytes)!)!.get(ORDER_KEY)!);
    const names = Array.isArray(order) ? order.filter((n): n is string => typeof n === 'string' && map.has(n)) : [];
    for (const name of map.keys()) if (!names.includes(name)) names.push(name);
    const out = new ImportCollector();
    for (const name of new Set(names)) addFreeOtpToken(out, map.get(name));
    return out.result();
  },
};
