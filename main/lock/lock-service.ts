// The app lock: locked at start when a lock password is set, after N idle minutes, on demand and on
// system lock/suspend (the Electron main process calls lock()). While locked, lock-guard.ts refuses
// every API call that could reveal a code or a secret. The CLI builds this with enforce: false: whoever
// runs commands as the user can read the keychain directly, so a lock there would protect nothing.
import { AppError } from '../../shared/api/errors';
import { SETTINGS_LIMITS, type LockStatus } from '../../shared/api/settings-contract';
import type { EventBus } from '../events';
import { SerialQueue } from '../serial-queue';
import type { SettingsFile } from '../settings/settings-file';
import { lockedError } from './lock-guard';
import { createVerifier, verifyPassword } from './lock-verifier';

export type TimerHandle = unknown;

export interface LockServiceOptions {
  settings: SettingsFile;
  events: EventBus;
  now: () => number;
  /** false: never locked (the CLI). */
  enforce: boolean;
  /** Called when the app locks (e.g. take a copied code off the clipboard). */
  onLock?: () => Promise<void> | void;
  setTimer?: (fn: () => void, ms: number) => TimerHandle;
  clearTimer?: (handle: TimerHandle) => void;
}

/**
 * How long an entered lock password (unlock, confirm, setting it) lets secret-revealing calls run.
 * Long enough for "export, then copy, then show one QR"; short enough that an unattended unlocked
 * window, or a browser session someone else obtained, cannot export without knowing the password.
 */
export const REAUTH_WINDOW_MS = 2 * 60_000;

/** Wrong passwords allowed before each further one makes the next attempt wait. */
const FREE_ATTEMPTS = 5;
const BASE_BACKOFF_MS = 30_000;
const MAX_BACKOFF_MS = 5 * 60_000;

export class LockService {
  private locked = false;
  private lastActivity: number;
  private idleMs = 0;
  private timer: TimerHandle | undefined;
  private failures = 0;
  private blockedUntil = 0;
  /** When the lock password was last entered correctly (unlock, confirm, set/change); -Infinity: never. */
  private confirmedAt = Number.NEGATIVE_INFINITY;
  /** One password check at a time: parallel guesses must not slip past the failure count. */
  private readonly checks = new SerialQueue();
  private readonly setTimer: (fn: () => void, ms: number) => TimerHandle;
  private readonly clearTimer: (handle: TimerHandle) => void;

  constructor(private readonly options: LockServiceOptions) {
    this.lastActivity = options.now();
    this.setTimer = options.setTimer ?? ((fn, ms) => setTimeout(fn, ms).unref());
    this.clearTimer = options.clearTimer ?? ((handle) => clearTimeout(handle as ReturnType<typeof setTimeout>));
  }

  /** Reads settings.json: with a lock password, the app starts locked. */
  async init(): Promise<void> {
    const stored = await this.options.settings.read();
    this.locked = this.options.enforce && stored.lockVerifier !== null;
    this.setIdleMinutes(stored.settings.lockIdleMinutes);
  }

  isLocked(): boolean {
    return this.locked;
  }

  async status(): Promise<LockStatus> {
    const stored = await this.options.settings.read();
    return { enabled: this.options.enforce && stored.lockVerifier !== null, locked: this.locked, idleMinutes: stored.settings.lockIdleMinutes };
  }

  /** Any user action (a non-polling API call or the UI's lock.activity) restarts the idle countdown. */
  noteActivity(): void {
    this.lastActivity = this.options.now();
  }

  setIdleMinutes(minutes: number): void {
    this.idleMs = Math.max(0, minutes) * 60_000;
    this.schedule();
  }

  /** No-op without a lock password (there would be no way to unlock). */
  async lock(): Promise<LockStatus> {
    const stored = await this.options.settings.read();
    if (this.options.enforce && stored.lockVerifier !== null && !this.locked) {
      this.locked = true;
      this.confirmedAt = Number.NEGATIVE_INFINITY;
      this.stopTimer();
      await this.emit();
      await this.options.onLock?.();
    }
    return this.status();
  }

