// Label + control + inline error/hint, wired with aria-describedby and aria-invalid.
import { cloneElement, useId, type ReactElement, type ReactNode } from 'react';
import { cx } from './cx';

export interface FieldProps {
  label: ReactNode;
  error?: string | undefined;
  hint?: ReactNode;
  /** The control; receives id, aria-invalid and aria-describedby. */
  children: ReactElement<Record<string, unknown>>;
  className?: string;
  /** Extra element next to the control (e.g. a show/hide button). */
  addon?: ReactNode;
}

export function Field({ label, error, hint, children, className, addon }: FieldProps) {
  const id = useId();
  const messageId = `${id}-message`;
  const control = cloneElement(children, {
    id,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': error || hint ? messageId : undefined,
  });
  return (
    <div className={cx('field', error && 'field-invalid', className)}>
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      <div className={cx('field-control', addon !== undefined && 'field-control-addon')}>
        {control}
        {addon}
      </div>
      {error ? (
        <p className="field-error" id={messageId} data-testid="field-error">
          {error}
        </p>
      ) : hint ? (
        <p className="field-hint" id={messageId}>
          {hint}
        </p>
      ) : null}
    </div>
  );
}
