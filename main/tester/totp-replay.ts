// Remembers which TOTP codes this tester already sent (per secret source and target) until they
// expire, so a rejected code can be explained as "reused" instead of "wrong". Keys hold codes, not
// secrets, and only in memory.
export class TotpReplayMemory {
  private readonly sent = new Map<string, number>();

  /** True when `key` was sent and its code is still within its validity window at `atMs`. */
  seen(key: string, atMs: number): boolean {
    this.prune(atMs);
    return this.sent.has(key);
  }

  remember(key: string, validUntil: number): void {
    this.sent.set(key, validUntil);
  }

  private prune(atMs: number): void {
    for (const [key, until] of this.sent) if (until <= atMs) this.sent.delete(key);
  }
}
