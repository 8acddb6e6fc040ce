// Countdown for a TOTP/Steam window. The arc drains smoothly through a CSS animation started
// with a negative delay (the time already elapsed), so no per-frame JavaScript runs; the number
// and the red "last seconds" state follow the list's one-per-second tick.
import { useMemo, type CSSProperties } from 'react';
import { cx } from './cx';
import { ringDashOffset, ringState } from './ring';

export interface CountdownRingProps {
  validFrom: number;
  validUntil: number;
  /** Time of the last tick. */
  now: number;
  size?: number;
}

export function CountdownRing({ validFrom, validUntil, now, size = 30 }: CountdownRingProps) {
  const state = ringState(validFrom, validUntil, now);
  // Fixed per window: changing animation-delay on a running animation would make it jump.
  const animation = useMemo<CSSProperties>(() => {
    const elapsed = Math.max(0, Date.now() - validFrom);
    return { animationDuration: `${validUntil - validFrom}ms`, animationDelay: `-${elapsed}ms` };
  }, [validFrom, validUntil]);

  return (
    <span
      className={cx('ring', state.urgent && 'ring-urgent')}
      role="timer"
      aria-label={`${state.secondsLeft} seconds left`}
      data-testid="countdown"
      data-seconds-left={state.secondsLeft}
    >
      <svg width={size} height={size} viewBox="0 0 36 36" aria-hidden="true" focusable="false">
        <circle className="ring-track" cx="18" cy="18" r="15" pathLength={100} />
        <circle
          key={validFrom}
          className="ring-progress"
          cx="18"
          cy="18"
          r="15"
          pathLength={100}
          strokeDasharray="100 100"
          strokeDashoffset={ringDashOffset(state.fraction)}
          transform="rotate(-90 18 18)"
          style={animation}
        />
      </svg>
      <span className="ring-seconds">{state.secondsLeft}</span>
    </span>
  );
}
