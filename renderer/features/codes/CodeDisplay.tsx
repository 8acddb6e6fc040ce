import { cx } from '../../components/cx';
import { groupCode, placeholderCode } from './format-code';

/** A code in grouped monospace digits; the groups are separate spans, so copying a selection gives no spaces. */
export function CodeDisplay({ code, digits, className }: { code: string | undefined; digits: number; className?: string }) {
  const text = code ?? placeholderCode(digits);
  return (
    <span className={cx('code', !code && 'code-placeholder', className)}>
      {groupCode(text).map((group, i) => (
        <span key={i} className="code-group">
          {group}
        </span>
      ))}
    </span>
  );
}
