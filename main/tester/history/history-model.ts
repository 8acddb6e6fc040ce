// What tester-history.json holds and the pure rules around it: a run becomes a summary (outcome,
// diagnosis, latency phases, craKey, probe counts — never a secret), the full redacted result is kept
// only for the last few runs of each profile (for "compare two traces"), and the file stays bounded
// (runs per profile, runs in all). Oldest first in the file; callers get newest first.
import { z } from 'zod';
import {
  DIAGNOSIS_KINDS,
  HISTORY_LIMITS,
  type StoredTestRun,
  type TestResult,
  type TestRunSource,
  type TestRunSummary,
} from '../../../shared/api/tester-contract';

export const HISTORY_FILE_VERSION = 1;

/** A result larger than this (as JSON) keeps only its summary: one huge WELCOME must not bloat the file. */
export const MAX_STORED_RESULT_CHARS = 256 * 1024;

export interface HistoryLimits {
  runsPerProfile: number;
  runsTotal: number;
  tracesPerProfile: number;
}

export interface HistoryData {
  version: typeof HISTORY_FILE_VERSION;
  runs: StoredTestRun[];
}

const ms = z.number().finite().nullable();
const storedResultSchema = z
  .object({
    id: z.string(),
    trace: z.array(z.object({ t: z.number(), dir: z.enum(['out', 'in', 'info']), name: z.string() }).passthrough()),
    details: z.object({ url: z.string(), realm: z.string() }).passthrough(),
    diagnosis: z.object({ kind: z.string(), title: z.string() }).passthrough(),
    warnings: z.array(z.object({ kind: z.string() }).passthrough()),
    probes: z.array(z.object({ action: z.string(), uri: z.string() }).passthrough()),
  })
  .passthrough();

const storedRunSchema = z.object({
  id: z.string().min(1).max(64),
  profileId: z.string().min(1).max(64),
  profileName: z.string().max(1024),
  startedAt: z.string().max(64),
  source: z.enum(['app', 'cli']),
  outcome: z.enum(['welcome', 'abort', 'no_connection']),
  reason: z.string().max(1024),
  diagnosis: z.object({ kind: z.enum(DIAGNOSIS_KINDS), severity: z.enum(['ok', 'info', 'warning', 'error']), title: z.string().max(1024) }),
  latency: z.object({ connectMs: ms, handshakeMs: ms, totalMs: z.number().finite() }),
  craKey: z.enum(['password', 'derived-key', 'unsalted']).nullable(),
  probes: z.object({ allowed: z.number().int(), denied: z.number().int(), error: z.number().int(), timeout: z.number().int() }),
  hasTrace: z.boolean(),
  result: storedResultSchema.nullable(),
});

export const historyFileSchema = z.object({
  version: z.literal(HISTORY_FILE_VERSION),
  runs: z.array(storedRunSchema).max(100_000),
});

/** The stored form of a result: a whitelist of its fields, plus the result itself while it is small. */
export function toStoredRun(result: TestResult & { profileId: string }, source: TestRunSource): StoredTestRun {
  const probes = { allowed: 0, denied: 0, error: 0, timeout: 0 };
  for (const p of result.probes) probes[p.outcome]++;
  const { kind, severity, title } = result.diagnosis;
  const summary: TestRunSummary = {
    id: result.id,
    profileId: result.profileId,
    profileName: result.profileName,
    startedAt: result.startedAt,
    source,
    outcome: result.outcome,
    reason: result.reason,
    diagnosis: { kind, severity, title },
    latency: { ...result.details.latency },
    craKey: result.details.craKey,
    probes,
    hasTrace: false,
  };
  // Results are redacted by the engine (see trace.ts, hide-url-password.ts); a JSON copy keeps them plain.
  const copy = JSON.stringify(result);
  const keep = copy.length <= MAX_STORED_RESULT_CHARS;
  return { ...summary, hasTrace: keep, result: keep ? (JSON.parse(copy) as TestResult) : null };
}

/** The history with `run` added (a run with the same id replaces it) and every bound applied. */
export function addRun(data: HistoryData, run: StoredTestRun, limits: HistoryLimits = HISTORY_LIMITS): HistoryData {
  const runs = [...data.runs.filter((r) => r.id !== run.id), run];
  return { version: HISTORY_FILE_VERSION, runs: bound(runs, limits) };
}

/** Oldest runs dropped past the per-profile and total limits; full results kept for the newest few per profile. */
export function bound(runs: StoredTestRun[], limits: HistoryLimits): StoredTestRun[] {
  const perProfile = new Map<string, number>();
  const kept: StoredTestRun[] = [];
  // Newest first, so the counts decide what goes; then back to oldest first.
  for (let i = runs.length - 1; i >= 0 && kept.length < limits.runsTotal; i--) {
    const run = runs[i]!;
    const seen = perProfile.get(run.profileId) ?? 0;
    if (seen >= limits.runsPerProfile) continue;
    perProfile.set(run.profileId, seen + 1);
    kept.push(seen < limits.tracesPerProfile || run.result === null ? run : { ...run, hasTrace: false, result: null });
  }
  return kept.reverse();
}

export function profileRuns(data: HistoryData, profileId: string, limit?: number): TestRunSummary[] {
  const runs = data.runs.filter((r) => r.profileId === profileId).reverse();
  return (limit === undefined ? runs : runs.slice(0, limit)).map(summaryOf);
}

export function summaryOf(run: StoredTestRun): TestRunSummary {
  const { result: _result, ...summary } = run;
  return summary;
}

export function withoutProfile(data: HistoryData, profileId: string): HistoryData {
  return { version: HISTORY_FILE_VERSION, runs: data.runs.filter((r) => r.profileId !== profileId) };
}
