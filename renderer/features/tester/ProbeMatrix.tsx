// Post-join probes as a matrix: one row per URI, one column per action; each cell says allowed /
// denied / error / timeout, with the router's ERROR URI under it and the engine's note as tooltip.
import type { ProbeResult } from '../../../shared/api/tester-contract';
import { cx } from '../../components/cx';
import { PROBE_ACTIONS } from './profile-form';
import { ACTION_LABELS, formatMs, PROBE_OUTCOME_LABELS, probeCellDetail, probeCounts, probeMatrix } from './result-view';

export function ProbeMatrix({ probes }: { probes: ProbeResult[] }) {
  const rows = probeMatrix(probes);
  const counts = probeCounts(probes);
  const caption = (Object.keys(counts) as ProbeResult['outcome'][])
    .filter((k) => counts[k] > 0)
    .map((k) => `${counts[k]} ${PROBE_OUTCOME_LABELS[k]}`)
    .join(', ');
  return (
    <section className="result-section" aria-labelledby="probe-matrix-title">
      <h3 id="probe-matrix-title" className="result-heading">
        Probes <span className="result-heading-note">{caption}</span>
      </h3>
      <div className="table-scroll">
        <table className="tester-table probe-matrix stack-table" data-testid="probe-matrix">
          <thead>
            <tr>
              <th scope="col">URI</th>
              {PROBE_ACTIONS.map((a) => (
                <th key={a} scope="col">
                  {ACTION_LABELS[a]}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.uri} data-testid="probe-row" data-uri={row.uri}>
                <th scope="row" className="mono">
                  {row.uri}
                </th>
                {row.cells.map((cell, i) => (
                  <td key={PROBE_ACTIONS[i]} data-action={PROBE_ACTIONS[i]} data-label={ACTION_LABELS[PROBE_ACTIONS[i]!]} data-outcome={cell?.outcome ?? 'none'}>
                    {cell ? <ProbeCell probe={cell} /> : <span className="probe-none">
                        <span aria-hidden="true">–</span>
                        <span className="visually-hidden">not probed</span>
                      </span>}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function ProbeCell({ probe }: { probe: ProbeResult }) {
  const detail = probeCellDetail(probe);
  const title = [probe.answer, probe.note, probe.latencyMs === null ? null : formatMs(probe.latencyMs)].filter(Boolean).join(' — ');
  return (
    <span className="probe-cell" title={title}>
      <span className={cx('probe-badge', `probe-${probe.outcome}`)}>{PROBE_OUTCOME_LABELS[probe.outcome]}</span>
      {detail && <span className="probe-detail mono">{detail}</span>}
      {probe.note && <span className="probe-note">{probe.note}</span>}
    </span>
  );
}
