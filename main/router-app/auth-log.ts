// The authentication log of the in-app router: a ring buffer of the last AUTH_LOG_LIMIT outcomes.
// Only what the router's audit events carry goes in (who, how, outcome, reason): never a ticket,
// secret or signature — those are not in AuthEvent to begin with.
// Every text field is peer-controlled or may quote peer text, so each is bounded and escaped on the
// way in (log-text.ts): an entry is pushed to every open UI tab and kept, so it must stay small.
import { AUTH_LOG_LIMIT, type RouterAuthLogEntry } from '../../shared/api/router-contract';
import { LOG_MESSAGE_MAX, logText, logTextOrNull } from '../router/log-text';

export type NewAuthLogEntry = Omit<RouterAuthLogEntry, 'seq'>;

export class AuthLog {
  private readonly entries: RouterAuthLogEntry[] = [];
  private seq = 0;

  constructor(private readonly limit: number = AUTH_LOG_LIMIT) {}

  add(entry: NewAuthLogEntry): RouterAuthLogEntry {
    const stored: RouterAuthLogEntry = { seq: ++this.seq, ...safeEntry(entry) };
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

/** The entry with every text field bounded and its control characters escaped. */
export function safeEntry(entry: NewAuthLogEntry): NewAuthLogEntry {
  return {
    time: logText(entry.time, 64),
    transport: logText(entry.transport),
    peer: logText(entry.peer),
    realm: logText(entry.realm),
    authid: logTextOrNull(entry.authid),
    authmethod: logTextOrNull(entry.authmethod),
    outcome: entry.outcome,
    authrole: logTextOrNull(entry.authrole),
    reason: logTextOrNull(entry.reason),
    message: logTextOrNull(entry.message, LOG_MESSAGE_MAX),
  };
}