  unlock(password: string): Promise<LockStatus> {
    return this.checks.run(async () => {
      const verifier = (await this.options.settings.read()).lockVerifier;
      if (!this.locked || verifier === null) return this.status();
      this.refuseWhileBlocked();
      if (!(await verifyPassword(password, verifier))) throw this.recordFailure('Wrong password');
      this.failures = 0;
      this.blockedUntil = 0;
      this.locked = false;
      this.confirmedAt = this.options.now();
      this.noteActivity();
      this.schedule();
      await this.emit();
      return this.status();
    });
  }

  /** Set (current null when none is set), change, or remove (next null) the lock password. */
  setPassword(current: string | null, next: string | null): Promise<LockStatus> {
    return this.checks.run(async () => {
      const verifier = (await this.options.settings.read()).lockVerifier;
      if (verifier !== null) {
        this.refuseWhileBlocked();
        if (current === null || !(await verifyPassword(current, verifier))) throw this.recordFailure('The current lock password is wrong');
        this.failures = 0;
      }
      if (next !== null && next.length < SETTINGS_LIMITS.lockPasswordMin) {
        throw new AppError('INVALID_ARGUMENT', `The lock password must have at least ${SETTINGS_LIMITS.lockPasswordMin} characters`);
      }
      const lockVerifier = next === null ? null : await createVerifier(next);
      await this.options.settings.update((stored) => ({ ...stored, lockVerifier }));
      if (lockVerifier === null) this.locked = false;
      // The user has just typed the (new) password: as good a confirmation as unlocking.
      this.confirmedAt = this.options.now();
      this.noteActivity();
      this.schedule();
      await this.emit();
      return this.status();
    });
  }

  /** Confirms the lock password while unlocked (see REAUTH_WINDOW_MS); same backoff as unlock. */
  confirm(password: string): Promise<LockStatus> {
    return this.checks.run(async () => {
      const verifier = (await this.options.settings.read()).lockVerifier;
      if (!this.options.enforce || verifier === null) return this.status();
      if (this.locked) throw lockedError();
      this.refuseWhileBlocked();
      if (!(await verifyPassword(password, verifier))) throw this.recordFailure('Wrong password');
      this.failures = 0;
      this.blockedUntil = 0;
      this.confirmedAt = this.options.now();
      this.noteActivity();
      return this.status();
    });
  }

  /**
   * Throws REAUTH_REQUIRED unless secret-revealing calls may run now: always without a lock password
   * (or in the CLI), otherwise only within REAUTH_WINDOW_MS of the password being entered.
   */
  async checkSecretAccess(): Promise<void> {
    if (!this.options.enforce) return;
    if ((await this.options.settings.read()).lockVerifier === null) return;
    // Locked says more than "confirm": the unlock screen, not a password dialog, is what the UI needs.
    if (this.locked) throw lockedError();
    const since = this.options.now() - this.confirmedAt;
    if (since >= 0 && since <= REAUTH_WINDOW_MS) return;
    throw new AppError('REAUTH_REQUIRED', 'Enter the lock password to show or export secrets', { windowMs: REAUTH_WINDOW_MS });
  }

  dispose(): void {
    this.stopTimer();
  }

  private refuseWhileBlocked(): void {
    const wait = this.blockedUntil - this.options.now();
    if (wait > 0) throw new AppError('LOCKED', `Too many wrong passwords: try again in ${Math.ceil(wait / 1000)} s`, { retryAfterMs: wait });
  }

  private recordFailure(message: string): AppError {
    this.failures += 1;
    const over = this.failures - FREE_ATTEMPTS;
    if (over >= 0) this.blockedUntil = this.options.now() + Math.min(MAX_BACKOFF_MS, BASE_BACKOFF_MS * 2 ** over);
    return new AppError('WRONG_PASSWORD', message);
  }

  /** One timer at the earliest moment the idle limit could be reached; it re-checks when it fires. */
  private schedule(): void {
    this.stopTimer();
    if (!this.options.enforce || this.locked || this.idleMs <= 0) return;
    const due = this.lastActivity + this.idleMs - this.options.now();
    this.timer = this.setTimer(() => {
      this.timer = undefined;
      if (this.options.now() - this.lastActivity >= this.idleMs) void this.lock();
      else this.schedule();
    }, Math.max(1_000, due));
  }

  private stopTimer(): void {
    if (this.timer !== undefined) this.clearTimer(this.timer);
    this.timer = undefined;
  }

  private async emit(): Promise<void> {
    this.options.events.emit('lock.changed', await this.status());
  }
}
