/** True when at least `interval` ms passed since the last report (or there was none). */
export function shouldReport(last: number, now: number, interval: number): boolean {
  return last === 0 || now - last >= interval || now < last;
}
