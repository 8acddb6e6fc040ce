// Proton Authenticator export: { version, entries: [{ id, content: { uri, entry_type, name }, note }] }.
// The otpauth:// URI carries the parameters; content.name is the name shown in the app.
import { parseOtpauthUri } from '../../../shared/otp/otpauth-uri';
import { ImportCollector, entryName } from '../imported-account';
import { unreadable } from '../errors';
import { isObject, readJson, str, type JsonObject } from '../text';
import type { ImportFile, ImportFormat } from '../types';

const LABEL = 'Proton Authenticator export';
const WHAT = `This ${LABEL} file`;

function root(file: ImportFile): JsonObject | undefined {
  const json = readJson(file.bytes);
  if (!isObject(json) || !Array.isArray(json.entries)) return undefined;
  return json.entries.length > 0 && json.entries.every((e) => isObject(e) && isObject(e.content) && typeof e.content.uri === 'string') ? json : undefined;
}

export const protonFormat: ImportFormat = {
  id: 'proton',
  label: 'Proton Authenticator (JSON)',

  detect(file) {
    return root(file) === undefined ? 0 : 10;
  },

  needsPassword() {
    return false;
  },

  async parse(file) {
    const json = root(file);
    if (json === undefined) throw unreadable(WHAT, 'it is not a Proton Authenticator export');
    const out = new ImportCollector();
    for (const entry of json.entries as JsonObject[]) {
      const content = entry.content as JsonObject;
      const name = str(content.name);
      const parsed = parseOtpauthUri(str(content.uri) ?? '');
      if (!parsed.ok) {
        out.skip(entryName(undefined, name), parsed.error.message);
        continue;
      }
      out.add({ ...parsed.value, label: name?.trim() || parsed.value.label, tags: [] });
    }
    return out.result();
  },
};
