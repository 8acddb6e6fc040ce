// Modal dialog: role="dialog" + aria-modal, focus trapped inside, Escape and backdrop click close it.
// Rendered into <body>, outside the app's #root, so that while it is open useFocusTrap makes everything
// else inert (modal-layers.ts): every dialog of the app gets that from here, none has to do it itself.
import { useId, useRef, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import { cx } from './cx';
import { IconButton } from './Button';
import { useFocusTrap } from './useFocusTrap';

export interface DialogProps {
  title: ReactNode;
  /** Short line under the title, also used as the accessible description. */
  description?: ReactNode;
  onClose: () => void;
  children: ReactNode;
  size?: 'sm' | 'md' | 'lg';
  testId?: string;
  /** Dialogs holding unsaved input should not close on a stray backdrop click. */
  closeOnBackdrop?: boolean;
}

export function Dialog({ title, description, onClose, children, size = 'md', testId, closeOnBackdrop = true }: DialogProps) {
  const ref = useRef<HTMLDivElement>(null);
  const titleId = useId();
  const descriptionId = useId();
  // Only a click that both starts and ends on the backdrop closes: selecting text in a field and
  // releasing the mouse outside the dialog must not discard the form.
  const pressedOnBackdrop = useRef(false);
  useFocusTrap(ref, onClose);

  return createPortal(
    <div
      className="dialog-backdrop"
      onMouseDown={(e) => {
        pressedOnBackdrop.current = e.target === e.currentTarget;
      }}
      onClick={(e) => {
        if (closeOnBackdrop && pressedOnBackdrop.current && e.target === e.currentTarget) onClose();
        pressedOnBackdrop.current = false;
      }}
    >
      <div
        ref={ref}
        className={cx('dialog', `dialog-${size}`)}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        aria-describedby={description ? descriptionId : undefined}
        tabIndex={-1}
        data-testid={testId}
      >
        {/* A div, not <header>: inside role=dialog a <header> would be a second page banner. */}
        <div className="dialog-header">
          <div className="dialog-titles">
            <h2 id={titleId} className="dialog-title">
              {title}
            </h2>
            {description && (
              <p id={descriptionId} className="dialog-description">
                {description}
              </p>
            )}
          </div>
          <IconButton icon="close" label="Close" onClick={onClose} className="dialog-close" testId="dialog-close" />
        </div>
        {children}
      </div>
    </div>,
    document.body,
  );
}

export function DialogBody({ children, className }: { children: ReactNode; className?: string }) {
  return <div className={cx('dialog-body', className)}>{children}</div>;
}

export function DialogFooter({ children, start }: { children: ReactNode; start?: ReactNode }) {
  return (
    <footer className="dialog-footer">
      <div className="dialog-footer-start">{start}</div>
      <div className="dialog-footer-end">{children}</div>
    </footer>
  );
}
