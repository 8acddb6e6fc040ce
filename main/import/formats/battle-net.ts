// Battle.net Authenticator (com.blizzard.messenger, shared_prefs on a rooted phone). The serial and
// the device secret are stored hex-encoded and XOR-masked with a fixed key from the app; the unmasked
// secret is itself hex text of the HMAC key. Codes are TOTP SHA1, 8 digits, 30 s.
import { ImportCollector, entryName } from '../imported-account';
import { decodeHex } from '../crypto';
import { readPrefsStrings } from '../android-prefs';
import { unreadable } from '../errors';
import { decodeText } from '../text';
import type { ImportFile, ImportFormat } from '../types';

const LABEL = 'Battle.net Authenticator file';
const WHAT = `This ${LABEL} file`;
const PREFIX = 'com.blizzard.messenger.';
const SECRET_KEY = `${PREFIX}AUTHENTICATOR_DEVICE_SECRET`;
const SERIAL_KEY = `${PREFIX}AUTHENTICATOR_SERIAL`;
// The app's masking key (public knowledge; the same in every installation).
const MASK = decodeHex('398e27fc50276a656065b0e525f4c06c04c61075286b8e7aeda59da9813b5dd6c80d2fb38068773fa59ba47c17ca6c6479015c1d5b8b8f6b9a')!;

function prefs(file: ImportFile): Map<string, string> | undefined {
  const text = decodeText(file.bytes);
  const map = text === undefined ? undefined : readPrefsStrings(text);
  return map?.has(SECRET_KEY) ? map : undefined;
}

function unmask(hex: string): string | undefined {
  const bytes = decodeHex(hex);
  if (bytes === undefined || bytes.length > MASK.length) return undefined;
  return String.fromCharCode(...bytes.map((b, i) => b ^ MASK[i]!));
}

export const battleNetFormat: ImportFormat = {
  id: 'battlenet',
  label: 'Battle.net Authenticator (shared_prefs XML)',

  detect(file) {
    return prefs(file) === undefined ? 0 : 100;
  },

  needsPassword() {
    return false;
  },

  async parse(file) {
    const map = prefs(file);
    if (map === undefined) throw unreadable(WHAT, `it has no ${SECRET_KEY}`);
    const serial = unmask(map.get(SERIAL_KEY) ?? '') ?? '';
    const secretHex = unmask(map.get(SECRET_KEY)!);
    const secret = secretHex === undefined ? undefined : decodeHex(secretHex);
    const out = new ImportCollector();
    if (secret === undefined) out.skip(entryName('Battle.net', serial), 'The device secret cannot be unmasked');
    else out.add({ type: 'totp', issuer: 'Battle.net', label: serial || 'Battle.net', secret, digits: 8 });
    return out.result();
  },
};
