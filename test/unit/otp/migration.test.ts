import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/api/errors';
import { bytesToBase32 } from '../../../shared/otp/base32';
import {
  formatMigrationUris,
  migrationUnsupportedReason,
  parseMigrationUri,
  UNNAMED_LABEL,
  type MigrationBatch,
} from '../../../shared/otp/migration';
import type { OtpAccountData } from '../../../shared/otp/types';
import { prng, randomName, type Prng } from './support';

// ---- A tiny hand-written protobuf encoder, independent of protobufjs, to build test payloads ----
function varint(value: bigint): number[] {
  let v = BigInt.asUintN(64, value); // negative int64/int32 are 10-byte two's complement varints
  const out: number[] = [];
  do {
    let byte = Number(v & 0x7fn);
    v >>= 7n;
    if (v !== 0n) byte |= 0x80;
    out.push(byte);
  } while (v !== 0n);
  return out;
}
const utf8 = (s: string) => [...new TextEncoder().encode(s)];
const vField = (field: number, value: number | bigint) => [...varint(BigInt((field << 3) | 0)), ...varint(BigInt(value))];
const lField = (field: number, bytes: number[]) => [...varint(BigInt((field << 3) | 2)), ...varint(BigInt(bytes.length)), ...bytes];
const toUri = (bytes: number[]) => `otpauth-migration://offline?data=${encodeURIComponent(Buffer.from(bytes).toString('base64'))}`;

const HELLO_SECRET = [...utf8('Hello!'), 0xde, 0xad, 0xbe, 0xef]; // base32 JBSWY3DPEHPK3PXP

function batchOf(uri: string): MigrationBatch {
  const r = parseMigrationUri(uri);
  if (!r.ok) throw new Error(`expected ok: ${r.error.message}`);
  return r.value;
}

function failure(uri: string): string {
  const r = parseMigrationUri(uri);
  if (r.ok) throw new Error(`expected an error for ${uri.slice(0, 80)}`);
  expect(r.error.code).toBe('INVALID_URI');
  return r.error.message;
}

const example: OtpAccountData = {
  type: 'totp',
  issuer: 'Example',
  label: 'alice@google.com',
  secret: 'JBSWY3DPEHPK3PXP',
  algorithm: 'SHA1',
  digits: 6,
  period: 30,
  counter: 0,
};

describe('parseMigrationUri: published sample exports', () => {
  it('decodes the widely copied sample with algorithm/digits/type bytes', () => {
    // Bytes: 0a 31 <49-byte entry: secret, name, issuer, 20 01 (algorithm SHA1)> 28 01 30 02 10 01 18 01 20 00 28 <varint>.
    // The entry's length byte stops before "28 01 30 02", so digits and type land at the top level
    // (as batch_id = 1 and an unknown field 6) — the entry itself has no type and no digit count,
    // which read as TOTP and 6 digits. The last batch_id (a negative int32 varint) wins, per protobuf.
    const batch = batchOf(
      'otpauth-migration://offline?data=CjEKCkhlbGxvId6tvu8SGEV4YW1wbGU6YWxpY2VAZ29vZ2xlLmNvbRoHRXhhbXBsZSABKAEwAhABGAEgACjr4JKK%2Bf%2F%2F%2F%2F8B',
    );
    expect(batch).toEqual({
      accounts: [example],
      skipped: [],
      version: 1,
      batchSize: 1,
      batchIndex: 0,
      batchId: -1857769365,
    });
  });

  it('decodes the otpauth tool README sample (type only, no algorithm/digits)', () => {
    const batch = batchOf('otpauth-migration://offline?data=CjEKCkhlbGxvId6tvu8SGEV4YW1wbGU6YWxpY2VAZ29vZ2xlLmNvbRoHRXhhbXBsZTAC');
    expect(batch.accounts).toEqual([example]);
    expect(batch).toMatchObject({ version: 0, batchSize: 0, batchIndex: 0, batchId: 0 });
  });
});

