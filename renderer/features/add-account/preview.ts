// What a pasted URI would import, computed locally with the same parsers main uses, so the user
// sees issuer/label/parameters (never the secret) before anything is stored.
import type { OtpAccountData } from '../../../shared/otp/types';
import { parseMigrationUri } from '../../../shared/otp/migration';
import { parseOtpauthUri } from '../../../shared/otp/otpauth-uri';
import { detectUriKind, firstUri } from './uri-kind';

export type PreviewAccount = Omit<OtpAccountData, 'secret'> & { secretBits: number };

export type UriPreview =
  | { kind: 'empty' }
  | { kind: 'error'; message: string }
  | {
      kind: 'accounts';
      source: 'otpauth' | 'migration';
      accounts: PreviewAccount[];
      /** Migration entries that cannot be imported, with the reason. */
      skipped: { name: string; reason: string }[];
      /** Migration: this QR code's place in a multi-QR export. */
      batch?: { index: number; size: number };
    };

/** Secrets are normalised base32: 5 bits per character. */
function withoutSecret({ secret, ...rest }: OtpAccountData): PreviewAccount {
  return { ...rest, secretBits: secret.length * 5 };
}

export function previewUri(text: string): UriPreview {
  const uri = firstUri(text);
  switch (detectUriKind(uri)) {
    case 'empty':
      return { kind: 'empty' };
    case 'unknown':
      return { kind: 'error', message: 'Paste a link that starts with otpauth:// or otpauth-migration://' };
    case 'migration': {
      const result = parseMigrationUri(uri);
      if (!result.ok) return { kind: 'error', message: result.error.message };
      const { accounts, skipped, batchIndex, batchSize } = result.value;
      return {
        kind: 'accounts',
        source: 'migration',
        accounts: accounts.map(withoutSecret),
        skipped: skipped.map((s) => ({ name: s.issuer ? `${s.issuer}: ${s.name}` : s.name, reason: s.reason })),
        ...(batchSize > 1 ? { batch: { index: batchIndex, size: batchSize } } : {}),
      };
    }
    case 'otpauth': {
      const result = parseOtpauthUri(uri);
      return result.ok
        ? { kind: 'accounts', source: 'otpauth', accounts: [withoutSecret(result.value)], skipped: [] }
        : { kind: 'error', message: result.error.message };
    }
  }
}
