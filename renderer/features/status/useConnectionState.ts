// Web mode: the WebSocket to `authbahn serve` can drop (server restarted, laptop slept).
// The bridge reconnects by itself; this hook lets the UI say so and refresh once it is back.
import { useEffect, useRef, useState } from 'react';
import { connectionState, onConnectionStateChange, type ConnectionState } from '../../bridge';

export function useConnectionState(onReconnected: () => void): ConnectionState {
  const [state, setState] = useState<ConnectionState>(() => connectionState());
  const callback = useRef(onReconnected);
  callback.current = onReconnected;

  useEffect(() => {
    let previous = connectionState();
    return onConnectionStateChange((next) => {
      // Events sent while we were away are lost, so anything may have changed.
      if (next === 'ready' && previous !== 'ready') callback.current();
      previous = next;
      setState(next);
    });
  }, []);

  return state;
}
