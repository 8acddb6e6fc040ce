import { generateSync, createGuardrails } from 'otplib';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/api/errors';
import { bytesToBase32 } from '../../../shared/otp/base32';
import { codeWindow, hotpCode, steamCode, STEAM_ALPHABET, totpCode } from '../../../shared/otp/generate';
import { MAX_SECRET_BYTES, MAX_SECRET_INPUT_LENGTH, type HashAlgorithm, type OtpParams } from '../../../shared/otp/types';
import { prng, refHotp, refSteam, refTotp } from './support';

const ascii = (s: string) => new TextEncoder().encode(s);
/** RFC 6238 Appendix B seeds: "1234567890" repeated to the hash's block-ish length. */
const SEEDS: Record<HashAlgorithm, string> = {
  SHA1: bytesToBase32(ascii('12345678901234567890')),
  SHA256: bytesToBase32(ascii('12345678901234567890123456789012')),
  SHA512: bytesToBase32(ascii('1234567890123456789012345678901234567890123456789012345678901234')),
};

function appErrorOf(fn: () => unknown): AppError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    return e as AppError;
  }
  throw new Error('expected an AppError');
}

describe('hotpCode (RFC 4226 Appendix D)', () => {
  const expected = ['755224', '287082', '359152', '969429', '338314', '254676', '287922', '162583', '399871', '520489'];
  it.each(expected.map((code, counter) => [counter, code] as const))('counter %i → %s', (counter, code) => {
    expect(hotpCode(SEEDS.SHA1, counter, 'SHA1', 6)).toBe(code);
  });

  it('accepts the secret in any base32 spelling', () => {
    const spaced = SEEDS.SHA1.toLowerCase().replace(/(.{4})/g, '$1 ');
    expect(hotpCode(spaced, 1, 'SHA1', 6)).toBe('287082');
  });

  it('handles counters beyond 2^32 and up to 2^53 − 1', () => {
    const key = ascii('12345678901234567890');
    for (const counter of [2 ** 32, 2 ** 32 + 1, 2 ** 40 + 12345, Number.MAX_SAFE_INTEGER]) {
      expect(hotpCode(SEEDS.SHA1, counter, 'SHA1', 8)).toBe(refHotp(key, BigInt(counter), 'SHA1', 8));
    }
  });

  it('rejects bad arguments with AppError', () => {
    expect(appErrorOf(() => hotpCode(SEEDS.SHA1, -1, 'SHA1', 6)).code).toBe('INVALID_ARGUMENT');
    expect(appErrorOf(() => hotpCode(SEEDS.SHA1, 1.5, 'SHA1', 6)).code).toBe('INVALID_ARGUMENT');
    expect(appErrorOf(() => hotpCode(SEEDS.SHA1, 2 ** 53, 'SHA1', 6)).code).toBe('INVALID_ARGUMENT');
    expect(appErrorOf(() => hotpCode(SEEDS.SHA1, 0, 'SHA1', 5)).message).toMatch(/Digits must be/);
    expect(appErrorOf(() => hotpCode(SEEDS.SHA1, 0, 'SHA1', 9)).code).toBe('INVALID_ARGUMENT');
    expect(appErrorOf(() => hotpCode(SEEDS.SHA1, 0, 'MD5' as HashAlgorithm, 6)).message).toMatch(/Unsupported hash algorithm "MD5"/);
    expect(appErrorOf(() => hotpCode(SEEDS.SHA1, 0, 'toString' as HashAlgorithm, 6)).code).toBe('INVALID_ARGUMENT');
    const bad = appErrorOf(() => hotpCode('NOT-BASE32-1', 0, 'SHA1', 6));
    expect(bad.code).toBe('INVALID_SECRET');
    expect(bad.message).toMatch(/"1" at position 12/);
  });
});

