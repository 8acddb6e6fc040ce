// The latency chart's data: one point per recorded run, oldest first, x in Unix seconds (uPlot's time
// scale), y in ms for connect, handshake and total; a phase a run never reached is a gap (null).
import type { TestRunSummary } from '../../../shared/api/tester-contract';

export type LatencyData = [number[], (number | null)[], (number | null)[], (number | null)[]];

export function latencySeries(runsNewestFirst: readonly TestRunSummary[]): LatencyData {
  const runs = [...runsNewestFirst].sort((a, b) => Date.parse(a.startedAt) - Date.parse(b.startedAt));
  const x: number[] = [];
  // Two runs in the same millisecond would share an x; uPlot needs them ascending, so nudge the later one.
  for (const r of runs) {
    const t = Date.parse(r.startedAt) / 1000;
    x.push(x.length > 0 && t <= x[x.length - 1]! ? x[x.length - 1]! + 0.001 : t);
  }
  return [x, runs.map((r) => r.latency.connectMs), runs.map((r) => r.latency.handshakeMs), runs.map((r) => r.latency.totalMs)];
}

/** "min – max ms (median M)" of the total latency, for the chart's text alternative. */
export function latencyText(runs: readonly TestRunSummary[]): string {
  const totals = runs.map((r) => r.latency.totalMs).sort((a, b) => a - b);
  if (totals.length === 0) return 'No runs recorded yet.';
  const median = totals[Math.floor((totals.length - 1) / 2)]!;
  const fmt = (v: number) => `${v.toFixed(v < 10 ? 1 : 0)} ms`;
  return `${totals.length} run${totals.length === 1 ? '' : 's'}; total latency ${fmt(totals[0]!)} to ${fmt(totals.at(-1)!)}, median ${fmt(median)}.`;
}
