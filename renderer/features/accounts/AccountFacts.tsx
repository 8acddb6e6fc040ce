// How an account's type, parameters and secret strength read wherever accounts are listed before or after
// import (the list, the URI preview, the QR scan preview), so the wording is the same everywhere.
import type { HashAlgorithm, OtpType } from '../../../shared/otp/types';
import { RECOMMENDED_MIN_SECRET_BITS } from '../../../shared/otp/types';
import { Icon } from '../../components/Icon';

export const TYPE_LABEL: Record<OtpType, string> = { totp: 'TOTP', hotp: 'HOTP', steam: 'Steam' };

/** "SHA1 · 6 digits · 30 s" (TOTP/Steam) or "SHA1 · 6 digits · counter 4" (HOTP). */
export function parametersText(a: { type: OtpType; algorithm: HashAlgorithm; digits: number; period: number; counter: number }): string {
  return `${a.algorithm} · ${a.digits} digits · ${a.type === 'hotp' ? `counter ${a.counter}` : `${a.period} s`}`;
}

/** A warning next to the name when the secret is shorter than recommended; nothing otherwise. */
export function ShortSecretWarning({ bits }: { bits: number }) {
  if (bits >= RECOMMENDED_MIN_SECRET_BITS) return null;
  return (
    <span className="preview-warning" title="Short secret">
      {' '}
      <Icon name="warning" size={12} /> {bits}-bit secret
    </span>
  );
}
