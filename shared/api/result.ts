import type { AppErrorData } from './errors';

/** Every API call resolves to a Result; it never rejects for expected failures. */
export type Result<T, E = AppErrorData> = { ok: true; value: T } | { ok: false; error: E };

export const ok = <T>(value: T): Result<T, never> => ({ ok: true, value });
export const err = <E>(error: E): Result<never, E> => ({ ok: false, error });
