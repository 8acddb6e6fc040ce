// Watch mode: re-runs the selected profile every N seconds. The next run is scheduled only after the
// previous one ended (never two at once, however slow the router), N seconds after the previous one
// started. It stops on stop(), when the profile changes and when the Tester section unmounts.
import { useCallback, useEffect, useRef, useState } from 'react';

export const WATCH_MIN_SECONDS = 2;
export const WATCH_MAX_SECONDS = 3600;

export interface WatchState {
  /** The profile being watched, or null. */
  watchingId: string | null;
  /** Runs made since the watch started. */
  runs: number;
  start: (profileId: string, seconds: number) => void;
  stop: () => void;
}

/** `run` resolves when its test has ended (false: it could not run, e.g. another test was running). */
export function useWatch(run: (profileId: string) => Promise<unknown>): WatchState {
  const [watchingId, setWatchingId] = useState<string | null>(null);
  const [runs, setRuns] = useState(0);
  // The live watch's generation: a stopped watch's pending timer or in-flight run sees it changed.
  const generation = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const runRef = useRef(run);
  runRef.current = run;

  const stop = useCallback(() => {
    generation.current++;
    if (timer.current !== null) clearTimeout(timer.current);
    timer.current = null;
    setWatchingId(null);
  }, []);

  const start = useCallback(
    (profileId: string, seconds: number) => {
      stop();
      const mine = ++generation.current;
      const periodMs = Math.min(WATCH_MAX_SECONDS, Math.max(WATCH_MIN_SECONDS, seconds)) * 1000;
      setWatchingId(profileId);
      setRuns(0);
      const tick = async () => {
        timer.current = null;
        const startedAt = Date.now();
        await runRef.current(profileId);
        if (generation.current !== mine) return;
        setRuns((n) => n + 1);
        timer.current = setTimeout(() => void tick(), Math.max(0, periodMs - (Date.now() - startedAt)));
      };
      void tick();
    },
    [stop],
  );

  // Leaving the section ends the watch.
  useEffect(() => stop, [stop]);

  return { watchingId, runs, start, stop };
}
