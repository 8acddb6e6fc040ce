// "Compare two runs": their traces side by side, aligned by step. Steps are matched by direction and
// name (HELLO with HELLO, CHALLENGE with CHALLENGE, …) along the longest common sequence, so a step only
// one run has (a CHALLENGE, a second attempt, a TIMEOUT) gets a gap on the other side instead of
// shifting every row below it. Pure, so it is unit-tested without a DOM.
import type { TraceEntry } from '../../../shared/api/tester-contract';

export interface CompareRow {
  left: TraceEntry | null;
  right: TraceEntry | null;
  /** 'same': both sides match in name and content; 'changed': same step, other content; 'only': one side. */
  kind: 'same' | 'changed' | 'only';
}

/** Traces longer than this are cut before aligning (the table would be unreadable anyway). */
export const MAX_COMPARED_STEPS = 600;

const key = (e: TraceEntry) => `${e.dir}:${e.name}`;

export function alignTraces(leftAll: readonly TraceEntry[], rightAll: readonly TraceEntry[]): CompareRow[] {
  const left = leftAll.slice(0, MAX_COMPARED_STEPS);
  const right = rightAll.slice(0, MAX_COMPARED_STEPS);
  const n = left.length;
  const m = right.length;
  // lcs[i][j]: length of the longest common step sequence of left[i..] and right[j..].
  const lcs = Array.from({ length: n + 1 }, () => new Uint16Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i]![j] = key(left[i]!) === key(right[j]!) ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
    }
  }
  const rows: CompareRow[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && key(left[i]!) === key(right[j]!)) {
      rows.push({ left: left[i]!, right: right[j]!, kind: sameContent(left[i]!, right[j]!) ? 'same' : 'changed' });
      i++;
      j++;
    } else if (j >= m || (i < n && lcs[i + 1]![j]! >= lcs[i]![j + 1]!)) {
      rows.push({ left: left[i++]!, right: null, kind: 'only' });
    } else {
      rows.push({ left: null, right: right[j++]!, kind: 'only' });
    }
  }
  return rows;
}

/** Same content (times differ between runs by nature, so they are not compared). */
function sameContent(a: TraceEntry, b: TraceEntry): boolean {
  return a.dir === 'info' ? a.text === b.text : JSON.stringify(a.content) === JSON.stringify(b.content);
}
