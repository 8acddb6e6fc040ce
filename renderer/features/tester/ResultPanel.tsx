// The result of one test: outcome badge, diagnosis and warnings, connection facts (latency, negotiated
// subprotocol), WELCOME or ABORT details, the probe matrix and the frame trace, plus report export.
import type { ReportFormat, TestOutcome, TestResult } from '../../../shared/api/tester-contract';
import { cx } from '../../components/cx';
import { DiagnosisBox } from './DiagnosisBox';
import { ExportButtons } from './ExportButtons';
import { ProbeMatrix } from './ProbeMatrix';
import { TraceList } from './TraceList';
import { craKeyText, formatMs, OUTCOME_LABELS } from './result-view';

export interface ResultPanelProps {
  result: TestResult;
  exporting: ReportFormat | null;
  onExport: (format: ReportFormat, ids: readonly string[]) => void;
}

export function OutcomeBadge({ outcome }: { outcome: TestOutcome }) {
  return (
    <span className={cx('outcome-badge', `outcome-${outcome}`)} data-testid="outcome-badge" data-outcome={outcome}>
      {OUTCOME_LABELS[outcome]}
    </span>
  );
}

export function ResultPanel({ result, exporting, onExport }: ResultPanelProps) {
  const d = result.details;
  const cra = craKeyText(d.craKey);
  return (
    <section className="tester-card result-panel" aria-labelledby="result-title" data-testid="result-panel" data-result-id={result.id}>
      <div className="tester-card-head">
        <h2 id="result-title" tabIndex={-1}>
          Result <span className="result-of">— {result.profileName}</span>
        </h2>
        <OutcomeBadge outcome={result.outcome} />
        <time className="result-time" dateTime={result.startedAt}>
          {new Date(result.startedAt).toLocaleTimeString()}
        </time>
        <ExportButtons resultIds={[result.id]} busy={exporting} onExport={onExport} what="this result" />
      </div>

      <DiagnosisBox diagnosis={result.diagnosis} />
      {result.warnings.map((w, i) => (
        <DiagnosisBox key={`${w.kind}-${i}`} diagnosis={w} warning />
      ))}

      <dl className="result-facts" data-testid="result-facts">
        <Fact label="Subprotocol" value={d.subprotocol ?? 'none negotiated'} testId="fact-subprotocol" />
        <Fact label="Connect" value={formatMs(d.latency.connectMs)} testId="fact-connect" />
        <Fact label="Handshake" value={formatMs(d.latency.handshakeMs)} testId="fact-handshake" />
        <Fact label="Total" value={formatMs(d.latency.totalMs)} testId="fact-total" />
        <Fact
          label="Transport"
          value={`${d.transport === 'rawsocket' ? 'RawSocket' : 'WebSocket'}, ${d.tls ? `TLS${d.certificateSha256 ? ` (certificate SHA-256 ${d.certificateSha256})` : ''}` : 'unencrypted'}`}
        />
        {d.attempts > 1 && <Fact label="Attempts" value={String(d.attempts)} />}
      </dl>
      {cra && (
        <p className="cra-key" data-testid="cra-key">
          <strong>WAMP-CRA key: </strong>
          {cra}
        </p>
      )}

      {d.welcome && <WelcomeTable welcome={d.welcome} />}
      {d.abort && (
        <section className="result-section" aria-labelledby="abort-title">
          <h3 id="abort-title" className="result-heading">
            ABORT
          </h3>
          <table className="tester-table kv-table" data-testid="abort-details">
            <tbody>
              <tr>
                <th scope="row">reason</th>
                <td className="mono">{d.abort.reason}</td>
              </tr>
              {d.abort.message && (
                <tr>
                  <th scope="row">message</th>
                  <td>{d.abort.message}</td>
                </tr>
              )}
            </tbody>
          </table>
        </section>
      )}
      {result.probes.length > 0 && <ProbeMatrix probes={result.probes} />}
      <TraceList trace={result.trace} />
    </section>
  );
}

function Fact({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <div className="result-fact">
      <dt>{label}</dt>
      <dd className="mono" data-testid={testId}>
        {value}
      </dd>
    </div>
  );
}

function WelcomeTable({ welcome }: { welcome: NonNullable<TestResult['details']['welcome']> }) {
  const rows: [string, string][] = [
    ['session', String(welcome.session)],
    ['authid', welcome.authid ?? '–'],
    ['authrole', welcome.authrole ?? '–'],
    ['authmethod', welcome.authmethod ?? '–'],
    ['authprovider', welcome.authprovider ?? '–'],
    ['authextra', welcome.authextra === null || welcome.authextra === undefined ? '–' : JSON.stringify(welcome.authextra)],
  ];
  const roles = Object.entries(welcome.roles);
  return (
    <section className="result-section" aria-labelledby="welcome-title">
      <h3 id="welcome-title" className="result-heading">
        WELCOME details
      </h3>
      <table className="tester-table kv-table" data-testid="welcome-details">
        <tbody>
          {rows.map(([key, value]) => (
            <tr key={key} data-field={key}>
              <th scope="row">{key}</th>
              <td className="mono">{value}</td>
            </tr>
          ))}
          <tr data-field="roles">
            <th scope="row">router roles</th>
            <td>
              {roles.length === 0 ? (
                '–'
              ) : (
                <ul className="role-list">
                  {roles.map(([role, info]) => (
                    <li key={role}>
                      <details>
                        <summary>
                          <span className="mono">{role}</span> <span className="role-features">{featureSummary(info)}</span>
                        </summary>
                        <pre className="trace-json mono">{JSON.stringify(info, null, 2)}</pre>
                      </details>
                    </li>
                  ))}
                </ul>
              )}
            </td>
          </tr>
        </tbody>
      </table>
    </section>
  );
}

/** "5 features" for {features: {a: true, …}}, counting the enabled ones. */
function featureSummary(info: unknown): string {
  const features = (info as { features?: unknown } | null)?.features;
  if (features === null || typeof features !== 'object') return '';
  const on = Object.values(features as Record<string, unknown>).filter((v) => v === true).length;
  return on === 0 ? '' : `${on} feature${on === 1 ? '' : 's'}`;
}
