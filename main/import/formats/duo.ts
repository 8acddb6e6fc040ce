// Duo Mobile's third-party account list (files/duokit/accounts.json on a rooted phone): a JSON array of
// {name, accountType, otpGenerator: {otpSecret, counter?}}. Duo keeps no issuer, algorithm, digits or
// period: entries are SHA1/6 digits, TOTP with 30 s unless a counter makes them HOTP. Duo's own push
// accounts (no otpGenerator) have no secret we could use and are skipped.
import { ImportCollector, entryName } from '../imported-account';
import { unreadable } from '../errors';
import { isObject, num, readJson, str } from '../text';
import type { ImportFile, ImportFormat } from '../types';

const LABEL = 'Duo Mobile account list';
const WHAT = `This ${LABEL} file`;

function entries(file: ImportFile): unknown[] | undefined {
  const json = readJson(file.bytes);
  if (!Array.isArray(json) || json.length === 0) return undefined;
  return json.every((e) => isObject(e) && ('otpGenerator' in e || 'accountType' in e) && 'pkey' in e) ? json : undefined;
}

export const duoFormat: ImportFormat = {
  id: 'duo',
  label: 'Duo Mobile (accounts.json)',

  detect(file) {
    return entries(file) === undefined ? 0 : 10;
  },

  needsPassword() {
    return false;
  },

  async parse(file) {
    const list = entries(file);
    if (list === undefined) throw unreadable(WHAT, 'it is not a Duo account list');
    const out = new ImportCollector();
    for (const entry of list as Record<string, unknown>[]) {
      const name = str(entry.name);
      const generator = isObject(entry.otpGenerator) ? entry.otpGenerator : undefined;
      if (generator === undefined) {
        out.skip(entryName(undefined, name), 'A Duo push account has no code secret');
        continue;
      }
      const counter = num(generator.counter);
      out.add({ type: counter === undefined ? 'totp' : 'hotp', issuer: '', label: name, secret: str(generator.otpSecret), counter });
    }
    return out.result();
  },
};
