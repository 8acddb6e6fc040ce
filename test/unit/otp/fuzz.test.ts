// Property and fuzz tests: parsers must never throw (only return Result errors), and whatever they
// accept must be a valid account that formats, re-parses identically, validates and yields codes.
import { describe, expect, it } from 'vitest';
import type { AccountInput } from '../../../shared/api/types';
import { bytesToBase32, normalizeBase32 } from '../../../shared/otp/base32';
import { codeWindow } from '../../../shared/otp/generate';
import { formatMigrationUris, parseMigrationUri } from '../../../shared/otp/migration';
import { formatOtpauthUri, parseOtpauthUri } from '../../../shared/otp/otpauth-uri';
import type { OtpAccountData } from '../../../shared/otp/types';
import { validateAccountInput } from '../../../shared/otp/validate';
import { prng, randomName, type Prng } from './support';

function randomAccount(r: Prng): OtpAccountData {
  const type = r.pick(['totp', 'hotp', 'steam'] as const);
  const issuer = r.next() < 0.25 ? '' : randomName(r);
  const base = { issuer, label: randomName(r), secret: bytesToBase32(r.bytes(r.int(1, 80))), counter: 0 };
  if (type === 'steam') return { ...base, type, algorithm: 'SHA1', digits: 5, period: r.pick([30, 30, r.int(1, 86_400)]) };
  return {
    ...base,
    type,
    algorithm: r.pick(['SHA1', 'SHA256', 'SHA512'] as const),
    digits: r.int(6, 8),
    period: r.pick([30, 60, r.int(1, 86_400)]),
    counter: type === 'hotp' ? r.pick([0, r.int(0, 1_000_000), Number.MAX_SAFE_INTEGER - 1]) : 0,
  };
}

/** Adjust an account to what a Google Authenticator export can hold (no Steam, 6/8 digits, 30 s). */
function exportable(r: Prng, a: OtpAccountData): OtpAccountData {
  const type = a.type === 'steam' ? 'totp' : a.type;
  return { ...a, type, digits: r.pick([6, 8]), period: 30, counter: type === 'hotp' ? a.counter : 0 };
}

const FUZZ_PIECES = [
  '%', '%2', '%3A', '%3a', '%00', '%0A', '%FF', '%C3%A4', '%ED%A0%80', '%E2%82', '+', ' ', ':', '::', '/', '?', '&', '=', '#',
  'secret=', 'issuer=', 'digits=', 'period=', 'counter=', 'algorithm=', 'encoder=steam', 'otpauth://', 'totp', 'hotp', 'steam',
  '0', '5', '-1', '9999999999999999999', 'SHA256', 'MD5', 'JBSWY3DP', '\u0000', '\ud800', '😀', 'é',
];

function mutate(r: Prng, text: string): string {
  let s = text;
  const edits = r.int(1, 4);
  for (let i = 0; i < edits; i++) {
    const at = r.int(0, s.length);
    switch (r.int(0, 4)) {
      case 0: // delete a run
        s = s.slice(0, at) + s.slice(at + r.int(1, 6));
        break;
      case 1: // insert a meaningful piece
        s = s.slice(0, at) + r.pick(FUZZ_PIECES) + s.slice(at);
        break;
      case 2: // replace one character with a random code unit
        s = s.slice(0, at) + String.fromCharCode(r.int(0, 0xffff)) + s.slice(at + 1);
        break;
      case 3: // duplicate a slice
        s = s.slice(0, at) + s.slice(r.int(0, s.length)) + s.slice(at);
        break;
      default: // change case
        s = r.next() < 0.5 ? s.toUpperCase() : s.toLowerCase();
    }
  }
  return s;
}

function randomString(r: Prng): string {
  return String.fromCharCode(...Array.from({ length: r.int(0, 200) }, () => (r.next() < 0.7 ? r.int(0x20, 0x7e) : r.int(0, 0xffff))));
}

/** Whatever a parser accepts must be a usable, canonical account. */
function expectUsable(a: OtpAccountData): void {
  expect(parseOtpauthUri(formatOtpauthUri(a))).toEqual({ ok: true, value: a });
  const v = validateAccountInput({ ...a, tags: [] } satisfies AccountInput);
  if (!v.ok) throw new Error(`parser output failed validation: ${JSON.stringify(v.errors)} for ${JSON.stringify(a)}`);
  expect(v.value).toEqual({ ...a, tags: [] });
  const w = codeWindow(a, 1_700_000_000_000);
  expect(w.code).toHaveLength(a.digits);
}

describe('otpauth:// round trip', () => {
  it('parse(format(x)) equals x for 2000 random valid accounts', () => {
    const r = prng(20240601);
    for (let i = 0; i < 2000; i++) {
      const a = randomAccount(r);
      const uri = formatOtpauthUri(a);
      expect(parseOtpauthUri(uri), uri).toEqual({ ok: true, value: a });
    }
  });

  it('every random account is accepted unchanged by the validator', () => {
    const r = prng(77);
    for (let i = 0; i < 500; i++) {
      const a = randomAccount(r);
      expect(validateAccountInput({ ...a, tags: ['t'] })).toMatchObject({ ok: true, value: { ...a, tags: ['t'] } });
    }
  });
});

