// Test-only, loaded into `authbahn serve` through NODE_OPTIONS=--import (see clockJumpEnv in app.ts):
// SIGUSR2 moves the server's clock (Date.now, which every service reads) 3 minutes forward and says so
// on stderr. That is how an E2E test reaches "the lock password was entered too long ago" — the
// server's own REAUTH_REQUIRED after its 2-minute window — without waiting for it.
const realNow = Date.now.bind(Date);
let offsetMs = 0;
Date.now = () => realNow() + offsetMs;
process.on('SIGUSR2', () => {
  offsetMs += 3 * 60_000;
  process.stderr.write(`clock-jump: +${offsetMs / 1000} s\n`);
});
