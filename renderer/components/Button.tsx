import type { ButtonHTMLAttributes, ReactNode } from 'react';
import { cx } from './cx';
import { Icon, type IconName } from './Icon';

export type ButtonVariant = 'primary' | 'secondary' | 'ghost' | 'danger';

export interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: ButtonVariant;
  size?: 'sm' | 'md';
  icon?: IconName;
  testId?: string;
  children?: ReactNode;
}

export function Button({ variant = 'secondary', size = 'md', icon, testId, className, type = 'button', children, ...rest }: ButtonProps) {
  return (
    <button type={type} className={cx('btn', `btn-${variant}`, size === 'sm' && 'btn-sm', className)} data-testid={testId} {...rest}>
      {icon && <Icon name={icon} />}
      {children !== undefined && <span className="btn-text">{children}</span>}
    </button>
  );
}

export interface IconButtonProps extends Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'children'> {
  icon: IconName;
  /** Accessible name and tooltip; icon buttons have no visible text. */
  label: string;
  testId?: string;
  tone?: 'default' | 'danger';
}

export function IconButton({ icon, label, testId, tone = 'default', className, type = 'button', ...rest }: IconButtonProps) {
  return (
    <button
      type={type}
      className={cx('icon-btn', tone === 'danger' && 'icon-btn-danger', className)}
      aria-label={label}
      title={label}
      data-testid={testId}
      {...rest}
    >
      <Icon name={icon} />
    </button>
  );
}
