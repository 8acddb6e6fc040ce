// The non-secret part of an account as stored in accounts.json. Validated on every load, because the
// file may have been edited by hand, truncated by a crash of an older version, or written by the CLI.
import { z } from 'zod';
import type { AccountView } from '../../shared/api/types';
import { HASH_ALGORITHMS, OTP_TYPES } from '../../shared/otp/types';

export const METADATA_VERSION = 1;

const isoDate = z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'must be an ISO date');

export const accountRecordSchema = z.object({
  id: z.string().min(1).max(64),
  type: z.enum(OTP_TYPES),
  issuer: z.string().max(256),
  label: z.string().max(256),
  algorithm: z.enum(HASH_ALGORITHMS),
  digits: z.number().int().min(1).max(10),
  period: z.number().int().min(1).max(86_400),
  counter: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  order: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  tags: z.array(z.string().max(64)).max(32),
  secretBits: z.number().int().min(0).max(8192),
  createdAt: isoDate,
  updatedAt: isoDate,
});
// zod objects strip unknown keys by default: whatever else is in a record (a `secret` pasted in by
// hand, say) is never carried into memory or written back.

export type AccountRecord = z.infer<typeof accountRecordSchema>;

export const metadataFileSchema = z
  .object({
    version: z.literal(METADATA_VERSION),
    accounts: z.array(accountRecordSchema).max(10_000),
  })
  .superRefine((file, ctx) => {
    const seen = new Set<string>();
    file.accounts.forEach((a, i) => {
      if (seen.has(a.id)) ctx.addIssue({ code: 'custom', message: `duplicate account id "${a.id}"`, path: ['accounts', i, 'id'] });
      seen.add(a.id);
    });
  });

export function toView(record: AccountRecord): AccountView {
  return { ...record, tags: [...record.tags] };
}

/** Stable display order: `order`, then creation time, then id (so equal orders never flicker). */
export function byOrder(a: AccountRecord, b: AccountRecord): number {
  return a.order - b.order || a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id);
}
