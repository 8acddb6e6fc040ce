// Current codes for the whole list from ONE timer: api.codes.list() just after every wall-clock
// second (new TOTP windows start on whole seconds). Paused while the page is hidden, refreshed at
// once when it becomes visible again or when the account list changes.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { AppErrorData } from '../../../shared/api/errors';
import type { CodeView } from '../../../shared/api/types';
import { useApi } from '../api/ApiContext';
import { msUntilNextSecond } from './schedule';

export interface CodesState {
  codes: ReadonlyMap<string, CodeView>;
  /** When the codes were received; drives the countdown numbers. */
  now: number;
  error: AppErrorData | null;
  /** Put a single fresh code in place (HOTP "next code") without waiting for the next tick. */
  merge: (code: CodeView) => void;
}

/** `listKey` changes whenever the accounts change, which triggers an immediate refresh. */
export function useCodes(listKey: string): CodesState {
  const api = useApi();
  const [codes, setCodes] = useState<ReadonlyMap<string, CodeView>>(new Map());
  const [now, setNow] = useState(() => Date.now());
  const [error, setError] = useState<AppErrorData | null>(null);
  const errorRef = useRef<AppErrorData | null>(null);

  useEffect(() => {
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let inFlight = false;

    const schedule = () => {
      clearTimeout(timer);
      if (!cancelled) timer = setTimeout(tick, msUntilNextSecond(Date.now()));
    };

    const tick = async () => {
      if (inFlight) return;
      if (document.visibilityState === 'hidden') return; // resumed by the visibilitychange handler
      inFlight = true;
      const result = await api.codes.list();
      inFlight = false;
      if (cancelled) return;
      if (result.ok) {
        setCodes(new Map(result.value.map((c) => [c.id, c])));
        setNow(Date.now());
        if (errorRef.current) setError((errorRef.current = null));
      } else if (errorRef.current?.message !== result.error.message) {
        setError((errorRef.current = result.error));
      }
      schedule();
    };

    const onVisibility = () => {
      if (document.visibilityState === 'visible') {
        clearTimeout(timer);
        void tick();
      }
    };

    void tick();
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      cancelled = true;
      clearTimeout(timer);
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, [api, listKey]);

  const merge = useCallback((code: CodeView) => {
    setCodes((prev) => new Map(prev).set(code.id, code));
  }, []);

  return { codes, now, error, merge };
}