describe('otpauth:// parser under fuzzing', () => {
  it('never throws on mutated valid URIs, and what it accepts is usable', () => {
    const r = prng(0xf022);
    let accepted = 0;
    for (let i = 0; i < 4000; i++) {
      const uri = mutate(r, formatOtpauthUri(randomAccount(r)));
      let result: ReturnType<typeof parseOtpauthUri> | undefined;
      expect(() => (result = parseOtpauthUri(uri)), uri).not.toThrow();
      if (result!.ok) {
        accepted += 1;
        expectUsable(result!.value);
      } else {
        expect(['INVALID_URI', 'INVALID_SECRET']).toContain(result!.error.code);
        expect(result!.error.message.length).toBeGreaterThan(0);
      }
    }
    // The mutations must leave a fair share valid, or this test would only exercise error paths.
    expect(accepted).toBeGreaterThan(400);
    expect(accepted).toBeLessThan(3900);
  });

  it('never throws on random strings', () => {
    const r = prng(0xabc);
    for (let i = 0; i < 3000; i++) {
      const s = r.next() < 0.5 ? `otpauth://${randomString(r)}` : randomString(r);
      const result = parseOtpauthUri(s);
      if (result.ok) expectUsable(result.value);
    }
  });
});

describe('otpauth-migration:// under fuzzing', () => {
  const bytesToUri = (bytes: Uint8Array) => `otpauth-migration://offline?data=${encodeURIComponent(Buffer.from(bytes).toString('base64'))}`;

  it('never throws on random payload bytes', () => {
    const r = prng(0x90b);
    for (let i = 0; i < 3000; i++) {
      const result = parseMigrationUri(bytesToUri(r.bytes(r.int(0, 300))));
      if (result.ok) result.value.accounts.forEach(expectUsable);
      else expect(result.error.code).toBe('INVALID_URI');
    }
  });

  it('never throws on byte-level mutations of real exports, and what it accepts is usable', () => {
    const r = prng(0x3141);
    let accepted = 0;
    for (let i = 0; i < 1500; i++) {
      const accounts = Array.from({ length: r.int(1, 4) }, () => exportable(r, randomAccount(r)));
      const [uri] = formatMigrationUris(accounts, { batchId: 1 }).uris;
      const data = Buffer.from(decodeURIComponent(uri!.split('data=')[1]!), 'base64');
      for (let k = r.int(1, 3); k > 0; k--) {
        const at = r.int(0, data.length - 1);
        data[at] = r.next() < 0.5 ? r.int(0, 255) : data[at]! ^ (1 << r.int(0, 7));
      }
      const cut = r.next() < 0.2 ? data.subarray(0, r.int(0, data.length)) : data;
      const result = parseMigrationUri(bytesToUri(cut));
      if (result.ok) {
        accepted += 1;
        result.value.accounts.forEach(expectUsable);
        for (const s of result.value.skipped) expect(s.reason.length).toBeGreaterThan(0);
      } else {
        expect(result.error.code).toBe('INVALID_URI');
      }
    }
    expect(accepted).toBeGreaterThan(100);
  });

  it('never throws on mutated URI text or random strings', () => {
    const r = prng(0x5eed);
    const [uri] = formatMigrationUris([{ type: 'totp', issuer: 'A', label: 'b', secret: 'JBSWY3DPEHPK3PXP', algorithm: 'SHA1', digits: 6, period: 30, counter: 0 }], { batchId: 1 }).uris;
    for (let i = 0; i < 3000; i++) {
      const text = r.next() < 0.7 ? mutate(r, uri!) : `otpauth-migration://offline?data=${randomString(r)}`;
      const result = parseMigrationUri(text);
      if (result.ok) result.value.accounts.forEach(expectUsable);
      else expect(result.error.code).toBe('INVALID_URI');
    }
  });

  it('round-trips random exportable accounts through many batch sizes', () => {
    const r = prng(0xb47c);
    for (let round = 0; round < 30; round++) {
      const accounts = Array.from({ length: r.int(0, 40) }, () => exportable(r, randomAccount(r)));
      const maxPerQr = r.int(1, 12);
      const { uris, unsupported } = formatMigrationUris(accounts, { maxPerQr, batchId: round + 1 });
      expect(unsupported).toEqual([]);
      expect(uris).toHaveLength(Math.ceil(accounts.length / maxPerQr));
      const decoded = uris.map((u) => {
        const p = parseMigrationUri(u);
        if (!p.ok) throw new Error(p.error.message);
        return p.value;
      });
      expect(decoded.flatMap((b) => b.accounts)).toEqual(accounts);
      decoded.forEach((b, index) => expect(b).toMatchObject({ batchIndex: index, batchSize: uris.length, batchId: round + 1, version: 1 }));
    }
  });
});

describe('base32 and validation under fuzzing', () => {
  it('normalizeBase32 never throws and its output is canonical and stable', () => {
    const r = prng(32);
    for (let i = 0; i < 5000; i++) {
      const s = r.next() < 0.5 ? randomString(r) : mutate(r, bytesToBase32(r.bytes(r.int(1, 40))).toLowerCase());
      const result = normalizeBase32(s);
      if (result.ok) {
        expect(result.value).toMatch(/^[A-Z2-7]+$/);
        expect(normalizeBase32(result.value)).toEqual(result);
      } else {
        expect(result.error.code).toBe('INVALID_SECRET');
      }
    }
  });

  it('validateAccountInput never throws on random field values', () => {
    const r = prng(0x7a1);
    const values = [undefined, null, 0, -1, 1.5, 6, 30, Number.NaN, Infinity, '', ' ', 'x', 'SHA1', 'totp', 'steam', [], {}, ['a'], true];
    const keys: (keyof AccountInput)[] = ['type', 'issuer', 'label', 'secret', 'algorithm', 'digits', 'period', 'counter', 'tags'];
    for (let i = 0; i < 3000; i++) {
      const candidate: Record<string, unknown> = {};
      for (const key of keys) candidate[key] = r.next() < 0.3 ? randomString(r) : r.pick(values);
      const v = validateAccountInput(candidate as unknown as AccountInput);
      if (v.ok) expectUsable(v.value);
      else expect(Object.keys(v.errors).length).toBeGreaterThan(0);
    }
  });
});
