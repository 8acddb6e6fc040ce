// Steam Desktop Authenticator maFile: one account per file, {shared_secret (base64), account_name, …}.
// Newer files wrap it as {accounts: {NAME: {…}}}. Only shared_secret generates codes; the identity
// secret (trade confirmations) and the revocation code are not ours to keep.
import { ImportCollector, entryName } from '../imported-account';
import { decodeBase64 } from '../crypto';
import { unreadable } from '../errors';
import { isObject, readJson, str, type JsonObject } from '../text';
import type { ImportFile, ImportFormat } from '../types';

const LABEL = 'Steam maFile';
const WHAT = `This ${LABEL} file`;

function accounts(file: ImportFile): JsonObject[] | undefined {
  const json = readJson(file.bytes);
  if (!isObject(json)) return undefined;
  if (typeof json.shared_secret === 'string') return [json];
  if (isObject(json.accounts)) {
    const list = Object.values(json.accounts).filter(isObject);
    if (list.length > 0 && list.every((a) => typeof a.shared_secret === 'string')) return list;
  }
  return undefined;
}

export const steamFormat: ImportFormat = {
  id: 'steam',
  label: 'Steam Desktop Authenticator (maFile)',

  detect(file) {
    return accounts(file) === undefined ? 0 : 100;
  },

  needsPassword() {
    return false;
  },

  async parse(file) {
    const list = accounts(file);
    if (list === undefined) throw unreadable(WHAT, 'it has no shared_secret');
    const out = new ImportCollector();
    for (const account of list) {
      const name = str(account.account_name);
      const secret = decodeBase64(str(account.shared_secret) ?? '');
      if (secret === undefined) out.skip(entryName('Steam', name), 'The shared secret is not base64');
      else out.add({ type: 'steam', issuer: 'Steam', label: name, secret });
    }
    return out.result();
  },
};
