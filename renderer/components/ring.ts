// Countdown math for a TOTP/Steam validity window. The ring SVG uses pathLength=100, so the
// dash offset is simply "percent elapsed".

/** Remaining time at or below which the countdown turns red. */
export const URGENT_MS = 5_000;

export interface RingState {
  /** Length of the window in ms. */
  totalMs: number;
  /** Time left in the window, clamped to [0, totalMs]. */
  remainingMs: number;
  /** Remaining share of the window, 1 at the start, 0 at the end. */
  fraction: number;
  /** Whole seconds left as a person reads a countdown: 30 … 1 (never 0 while the code is shown). */
  secondsLeft: number;
  /** True in the last URGENT_MS of the window. */
  urgent: boolean;
  /** Milliseconds since the window started, for a CSS animation's negative delay. */
  elapsedMs: number;
}

export function ringState(validFrom: number, validUntil: number, now: number, urgentMs = URGENT_MS): RingState {
  const totalMs = Math.max(1, validUntil - validFrom);
  const remainingMs = Math.min(totalMs, Math.max(0, validUntil - now));
  const elapsedMs = totalMs - remainingMs;
  return {
    totalMs,
    remainingMs,
    fraction: remainingMs / totalMs,
    secondsLeft: Math.max(1, Math.ceil(remainingMs / 1000)),
    urgent: remainingMs <= urgentMs,
    elapsedMs,
  };
}

/** stroke-dashoffset for a circle with pathLength=100 that drains as time passes. */
export function ringDashOffset(fraction: number): number {
  const clamped = Math.min(1, Math.max(0, fraction));
  return Math.round((1 - clamped) * 100 * 1000) / 1000;
}