describe('parseMigrationUri: hand-built payloads', () => {
  const entry = (fields: number[][]) => lField(1, fields.flat());

  it('maps every field and enum value', () => {
    const bytes = [
      ...entry([lField(1, HELLO_SECRET), lField(2, utf8('ACME:bob')), lField(3, utf8('ACME')), vField(4, 2), vField(5, 2), vField(6, 1), vField(7, 2n ** 40n + 5n)]),
      ...entry([lField(1, [1, 2, 3, 4, 5]), lField(2, utf8('carol')), vField(4, 3), vField(5, 1), vField(6, 2)]),
      ...entry([lField(1, [9, 9]), lField(2, utf8('Dave Inc: dave')), vField(6, 2)]),
      ...vField(2, 1),
      ...vField(3, 2),
      ...vField(4, 1),
      ...vField(5, 123456),
    ];
    expect(batchOf(toUri(bytes))).toEqual({
      accounts: [
        { type: 'hotp', issuer: 'ACME', label: 'bob', secret: 'JBSWY3DPEHPK3PXP', algorithm: 'SHA256', digits: 8, period: 30, counter: 2 ** 40 + 5 },
        { type: 'totp', issuer: '', label: 'carol', secret: bytesToBase32(Uint8Array.from([1, 2, 3, 4, 5])), algorithm: 'SHA512', digits: 6, period: 30, counter: 0 },
        { type: 'totp', issuer: 'Dave Inc', label: 'dave', secret: bytesToBase32(Uint8Array.from([9, 9])), algorithm: 'SHA1', digits: 6, period: 30, counter: 0 },
      ],
      skipped: [],
      version: 1,
      batchSize: 2,
      batchIndex: 1,
      batchId: 123456,
    });
  });

  it('ignores the counter of TOTP entries', () => {
    const batch = batchOf(toUri(entry([lField(1, HELLO_SECRET), lField(2, utf8('x')), vField(6, 2), vField(7, 99)])));
    expect(batch.accounts[0]?.counter).toBe(0);
  });

  it('strips the issuer prefix from the name, or uses it as issuer when the issuer field is empty', () => {
    const batch = batchOf(
      toUri([
        ...entry([lField(1, HELLO_SECRET), lField(2, utf8('Other:eve')), lField(3, utf8('Real')), vField(6, 2)]),
        ...entry([lField(1, HELLO_SECRET), lField(2, utf8('Prefix:frank')), vField(6, 2)]),
        ...entry([lField(1, HELLO_SECRET), lField(3, utf8('OnlyIssuer')), vField(6, 2)]),
        ...entry([lField(1, HELLO_SECRET), vField(6, 2)]),
      ]),
    );
    expect(batch.accounts.map((a) => [a.issuer, a.label])).toEqual([
      ['Real', 'eve'],
      ['Prefix', 'frank'],
      ['OnlyIssuer', 'OnlyIssuer'],
      ['', UNNAMED_LABEL],
    ]);
  });

  it('skips entries it cannot use, with reasons, and keeps the rest', () => {
    const ok = entry([lField(1, HELLO_SECRET), lField(2, utf8('good')), vField(6, 2)]);
    const batch = batchOf(
      toUri([
        ...entry([lField(1, HELLO_SECRET), lField(2, utf8('Old:md5')), vField(4, 4), vField(6, 2)]),
        ...ok,
        ...entry([lField(1, HELLO_SECRET), lField(2, utf8('alg9')), vField(4, 9), vField(6, 2)]),
        ...entry([lField(1, HELLO_SECRET), lField(2, utf8('digits3')), vField(5, 3), vField(6, 2)]),
        ...entry([lField(1, HELLO_SECRET), lField(2, utf8('type7')), vField(6, 7)]),
        ...entry([lField(1, HELLO_SECRET), lField(2, utf8('typeNeg')), vField(6, -1)]),
        ...entry([lField(2, utf8('nosecret')), vField(6, 2)]),
        ...entry([lField(1, new Array(641).fill(1)), lField(2, utf8('huge')), vField(6, 2)]),
        ...entry([lField(1, HELLO_SECRET), lField(2, utf8('negcounter')), vField(6, 1), vField(7, -1n)]),
        ...entry([lField(1, HELLO_SECRET), lField(2, utf8('bigcounter')), vField(6, 1), vField(7, 2n ** 53n)]),
        ...entry([lField(1, HELLO_SECRET), lField(2, utf8('ctl\u0007')), vField(6, 2)]),
        ...entry([lField(1, HELLO_SECRET), lField(2, utf8('n'.repeat(300))), vField(6, 2)]),
        ...entry([lField(1, HELLO_SECRET), lField(2, utf8('bell')), lField(3, utf8('Is\u0007suer')), vField(6, 2)]),
      ]),
    );
    expect(batch.accounts.map((a) => a.label)).toEqual(['good']);
    expect(batch.skipped).toEqual([
      { name: 'md5', issuer: 'Old', reason: 'MD5 is not supported (not a standard OTP algorithm)' },
      { name: 'alg9', issuer: '', reason: 'Unknown hash algorithm (9)' },
      { name: 'digits3', issuer: '', reason: 'Unknown digit count (3)' },
      { name: 'type7', issuer: '', reason: 'Unknown OTP type (7)' },
      { name: 'typeNeg', issuer: '', reason: 'Unknown OTP type (-1)' },
      { name: 'nosecret', issuer: '', reason: 'The entry has no secret' },
      { name: 'huge', issuer: '', reason: 'The secret is too long (641 bytes)' },
      { name: 'negcounter', issuer: '', reason: 'The counter is out of range (-1)' },
      { name: 'bigcounter', issuer: '', reason: 'The counter is out of range (9007199254740992)' },
      { name: 'ctl\ufffd', issuer: '', reason: 'Name contains control characters' },
      { name: `${'n'.repeat(255)}…`, issuer: '', reason: 'Name is too long: 300 characters (at most 256)' },
      { name: 'bell', issuer: 'Is\ufffdsuer', reason: 'Issuer contains control characters' },
    ]);
  });

  it('skips unknown fields of every wire type, at both levels', () => {
    const tag = (field: number, wire: number) => varint(BigInt((field << 3) | wire));
    const unknownFields = [
      ...vField(15, 12345), // varint
      ...tag(16, 1), 1, 2, 3, 4, 5, 6, 7, 8, // fixed64
      ...lField(17, [1, 2, 3]), // length-delimited
      ...tag(18, 5), 1, 2, 3, 4, // fixed32
      ...tag(19, 3), ...vField(1, 1), ...tag(19, 4), // group
    ];
    const batch = batchOf(toUri([...entry([lField(1, HELLO_SECRET), ...[unknownFields], lField(2, utf8('x')), vField(6, 2)]), ...unknownFields, ...vField(2, 1)]));
    expect(batch.accounts).toHaveLength(1);
    expect(batch.version).toBe(1);
  });

  it('returns an empty batch for an export without accounts', () => {
    expect(batchOf(toUri(vField(2, 1)))).toEqual({ accounts: [], skipped: [], version: 1, batchSize: 0, batchIndex: 0, batchId: 0 });
  });
});

