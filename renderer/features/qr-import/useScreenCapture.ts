// Whether "Capture screen" can work here: only the desktop app has a screen capturer in main.
import { useEffect, useState } from 'react';
import { useApi } from '../api/ApiContext';

export function useScreenCaptureAvailable(): boolean {
  const api = useApi();
  const [available, setAvailable] = useState(false);
  useEffect(() => {
    let live = true;
    void api.app.info().then((r) => {
      if (live && r.ok) setAvailable(r.value.mode === 'desktop');
    });
    return () => {
      live = false;
    };
  }, [api]);
  return available;
}
