// The app's self-signed TLS certificate: loaded once, made (or replaced) on request.
import { useCallback, useEffect, useState } from 'react';
import type { AppErrorData } from '../../../shared/api/errors';
import type { RouterCertificateView } from '../../../shared/api/router-contract';
import { useApi } from '../api/ApiContext';

export interface RouterCertificateState {
  certificate: RouterCertificateView | null;
  loaded: boolean;
  busy: boolean;
  error: AppErrorData | null;
  make: (replace: boolean) => Promise<void>;
}

export function useRouterCertificate(): RouterCertificateState {
  const api = useApi();
  const [certificate, setCertificate] = useState<RouterCertificateView | null>(null);
  const [loaded, setLoaded] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppErrorData | null>(null);

  useEffect(() => {
    let live = true;
    void api.router.certificate().then((r) => {
      if (!live) return;
      if (r.ok) setCertificate(r.value);
      else setError(r.error);
      setLoaded(true);
    });
    return () => {
      live = false;
    };
  }, [api]);

  const make = useCallback(
    async (replace: boolean) => {
      setBusy(true);
      const r = await api.router.makeCertificate({ replace });
      setBusy(false);
      if (r.ok) setCertificate(r.value);
      setError(r.ok ? null : r.error);
    },
    [api],
  );
  return { certificate, loaded, busy, error, make };
}