describe('parseMigrationUri: how the data parameter arrives', () => {
  // The sample's base64 contains "+" and "/" and needs padding in the canonical form.
  const b64 = 'CjEKCkhlbGxvId6tvu8SGEV4YW1wbGU6YWxpY2VAZ29vZ2xlLmNvbRoHRXhhbXBsZSABKAEwAhABGAEgACjr4JKK+f////8B';

  it.each([
    ['percent-encoded', encodeURIComponent(b64)],
    ['raw + and /', b64],
    ['spaces instead of +', b64.replace(/\+/g, ' ')],
    ['%20 instead of +', b64.replace(/\+/g, '%20')],
    ['URL-safe alphabet', b64.replace(/\+/g, '-').replace(/\//g, '_')],
    ['with padding', `${b64}==`],
    ['with encoded padding', `${encodeURIComponent(b64)}%3D%3D`],
    ['wrapped over lines', `${b64.slice(0, 40)}%0A${b64.slice(40)}`],
  ])('%s', (_, data) => {
    expect(batchOf(`otpauth-migration://offline?data=${data}`).accounts).toEqual([example]);
  });

  it('accepts upper-case scheme/host, a slash before "?", other parameters, whitespace and a fragment', () => {
    expect(batchOf(`  OTPAUTH-MIGRATION://OFFLINE/?foo=bar&flag&DATA=${b64}#x \n`).accounts).toEqual([example]);
  });
});

describe('parseMigrationUri: bad input', () => {
  it.each([
    ['otpauth://totp/x?secret=JBSWY3DPEHPK3PXP', /single-account otpauth:\/\/ URI/],
    ['https://example.com/?data=CjEK', /Not a Google Authenticator export URI/],
    ['otpauth-migration://online?data=CjEK', /Not a Google Authenticator export URI/],
    ['otpauth-migration://offline', /Not a Google Authenticator export URI/],
    ['otpauth-migration://offline?foo=bar', /no data parameter/],
    ['otpauth-migration://offline?data=', /no data parameter/],
    ['otpauth-migration://offline?data=CjEK&data=CjEK', /data parameter more than once/],
    ['otpauth-migration://offline?data=%E0%A4%A', /malformed percent-encoding/],
    ['otpauth-migration://offline?data=CjE*', /not valid base64: base64 text contains the character "\*"/],
    ['otpauth-migration://offline?data=Cj=EKA', /not valid base64: base64 text contains "=" before its end/],
    ['otpauth-migration://offline?data=CjEKC', /not valid base64: base64 text has an impossible length \(5\)/],
  ])('%s', (uri, message) => {
    expect(failure(uri)).toMatch(message);
  });

  it('reports truncated protobuf as damaged', () => {
    const full = [...lField(1, [...lField(1, HELLO_SECRET), ...lField(2, utf8('name')), ...vField(6, 2)]), ...vField(2, 1)];
    for (let cut = 1; cut < full.length - 2; cut++) {
      const message = failure(toUri(full.slice(0, cut)));
      expect(message).toMatch(/^The export data is damaged or not a Google Authenticator export \(.+\)$/);
    }
  });

  it('reports wrong wire types and bad tags as damaged', () => {
    expect(failure(toUri(vField(1, 5)))).toMatch(/field otp_parameters has wire type 0, expected 2/);
    expect(failure(toUri(lField(2, [1])))).toMatch(/field version has wire type 2, expected 0/);
    expect(failure(toUri(lField(1, vField(1, 3))))).toMatch(/field secret has wire type 0/);
    expect(failure(toUri(lField(1, lField(7, [1]))))).toMatch(/field counter has wire type 2/);
    expect(failure(toUri([0, 0]))).toMatch(/field number 0/);
    expect(failure(toUri(lField(1, [0, 0])))).toMatch(/field number 0/);
    expect(failure(toUri([...varint(BigInt((19 << 3) | 3)), ...varint(BigInt((20 << 3) | 4))]))).toMatch(/invalid end group tag/);
    expect(failure(toUri(varint(BigInt((19 << 3) | 4))))).toMatch(/invalid wire type 4/);
    expect(failure(toUri([(3 << 3) | 7, 0]))).toMatch(/damaged/); // wire type 7 does not exist
    // An inner field that runs past the end of its entry.
    expect(failure(toUri([...lField(1, [...lField(1, [1, 2]).slice(0, 2)]), ...lField(2, [1, 2, 3])]))).toMatch(/overruns its length/);
  });

  it('reports bytes that are not protobuf at all as damaged', () => {
    expect(failure(toUri(utf8('hello, this is not protobuf at all')))).toMatch(/damaged/);
  });

  it('rejects URIs over 64 KiB before decoding', () => {
    expect(failure(`otpauth-migration://offline?data=${'A'.repeat(64 * 1024)}`)).toMatch(/too long/);
  });

  it('rejects non-string input without throwing', () => {
    expect(parseMigrationUri(undefined as unknown as string)).toMatchObject({ ok: false, error: { code: 'INVALID_URI' } });
  });
});

function randomAccount(r: Prng): OtpAccountData {
  const type = r.pick(['totp', 'hotp'] as const);
  const issuer = r.next() < 0.3 ? '' : randomName(r);
  return {
    type,
    issuer,
    label: randomName(r),
    secret: bytesToBase32(r.bytes(r.int(1, 64))),
    algorithm: r.pick(['SHA1', 'SHA256', 'SHA512'] as const),
    digits: r.pick([6, 8]),
    period: 30,
    counter: type === 'hotp' ? r.pick([0, 1, r.int(0, 2 ** 31), Number.MAX_SAFE_INTEGER]) : 0,
  };
}

describe('formatMigrationUris', () => {
  it('encodes one account exactly as Google Authenticator lays it out', () => {
    const { uris, unsupported } = formatMigrationUris([example], { batchId: 1 });
    expect(unsupported).toEqual([]);
    const expected = [
      ...lField(1, [...lField(1, HELLO_SECRET), ...lField(2, utf8('Example:alice@google.com')), ...lField(3, utf8('Example')), ...vField(4, 1), ...vField(5, 1), ...vField(6, 2)]),
      ...vField(2, 1),
      ...vField(3, 1),
      ...vField(5, 1),
    ];
    expect(uris).toEqual([toUri(expected)]);
    expect(uris[0]).toMatch(/^otpauth-migration:\/\/offline\?data=[A-Za-z0-9%]+$/);
  });

  it('round-trips random accounts, including labels with colons and empty issuers', () => {
    const r = prng(0x6a);
    for (let round = 0; round < 40; round++) {
      const accounts = Array.from({ length: r.int(1, 10) }, () => randomAccount(r));
      const { uris, unsupported } = formatMigrationUris(accounts, { maxPerQr: 10, batchId: r.int(-(2 ** 31), 2 ** 31 - 1) });
      expect(unsupported).toEqual([]);
      expect(uris).toHaveLength(1);
      expect(batchOf(uris[0]!).accounts).toEqual(accounts);
    }
  });

  it('splits 25 accounts into 3 QR codes of one batch', () => {
    const r = prng(25);
    const accounts = Array.from({ length: 25 }, () => randomAccount(r));
    const { uris } = formatMigrationUris(accounts, { batchId: 4242 });
    expect(uris).toHaveLength(3);
    const batches = uris.map(batchOf);
    expect(batches.map((b) => [b.version, b.batchSize, b.batchIndex, b.batchId])).toEqual([
      [1, 3, 0, 4242],
      [1, 3, 1, 4242],
      [1, 3, 2, 4242],
    ]);
    expect(batches.map((b) => b.accounts.length)).toEqual([10, 10, 5]);
    expect(batches.flatMap((b) => b.accounts)).toEqual(accounts);
  });

  it('honours maxPerQr', () => {
    const r = prng(3);
    const accounts = Array.from({ length: 7 }, () => randomAccount(r));
    expect(formatMigrationUris(accounts, { maxPerQr: 3, batchId: 1 }).uris).toHaveLength(3);
    expect(formatMigrationUris(accounts, { maxPerQr: 1, batchId: 1 }).uris).toHaveLength(7);
  });

  it('chooses a random positive batch id by default, shared by all codes', () => {
    const r = prng(4);
    const accounts = Array.from({ length: 12 }, () => randomAccount(r));
    const ids = new Set<number>();
    for (let i = 0; i < 5; i++) {
      const batches = formatMigrationUris(accounts).uris.map(batchOf);
      expect(new Set(batches.map((b) => b.batchId)).size).toBe(1);
      const id = batches[0]!.batchId;
      expect(Number.isInteger(id) && id > 0 && id <= 0x7fffffff).toBe(true);
      ids.add(id);
    }
    expect(ids.size).toBeGreaterThan(1);
  });

  it('returns accounts the format cannot hold in `unsupported`, and exports the rest', () => {
    const steam: OtpAccountData = { ...example, type: 'steam', digits: 5, label: 'steam' };
    const sevenDigits: OtpAccountData = { ...example, digits: 7, label: 'seven' };
    const minute: OtpAccountData = { ...example, period: 60, label: 'minute' };
    const badSecret: OtpAccountData = { ...example, secret: '0000', label: 'bad' };
    const hotpMinute: OtpAccountData = { ...example, type: 'hotp', period: 60, counter: 3, label: 'hotp' };
    const { uris, unsupported } = formatMigrationUris([steam, example, sevenDigits, minute, badSecret, hotpMinute], { batchId: 9 });
    expect(unsupported).toEqual([steam, sevenDigits, minute, badSecret]);
    expect(batchOf(uris[0]!).accounts).toEqual([example, { ...hotpMinute, period: 30 }]);
  });

  it('explains why an account is unsupported', () => {
    expect(migrationUnsupportedReason(example)).toBeNull();
    expect(migrationUnsupportedReason({ ...example, type: 'steam', digits: 5 })).toMatch(/Steam/);
    expect(migrationUnsupportedReason({ ...example, digits: 7 })).toMatch(/only 6 or 8 digits, not 7/);
    expect(migrationUnsupportedReason({ ...example, period: 60 })).toMatch(/only a 30-second period, not 60/);
    expect(migrationUnsupportedReason({ ...example, secret: '' })).toMatch(/not valid base32/);
    expect(migrationUnsupportedReason({ ...example, type: 'motp' as 'totp' })).toMatch(/Unknown OTP type "motp"/);
    expect(migrationUnsupportedReason({ ...example, algorithm: 'MD5' as 'SHA1' })).toMatch(/Unknown algorithm "MD5"/);
    expect(migrationUnsupportedReason({ ...example, type: 'hotp', counter: -1 })).toMatch(/Invalid counter -1/);
  });

  it('returns no URIs for no accounts', () => {
    expect(formatMigrationUris([], { batchId: 1 })).toEqual({ uris: [], unsupported: [] });
  });

  it('throws AppError INVALID_ARGUMENT for bad options', () => {
    for (const options of [{ maxPerQr: 0 }, { maxPerQr: 1.5 }, { maxPerQr: -1 }, { batchId: 2 ** 31 }, { batchId: 0.5 }]) {
      expect(() => formatMigrationUris([example], options)).toThrow(AppError);
    }
    expect(formatMigrationUris([example], { batchId: -(2 ** 31) }).uris).toHaveLength(1);
  });
});