describe('totpCode (RFC 6238 Appendix B)', () => {
  const table: [number, string, string, string][] = [
    [59, '94287082', '46119246', '90693936'],
    [1111111109, '07081804', '68084774', '25091201'],
    [1111111111, '14050471', '67062674', '99943326'],
    [1234567890, '89005924', '91819424', '93441116'],
    [2000000000, '69279037', '90698825', '38618901'],
    [20000000000, '65353130', '77737706', '47863826'],
  ];
  for (const [seconds, sha1, sha256, sha512] of table) {
    it(`T = ${seconds}`, () => {
      expect(totpCode(SEEDS.SHA1, seconds * 1000, 30, 'SHA1', 8)).toBe(sha1);
      expect(totpCode(SEEDS.SHA256, seconds * 1000, 30, 'SHA256', 8)).toBe(sha256);
      expect(totpCode(SEEDS.SHA512, seconds * 1000, 30, 'SHA512', 8)).toBe(sha512);
    });
  }

  it('uses floor(seconds / period): the code changes exactly at the window boundary', () => {
    const before = totpCode(SEEDS.SHA1, 59_999, 30, 'SHA1', 8);
    const at = totpCode(SEEDS.SHA1, 60_000, 30, 'SHA1', 8);
    expect(before).toBe('94287082');
    expect(at).not.toBe(before);
    expect(at).toBe(hotpCode(SEEDS.SHA1, 2, 'SHA1', 8));
    // Fractional milliseconds do not move the boundary.
    expect(totpCode(SEEDS.SHA1, 59_999.999, 30, 'SHA1', 8)).toBe(before);
  });

  it('works with unusual periods up to one day', () => {
    const key = ascii('12345678901234567890');
    for (const period of [1, 7, 45, 60, 3600, 86_400]) {
      expect(totpCode(SEEDS.SHA1, 1_700_000_123_456, period, 'SHA1', 6)).toBe(refTotp(key, 1_700_000_123, period, 'SHA1', 6));
    }
  });

  it('rejects bad times, periods and digits', () => {
    expect(appErrorOf(() => totpCode(SEEDS.SHA1, -1, 30, 'SHA1', 6)).message).toMatch(/non-negative/);
    expect(appErrorOf(() => totpCode(SEEDS.SHA1, Number.NaN, 30, 'SHA1', 6)).code).toBe('INVALID_ARGUMENT');
    expect(appErrorOf(() => totpCode(SEEDS.SHA1, Number.POSITIVE_INFINITY, 30, 'SHA1', 6)).code).toBe('INVALID_ARGUMENT');
    expect(appErrorOf(() => totpCode(SEEDS.SHA1, 0, 0, 'SHA1', 6)).message).toMatch(/Period must be/);
    expect(appErrorOf(() => totpCode(SEEDS.SHA1, 0, 86_401, 'SHA1', 6)).code).toBe('INVALID_ARGUMENT');
    expect(appErrorOf(() => totpCode(SEEDS.SHA1, 0, 30.5, 'SHA1', 6)).code).toBe('INVALID_ARGUMENT');
    expect(appErrorOf(() => totpCode(SEEDS.SHA1, 0, 30, 'SHA1', 10)).code).toBe('INVALID_ARGUMENT');
  });

  it('accepts the longest secret the input limit allows (1024 base32 characters = MAX_SECRET_BYTES)', () => {
    const key = Uint8Array.from({ length: MAX_SECRET_BYTES }, (_, i) => (i * 37) & 0xff);
    const secret = bytesToBase32(key);
    expect(secret).toHaveLength(MAX_SECRET_INPUT_LENGTH);
    expect(totpCode(secret, 59_000, 30, 'SHA512', 8)).toBe(refTotp(key, 59, 30, 'SHA512', 8));
  });

  it('accepts short secrets that real services issue (10 bytes) and even 1 byte', () => {
    expect(totpCode('JBSWY3DPEHPK3PXP', 59_000, 30, 'SHA1', 6)).toBe(refTotp(Uint8Array.from([...ascii('Hello!'), 0xde, 0xad, 0xbe, 0xef]), 59, 30, 'SHA1', 6));
    const one = new Uint8Array([0x42]);
    expect(totpCode(bytesToBase32(one), 59_000, 30, 'SHA1', 6)).toBe(refTotp(one, 59, 30, 'SHA1', 6));
  });

  it('agrees with otplib TOTP and an independent node:crypto implementation for random inputs', () => {
    const r = prng(6238);
    // otplib's own TOTP (its time-step arithmetic, not ours), with limits relaxed to our input range.
    const guardrails = createGuardrails({ MIN_SECRET_BYTES: 1, MAX_SECRET_BYTES: 1024, MAX_PERIOD: 86_400 });
    const algorithms: HashAlgorithm[] = ['SHA1', 'SHA256', 'SHA512'];
    for (let i = 0; i < 300; i++) {
      const key = r.bytes(r.int(1, 100));
      const seconds = r.int(0, 2 ** 36); // beyond 2^32 seconds, too
      const period = r.pick([15, 30, 60, r.int(1, 86_400)]);
      const algorithm = r.pick(algorithms);
      const digits = r.int(6, 8);
      const code = totpCode(bytesToBase32(key), seconds * 1000 + r.int(0, 999), period, algorithm, digits);
      expect(code).toBe(refTotp(key, seconds, period, algorithm, digits));
      const viaOtplibTotp = generateSync({
        strategy: 'totp',
        secret: key,
        epoch: seconds,
        period,
        algorithm: algorithm.toLowerCase() as 'sha1' | 'sha256' | 'sha512',
        digits,
        guardrails,
      });
      expect(code).toBe(viaOtplibTotp);
    }
  });
});

