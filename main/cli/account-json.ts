// One account with its secret as a JSON line: what `scan --json` and `accounts import --json` print, in
// one field order, so scripts can read either with the same code.
import type { OtpAccountData } from '../../shared/otp/types';

export function accountJsonLine<E extends Record<string, unknown>>(a: OtpAccountData, extra: E) {
  return {
    type: a.type,
    issuer: a.issuer,
    label: a.label,
    secret: a.secret,
    algorithm: a.algorithm,
    digits: a.digits,
    period: a.period,
    counter: a.counter,
    ...extra,
  };
}
