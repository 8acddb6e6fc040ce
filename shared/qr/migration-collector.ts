// Collects the parts of Google Authenticator exports seen across several images. An export of many
// accounts is split into numbered QR codes sharing a batch_id; users screenshot them one by one and
// easily miss one, so we say exactly which parts are still missing.
import type { MigrationBatch } from '../otp/migration';
import type { OtpAccountData } from '../otp/types';

export interface MigrationBatchStatus {
  /** batch_id as an unsigned 32-bit number (protobuf int32 made non-negative). */
  batchId: number;
  /** Number of parts the export announced (1 for a single-code export). */
  size: number;
  /** 1-based part numbers seen, ascending. */
  have: number[];
  /** 1-based part numbers not seen yet, ascending. */
  missing: number[];
}

export interface CollectedAccount<S> {
  account: OtpAccountData;
  source: S;
}

export interface SkippedMigrationEntry<S> {
  name: string;
  issuer: string;
  reason: string;
  source: S;
}

interface BatchParts {
  batchId: number;
  size: number;
  /** batchIndex (0-based) → payload fingerprints seen for that part. */
  parts: Map<number, Set<string>>;
}

/** Generic over `S`, the caller's notion of where a part came from (a file path, "clipboard", …). */
export class MigrationCollector<S = string> {
  private readonly batches = new Map<string, BatchParts>();
  private readonly payloads = new Set<string>();
  private readonly collected: CollectedAccount<S>[] = [];
  private readonly skippedEntries: SkippedMigrationEntry<S>[] = [];

  /**
   * Adds one decoded export QR. Returns false when this exact part was already added (the same code
   * in two screenshots), in which case nothing changes.
   */
  add(batch: MigrationBatch, source: S): boolean {
    const batchId = batch.batchId >>> 0;
    // Single-code exports may carry size 0 or 1 (and other apps' exporters leave batch fields at 0).
    const size = Math.max(1, batch.batchSize, batch.batchIndex + 1);
    const key = `${batchId}/${size}`;
    const fingerprint = fingerprintOf(batch);
    let entry = this.batches.get(key);
    if (!entry) {
      entry = { batchId, size, parts: new Map() };
      this.batches.set(key, entry);
    }
    const seen = entry.parts.get(batch.batchIndex) ?? new Set<string>();
    entry.parts.set(batch.batchIndex, seen);
    if (this.payloads.has(fingerprint)) return false;
    seen.add(fingerprint);
    this.payloads.add(fingerprint);
    for (const account of batch.accounts) this.collected.push({ account, source });
    for (const s of batch.skipped) this.skippedEntries.push({ ...s, source });
    return true;
  }

  /** Accounts from all distinct parts, in the order they were added. */
  accounts(): CollectedAccount<S>[] {
    return [...this.collected];
  }

  /** Entries inside exports that cannot be imported (e.g. an unsupported algorithm), with the reason. */
  skipped(): SkippedMigrationEntry<S>[] {
    return [...this.skippedEntries];
  }

  status(): MigrationBatchStatus[] {
    return [...this.batches.values()].map(({ batchId, size, parts }) => {
      const have: number[] = [];
      const missing: number[] = [];
      for (let i = 0; i < size; i++) (parts.has(i) ? have : missing).push(i + 1);
      return { batchId, size, have, missing };
    });
  }

  /** True when every batch seen so far has all its parts. */
  complete(): boolean {
    return this.status().every((s) => s.missing.length === 0);
  }
}

/** Human-readable batch id: the 32-bit id as 8 hex digits. */
export function formatBatchId(batchId: number): string {
  return (batchId >>> 0).toString(16).padStart(8, '0');
}

/** "batch 3f2a91c0: have parts 1, 3 of 4; missing 2, 4" (or "…: complete, 4 of 4 parts"). */
export function describeBatchStatus(s: MigrationBatchStatus): string {
  const id = `batch ${formatBatchId(s.batchId)}`;
  if (s.missing.length === 0) return s.size === 1 ? `${id}: complete (single code)` : `${id}: complete, ${s.size} of ${s.size} parts`;
  const have = s.have.length === 0 ? 'no parts' : `part${s.have.length === 1 ? '' : 's'} ${s.have.join(', ')}`;
  return `${id}: have ${have} of ${s.size}; missing ${s.missing.join(', ')}`;
}

/** Identity of a part's content, so the same code scanned twice is recognised. */
function fingerprintOf(batch: MigrationBatch): string {
  return JSON.stringify([
    batch.batchId >>> 0,
    batch.batchSize,
    batch.batchIndex,
    batch.accounts.map((a) => [a.type, a.secret, a.issuer, a.label, a.algorithm, a.digits, a.period, a.counter]),
    batch.skipped.map((s) => [s.name, s.issuer, s.reason]),
  ]);
}
