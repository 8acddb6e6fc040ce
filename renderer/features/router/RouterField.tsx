// One control of the structured router editor with a visible label. The label's hidden tail names the
// owner ("Auth ID" + " of ticket principal 2"), so each control keeps a unique accessible name in a list
// of look-alike rows while the eye reads the short label under the row's own heading. The control
// carries data-config-path (its JSON path) so the issue summary can move focus to it, and shows the
// parser's issue for that path inline.
import { cloneElement, createContext, useContext, useId, type ReactElement, type ReactNode } from 'react';
import { cx } from '../../components/cx';

/** Message of the config issue at a JSON path ("workers[0].realms[0].name"), if any. */
export const ConfigIssueLookup = createContext<(path: string) => string | undefined>(() => undefined);

export interface RouterFieldProps {
  label: ReactNode;
  /** Read by screen readers after the label: " of ticket principal 2". */
  context?: string;
  /** JSON path of the value this control edits (formatPath format). */
  path?: string;
  hint?: ReactNode;
  className?: string;
  children: ReactElement<Record<string, unknown>>;
}

export function RouterField({ label, context, path, hint, className, children }: RouterFieldProps) {
  const id = useId();
  const issue = useContext(ConfigIssueLookup)(path ?? '');
  const messageId = `${id}-message`;
  const control = cloneElement(children, {
    id,
    'data-config-path': path,
    'aria-invalid': issue ? true : undefined,
    'aria-describedby': issue || hint ? messageId : undefined,
  });
  return (
    <div className={cx('router-field', issue && 'router-field-invalid', className)}>
      <label className="router-field-label" htmlFor={id}>
        {label}
        {context && <span className="visually-hidden"> {context}</span>}
      </label>
      {control}
      {issue ? (
        <p className="router-field-error" id={messageId}>
          {issue}
        </p>
      ) : hint ? (
        <p className="router-field-hint" id={messageId}>
          {hint}
        </p>
      ) : null}
    </div>
  );
}
