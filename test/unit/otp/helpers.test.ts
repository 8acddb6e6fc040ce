// The small building blocks: label splitting, range checks, base64 and the protobuf codec.
import { describe, expect, it } from 'vitest';
import { decodeBase64Lenient, encodeBase64 } from '../../../shared/otp/base64';
import { splitLabel } from '../../../shared/otp/label';
import { decodeMigrationPayload, encodeMigrationPayload, type MigrationPayloadMessage } from '../../../shared/otp/migration-proto';
import { counterError, digitsError, parseAlgorithmName, parseDecimal, periodError, textError } from '../../../shared/otp/params';
import { prng } from './support';

describe('splitLabel', () => {
  it.each([
    ['alice', undefined, '', 'alice'],
    ['ACME:alice', undefined, 'ACME', 'alice'],
    [' ACME : alice ', undefined, 'ACME', 'alice'],
    [':alice', undefined, '', 'alice'],
    ['a:b:c', undefined, 'a', 'b:c'],
    ['ACME:alice', 'ACME', 'ACME', 'alice'],
    ['Old:alice', 'New', 'New', 'alice'],
    ['alice', 'New', 'New', 'alice'],
    ['a:b:c', 'a:b', 'a:b', 'c'],
    ['user:admin', '', '', 'user:admin'],
    ['x', '  ACME ', 'ACME', 'x'],
  ] as const)('%j with issuer %j → %j / %j', (label, issuer, expectedIssuer, expectedLabel) => {
    expect(splitLabel(label, issuer)).toEqual({ issuer: expectedIssuer, label: expectedLabel });
  });
});

describe('range checks', () => {
  it('digits', () => {
    expect(digitsError('totp', 6)).toBeNull();
    expect(digitsError('hotp', 8)).toBeNull();
    expect(digitsError('totp', '6')).not.toBeNull();
    expect(digitsError('steam', 5)).toBeNull();
    expect(digitsError('steam', 6)).toBe('Steam Guard codes always have 5 characters');
  });

  it('period and counter', () => {
    expect(periodError(1)).toBeNull();
    expect(periodError('30')).not.toBeNull();
    expect(counterError(0)).toBeNull();
    expect(counterError(Number.MAX_SAFE_INTEGER)).toBeNull();
    expect(counterError(Number.MAX_SAFE_INTEGER + 1)).not.toBeNull();
    expect(counterError(-0.5)).not.toBeNull();
  });

  it('text', () => {
    expect(textError('Label', 'Büro 😀 東京')).toBeNull();
    expect(textError('Label', 'tab\there')).toBe('Label contains control characters');
    expect(textError('Label', '\u009f')).toBe('Label contains control characters');
    expect(textError('Label', '\ud83d')).toBe('Label contains control characters');
  });

  it.each([
    ['SHA1', 'SHA1'],
    [' sha256 ', 'SHA256'],
    ['SHA-512', 'SHA512'],
    ['MD5', undefined],
    ['SHA-3-256', undefined],
    ['', undefined],
  ])('parseAlgorithmName(%j) = %s', (text, expected) => {
    expect(parseAlgorithmName(text)).toBe(expected);
  });

  it.each([
    ['42', 42],
    [' 7 ', 7],
    ['0', 0],
    ['007', 7],
    ['9007199254740991', Number.MAX_SAFE_INTEGER],
    ['9007199254740992', undefined],
    ['12345678901234567', undefined],
    ['+1', undefined],
    ['-1', undefined],
    ['1e3', undefined],
    ['1.0', undefined],
    ['0x10', undefined],
    ['', undefined],
  ])('parseDecimal(%j) = %s', (text, expected) => {
    expect(parseDecimal(text)).toBe(expected);
  });
});

describe('base64', () => {
  it('round-trips random bytes and matches Node', () => {
    const r = prng(64);
    for (let i = 0; i < 300; i++) {
      const bytes = r.bytes(r.int(0, 100));
      const text = encodeBase64(bytes);
      expect(text).toBe(Buffer.from(bytes).toString('base64'));
      expect(decodeBase64Lenient(text)).toEqual({ ok: true, bytes });
      expect(decodeBase64Lenient(Buffer.from(bytes).toString('base64url'))).toEqual({ ok: true, bytes });
    }
  });

  it('explains what is wrong', () => {
    expect(decodeBase64Lenient('AAAAA')).toEqual({ ok: false, message: 'base64 text has an impossible length (5)' });
    expect(decodeBase64Lenient('AA.A')).toEqual({ ok: false, message: 'base64 text contains the character "."' });
    expect(decodeBase64Lenient('A=AA')).toEqual({ ok: false, message: 'base64 text contains "=" before its end' });
  });
});

describe('migration protobuf codec', () => {
  it('round-trips a payload, including 64-bit counters beyond 2^53 and zero defaults', () => {
    const payload: MigrationPayloadMessage = {
      otpParameters: [
        { secret: Uint8Array.from([1, 2, 3]), name: 'n', issuer: 'i', algorithm: 2, digits: 2, type: 1, counter: 2n ** 60n + 3n },
        { secret: new Uint8Array(0), name: '', issuer: '', algorithm: 0, digits: 0, type: 0, counter: 0n },
        { secret: Uint8Array.from([9]), name: 'ü', issuer: '', algorithm: 4, digits: 1, type: 2, counter: -5n },
      ],
      version: 1,
      batchSize: 3,
      batchIndex: 2,
      batchId: -2147483648,
    };
    const bytes = encodeMigrationPayload(payload);
    expect(Object.getPrototypeOf(bytes)).toBe(Uint8Array.prototype); // not a Node Buffer
    expect(decodeMigrationPayload(bytes)).toEqual(payload);
  });

  it('encodes an all-default payload as no bytes at all', () => {
    const empty: MigrationPayloadMessage = { otpParameters: [], version: 0, batchSize: 0, batchIndex: 0, batchId: 0 };
    expect(encodeMigrationPayload(empty)).toEqual(new Uint8Array(0));
    expect(decodeMigrationPayload(new Uint8Array(0))).toEqual(empty);
  });

  it('returns secrets that do not alias the input buffer', () => {
    const bytes = encodeMigrationPayload({
      otpParameters: [{ secret: Uint8Array.from([7, 7]), name: 'x', issuer: '', algorithm: 1, digits: 1, type: 2, counter: 0n }],
      version: 1,
      batchSize: 1,
      batchIndex: 0,
      batchId: 1,
    });
    const decoded = decodeMigrationPayload(bytes);
    bytes.fill(0);
    expect(decoded.otpParameters[0]?.secret).toEqual(Uint8Array.from([7, 7]));
  });

  it('reports an entry whose fields overrun its length', () => {
    // Entry of length 2 holding a secret field that claims 2 bytes: the field reads past the entry.
    expect(() => decodeMigrationPayload(Uint8Array.from([0x0a, 0x02, 0x0a, 0x02, 0x10, 0x01]))).toThrow(/overruns its length/);
    expect(() => decodeMigrationPayload(Uint8Array.from([0x0a, 0x05, 0x0a]))).toThrow(/cut off/);
  });
});
