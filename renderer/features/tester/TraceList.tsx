// Every frame of the run in order: time offset, direction, message name and a one-line preview; a
// frame opens to its decoded content as JSON (secrets already replaced by the engine).
import type { TraceEntry } from '../../../shared/api/tester-contract';
import { cx } from '../../components/cx';
import { DIRECTION, traceContent, traceOffset, tracePreview } from './result-view';

export function TraceList({ trace }: { trace: TraceEntry[] }) {
  return (
    <section className="result-section" aria-labelledby="trace-title">
      <h3 id="trace-title" className="result-heading">
        Frame trace <span className="result-heading-note">{trace.filter((e) => e.dir !== 'info').length} frames</span>
      </h3>
      <ol className="trace" data-testid="trace">
        {trace.map((entry, i) => (
          <TraceRow key={i} entry={entry} />
        ))}
      </ol>
    </section>
  );
}

function TraceRow({ entry }: { entry: TraceEntry }) {
  const dir = DIRECTION[entry.dir];
  const content = traceContent(entry);
  const line = (
    <>
      <span className="trace-time mono">{traceOffset(entry.t)}</span>
      <span className={cx('trace-dir', `trace-dir-${entry.dir}`)} title={dir.label}>
        <span aria-hidden="true">{dir.arrow}</span>
        <span className="visually-hidden">{dir.label}</span>
      </span>
      <span className="trace-name" data-testid="trace-name">
        {entry.name}
      </span>
      <span className="trace-preview mono">{tracePreview(entry)}</span>
      {entry.bytes !== undefined && <span className="trace-bytes">{entry.bytes} B</span>}
    </>
  );
  return (
    <li className={cx('trace-row', `trace-row-${entry.dir}`)} data-testid="trace-row" data-name={entry.name} data-dir={entry.dir}>
      {content === null ? (
        <div className="trace-line">{line}</div>
      ) : (
        <details>
          <summary className="trace-line">{line}</summary>
          <pre className="trace-json mono" data-testid="trace-json" tabIndex={0}>
            {content}
          </pre>
        </details>
      )}
    </li>
  );
}
