// The outcome in plain words: what happened, why, what to do. Warnings (ticket over ws://, denied
// probes, which WAMP-CRA key the router expects) use the same shape, smaller.
import type { Diagnosis } from '../../../shared/api/tester-contract';
import { cx } from '../../components/cx';
import { Icon, type IconName } from '../../components/Icon';

const ICONS: Record<Diagnosis['severity'], IconName> = { ok: 'check', info: 'info', warning: 'warning', error: 'alert' };

export function DiagnosisBox({ diagnosis, warning = false }: { diagnosis: Diagnosis; warning?: boolean }) {
  return (
    <section
      className={cx('diagnosis', `diagnosis-${diagnosis.severity}`, warning && 'diagnosis-secondary')}
      aria-label={warning ? `Warning: ${diagnosis.title}` : `Diagnosis: ${diagnosis.title}`}
      data-testid={warning ? 'diagnosis-warning' : 'diagnosis'}
      data-kind={diagnosis.kind}
      data-severity={diagnosis.severity}
    >
      <Icon name={ICONS[diagnosis.severity]} size={warning ? 16 : 20} className="diagnosis-icon" />
      <div className="diagnosis-body">
        <h3 className="diagnosis-title">{diagnosis.title}</h3>
        <p className="diagnosis-explanation">{diagnosis.explanation}</p>
        <p className="diagnosis-hint">
          <strong>What to do: </strong>
          {diagnosis.hint}
        </p>
      </div>
    </section>
  );
}