describe('steamCode', () => {
  it('matches published vectors (KeePassXC test suite)', () => {
    expect(steamCode('63BEDWCQZKTQWPESARIERL5DTTQFCJTK', 1511200518 * 1000)).toBe('FR8RV');
    expect(steamCode('63BEDWCQZKTQWPESARIERL5DTTQFCJTK', 1511200714 * 1000)).toBe('9P3VP');
  });

  it('matches an all-zero 20-byte secret at steps 0 and 1', () => {
    const zero = bytesToBase32(new Uint8Array(20));
    expect(steamCode(zero, 0)).toBe('RYH4D');
    expect(steamCode(zero, 30_000)).toBe('DR2DK');
  });

  it('agrees with an independent node:crypto implementation', () => {
    const r = prng(0x57ea);
    for (let i = 0; i < 200; i++) {
      const key = r.bytes(r.pick([10, 20, r.int(1, 64)]));
      const seconds = r.int(0, 2 ** 35);
      const code = steamCode(bytesToBase32(key), seconds * 1000);
      expect(code).toBe(refSteam(key, seconds));
      expect(code).toMatch(new RegExp(`^[${STEAM_ALPHABET}]{5}$`));
    }
  });

  it('honours a non-default period', () => {
    const key = new Uint8Array(20).fill(7);
    expect(steamCode(bytesToBase32(key), 1_000_000_000, 60)).toBe(refSteam(key, 1_000_000, 60));
  });
});

describe('codeWindow', () => {
  const base = { secret: SEEDS.SHA1, algorithm: 'SHA1' as const, digits: 8, period: 30, counter: 0 };

  it('TOTP: current and next code with the window in Unix ms', () => {
    const w = codeWindow({ ...base, type: 'totp' }, 59_000);
    expect(w).toEqual({ code: '94287082', next: totpCode(SEEDS.SHA1, 60_000, 30, 'SHA1', 8), validFrom: 30_000, validUntil: 60_000 });
  });

  it('TOTP far in the future (T = 20000000000)', () => {
    const w = codeWindow({ ...base, type: 'totp' }, 20_000_000_000_000);
    expect(w.code).toBe('65353130');
    expect(w.validFrom).toBe(19_999_999_980_000);
    expect(w.validUntil).toBe(20_000_000_010_000);
  });

  it('Steam: 5 characters, windows like TOTP', () => {
    const steam: OtpParams & { secret: string } = { ...base, type: 'steam', digits: 5, secret: '63BEDWCQZKTQWPESARIERL5DTTQFCJTK' };
    const w = codeWindow(steam, 1511200518 * 1000);
    expect(w.code).toBe('FR8RV');
    expect(w.next).toBe(steamCode(steam.secret, (1511200518 + 30) * 1000));
    expect(w.validFrom).toBe(Math.floor(1511200518 / 30) * 30_000);
    expect(w.validUntil).toBe(w.validFrom! + 30_000);
  });

  it('HOTP: code at counter, next at counter + 1, no window', () => {
    const w = codeWindow({ ...base, type: 'hotp', digits: 6, counter: 4 }, 123);
    expect(w).toEqual({ code: '338314', next: '254676', validFrom: null, validUntil: null });
  });

  it('HOTP: rejects a counter whose successor is not a safe integer', () => {
    expect(appErrorOf(() => codeWindow({ ...base, type: 'hotp', counter: Number.MAX_SAFE_INTEGER }, 0)).code).toBe('INVALID_ARGUMENT');
    expect(appErrorOf(() => codeWindow({ ...base, type: 'hotp', counter: -1 }, 0)).code).toBe('INVALID_ARGUMENT');
    expect(appErrorOf(() => codeWindow({ ...base, type: 'hotp', digits: 4 }, 0)).code).toBe('INVALID_ARGUMENT');
  });

  it('rejects bad parameters and unknown types', () => {
    expect(appErrorOf(() => codeWindow({ ...base, type: 'totp', digits: 9 }, 0)).code).toBe('INVALID_ARGUMENT');
    expect(appErrorOf(() => codeWindow({ ...base, type: 'totp', period: 0 }, 0)).code).toBe('INVALID_ARGUMENT');
    expect(appErrorOf(() => codeWindow({ ...base, type: 'steam', period: -30 }, 0)).code).toBe('INVALID_ARGUMENT');
    expect(appErrorOf(() => codeWindow({ ...base, type: 'totp', secret: '' }, 0)).code).toBe('INVALID_SECRET');
    expect(appErrorOf(() => codeWindow({ ...base, type: 'motp' as 'totp' }, 0)).message).toMatch(/Unknown OTP type "motp"/);
  });
});
