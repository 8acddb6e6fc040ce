import type { ReactNode } from 'react';
import { cx } from './cx';
import { Icon } from './Icon';

export type BannerKind = 'error' | 'warning' | 'info';

export interface BannerProps {
  kind: BannerKind;
  title?: ReactNode;
  children: ReactNode;
  onDismiss?: () => void;
  testId?: string;
  className?: string;
}

export function Banner({ kind, title, children, onDismiss, testId, className }: BannerProps) {
  return (
    <div
      className={cx('banner', `banner-${kind}`, className)}
      role={kind === 'error' ? 'alert' : 'status'}
      data-testid={testId}
      data-kind={kind}
    >
      <Icon name={kind === 'error' ? 'alert' : kind === 'warning' ? 'warning' : 'info'} className="banner-icon" />
      <div className="banner-content">
        {title && <strong className="banner-title">{title}</strong>}
        <div className="banner-text">{children}</div>
      </div>
      {onDismiss && (
        <button type="button" className="banner-dismiss" aria-label="Dismiss" title="Dismiss" onClick={onDismiss}>
          <Icon name="close" size={14} />
        </button>
      )}
    </div>
  );
}
