// One toast at a time (a newer one replaces the older), announced through a polite live region
// that is always in the DOM, so screen readers pick up every change.
import { createPortal } from 'react-dom';
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { cx } from './cx';
import { Icon, type IconName } from './Icon';

export type ToastKind = 'success' | 'info' | 'error';

/** One button in the toast, e.g. "Undo"; clicking it runs `run` and closes the toast. */
export interface ToastAction {
  label: string;
  run: () => void;
}

interface ToastState {
  id: number;
  message: string;
  kind: ToastKind;
  action?: ToastAction;
}

interface ToastApi {
  show(message: string, kind?: ToastKind, action?: ToastAction): void;
}

const ToastContext = createContext<ToastApi | null>(null);

const DURATION_MS: Record<ToastKind, number> = { success: 3500, info: 3500, error: 7000 };
/** A toast with a button stays longer: the user must have time to reach it. */
const ACTION_DURATION_MS = 8000;
const ICONS: Record<ToastKind, IconName> = { success: 'check', info: 'info', error: 'alert' };

export function ToastProvider({ children }: { children: ReactNode }) {
  const [toast, setToast] = useState<ToastState | null>(null);
  const nextId = useRef(1);

  const show = useCallback((message: string, kind: ToastKind = 'info', action?: ToastAction) => {
    setToast({ id: nextId.current++, message, kind, ...(action ? { action } : {}) });
  }, []);

  useEffect(() => {
    if (!toast) return;
    const timer = setTimeout(() => setToast((t) => (t?.id === toast.id ? null : t)), toast.action ? ACTION_DURATION_MS : DURATION_MS[toast.kind]);
    return () => clearTimeout(timer);
  }, [toast]);

  const api = useMemo(() => ({ show }), [show]);

  return (
    <ToastContext value={api}>
      {children}
      {/* In <body>, outside #root: an open dialog makes #root inert (modal-layers.ts), and a toast shown
          meanwhile ("Copied") must still be seen, heard and dismissable. */}
      {createPortal(
        <div className="toast-region" role="status" aria-live="polite" aria-atomic="true">
          {toast && (
            <div key={toast.id} className={cx('toast', `toast-${toast.kind}`)} data-testid="toast" data-kind={toast.kind}>
              <Icon name={ICONS[toast.kind]} />
              <span className="toast-message">{toast.message}</span>
              {toast.action && (
                <button
                  type="button"
                  className="toast-action"
                  data-testid="toast-action"
                  onClick={() => {
                    toast.action!.run();
                    setToast(null);
                  }}
                >
                  {toast.action.label}
                </button>
              )}
              <button type="button" className="toast-close" aria-label="Dismiss" onClick={() => setToast(null)}>
                <Icon name="close" size={14} />
              </button>
            </div>
          )}
        </div>,
        document.body,
      )}
    </ToastContext>
  );
}

export function useToast(): ToastApi {
  const api = useContext(ToastContext);
  if (!api) throw new Error('useToast must be used inside <ToastProvider>');
  return api;
}
