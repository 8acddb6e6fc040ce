// Poll timing: one timer for the whole list, firing just after each wall-clock second so that
// a new TOTP window (which always starts on a whole second) shows up without a visible lag.

/** Slack after the boundary, so a timer that fires a few ms early still lands in the new second. */
export const BOUNDARY_SLACK_MS = 15;

export function msUntilNextSecond(now: number, slackMs = BOUNDARY_SLACK_MS): number {
  return 1000 - (((now % 1000) + 1000) % 1000) + slackMs;
}
