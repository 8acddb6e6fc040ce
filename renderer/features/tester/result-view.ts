// How a TestResult is shown: outcome labels, the probe matrix (rows = URIs, columns = actions),
// trace lines and the "Test all" summary rows. Pure, so it is unit-tested without a DOM.
import type {
  CraKeyInterpretation,
  ProbeAction,
  ProbeResult,
  TestOutcome,
  TestResult,
  TraceEntry,
} from '../../../shared/api/tester-contract';
import { PROBE_ACTIONS } from './profile-form';

export const OUTCOME_LABELS: Record<TestOutcome, string> = {
  welcome: 'Welcome',
  abort: 'Aborted',
  no_connection: 'No connection',
};

export const PROBE_OUTCOME_LABELS: Record<ProbeResult['outcome'], string> = {
  allowed: 'allowed',
  denied: 'denied',
  error: 'error',
  timeout: 'timeout',
};

export interface ProbeRow {
  uri: string;
  /** One cell per action, in PROBE_ACTIONS order; null when that action was not probed for the URI. */
  cells: (ProbeResult | null)[];
}

/** Rows in the order URIs first appear (call URIs first, then register, …), one column per action. */
export function probeMatrix(probes: readonly ProbeResult[]): ProbeRow[] {
  const rows = new Map<string, ProbeRow>();
  const ordered = PROBE_ACTIONS.flatMap((action) => probes.filter((p) => p.action === action));
  for (const probe of ordered) {
    let row = rows.get(probe.uri);
    if (!row) {
      row = { uri: probe.uri, cells: PROBE_ACTIONS.map(() => null) };
      rows.set(probe.uri, row);
    }
    row.cells[PROBE_ACTIONS.indexOf(probe.action)] = probe;
  }
  return [...rows.values()];
}

/** Count per probe outcome, for the matrix caption. */
export function probeCounts(probes: readonly ProbeResult[]): Record<ProbeResult['outcome'], number> {
  const counts = { allowed: 0, denied: 0, error: 0, timeout: 0 };
  for (const p of probes) counts[p.outcome]++;
  return counts;
}

/** What a matrix cell says under its outcome: the router's answer when it was an ERROR URI. */
export function probeCellDetail(probe: ProbeResult): string | null {
  return probe.outcome === 'allowed' ? null : probe.answer || null;
}

export const ACTION_LABELS: Record<ProbeAction, string> = {
  call: 'Call',
  register: 'Register',
  publish: 'Publish',
  subscribe: 'Subscribe',
};

export function formatMs(ms: number | null): string {
  if (ms === null) return '–';
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(ms < 10 ? 1 : 0)} ms`;
}

/** Time offset column of the trace, e.g. "+12.3 ms". */
export function traceOffset(t: number): string {
  return `+${t.toFixed(1)} ms`;
}

export const DIRECTION = {
  out: { arrow: '→', label: 'sent' },
  in: { arrow: '←', label: 'received' },
  info: { arrow: '·', label: 'note' },
} as const satisfies Record<TraceEntry['dir'], { arrow: string; label: string }>;

/** The decoded frame as indented JSON (already redacted by the engine). */
export function traceContent(entry: TraceEntry): string | null {
  if (entry.content === undefined) return null;
  return JSON.stringify(entry.content, null, 2);
}

/** One-line preview of a frame next to its name, shortened. */
export function tracePreview(entry: TraceEntry, max = 120): string {
  if (entry.dir === 'info') return entry.text ?? '';
  if (entry.content === undefined) return '';
  const text = JSON.stringify(entry.content);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

export function craKeyText(key: CraKeyInterpretation | null): string | null {
  switch (key) {
    case 'password':
      return 'The router expects the password: the client derives the key with PBKDF2 from the CHALLENGE\'s salt (Crossbar 2025+ semantics).';
    case 'derived-key':
      return 'The router expects the already-derived key as the secret, not the password (Crossbar before 2025).';
    case 'unsalted':
      return 'Unsalted WAMP-CRA: the secret itself is the HMAC key.';
    case null:
      return null;
  }
}

export interface SummaryRow {
  resultId: string;
  profileId: string | null;
  name: string;
  url: string;
  realm: string;
  authmethod: string;
  outcome: TestOutcome;
  outcomeLabel: string;
  title: string;
  handshake: string;
  warnings: number;
}

export function summaryRows(results: readonly TestResult[]): SummaryRow[] {
  return results.map((r) => ({
    resultId: r.id,
    profileId: r.profileId,
    name: r.profileName,
    url: r.details.url,
    realm: r.details.realm,
    authmethod: r.details.authmethod,
    outcome: r.outcome,
    outcomeLabel: OUTCOME_LABELS[r.outcome],
    title: r.diagnosis.title,
    handshake: formatMs(r.details.latency.handshakeMs),
    warnings: r.warnings.filter((w) => w.severity !== 'info').length,
  }));
}

export function summaryCounts(results: readonly TestResult[]): Record<TestOutcome, number> {
  const counts = { welcome: 0, abort: 0, no_connection: 0 };
  for (const r of results) counts[r.outcome]++;
  return counts;
}

/** Latest result per profile id (later entries win), from the session's result history. */
export function latestByProfile(results: readonly TestResult[]): Map<string, TestResult> {
  const map = new Map<string, TestResult>();
  for (const r of results) if (r.profileId !== null) map.set(r.profileId, r);
  return map;
}
