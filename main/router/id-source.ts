// Random WAMP ids in [1, 2^53] from a pooled buffer of random bytes, so a publish does not cost a
// call into the RNG. Uniqueness against live ids is the caller's job (takeUnique).
import { randomId, type RandomBytes } from '../../shared/wamp/ids';

const POOL_IDS = 256;

export class IdSource {
  private pool: Uint8Array = new Uint8Array(0);
  private offset = 0;

  constructor(private readonly random: RandomBytes) {}

  take(): number {
    if (this.offset + 7 > this.pool.length) {
      this.pool = this.random(7 * POOL_IDS);
      this.offset = 0;
    }
    const start = this.offset;
    this.offset += 7;
    return randomId(() => this.pool.subarray(start, start + 7));
  }

  /** A random id not in use according to `inUse`. */
  takeUnique(inUse: (id: number) => boolean): number {
    for (;;) {
      const id = this.take();
      if (!inUse(id)) return id;
    }
  }
}
