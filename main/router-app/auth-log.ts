// The authentication log of the in-app router: a ring buffer of the last AUTH_LOG_LIMIT outcomes.
// Only what the router's audit events carry goes in (who, how, outcome, reason): never a ticket,
// secret or signature — those are not in AuthEvent to begin with.
import { AUTH_LOG_LIMIT, type RouterAuthLogEntry } from '../../shared/api/router-contract';

export type NewAuthLogEntry = Omit<RouterAuthLogEntry, 'seq'>;

export class AuthLog {
  private readonly entries: RouterAuthLogEntry[] = [];
  private seq = 0;

  constructor(private readonly limit: number = AUTH_LOG_LIMIT) {}

  add(entry: NewAuthLogEntry): RouterAuthLogEntry {
    const stored = { seq: ++this.seq, ...entry };
    this.entries.push(stored);
    if (this.entries.length > this.limit) this.entries.splice(0, this.entries.length - this.limit);
    return stored;
  }

  /** Oldest first. */
  list(): RouterAuthLogEntry[] {
    return this.entries.map((e) => ({ ...e }));
  }

  clear(): void {
    this.entries.length = 0;
  }
}
