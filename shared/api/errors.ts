// Error codes that cross the process boundary (IPC, web bridge, CLI exit paths).
// A string union keeps them greppable and lets the renderer switch on them exhaustively.
export const ERROR_CODES = [
  'INVALID_ARGUMENT', // a request's arguments do not match the contract
  'INVALID_URI', // an otpauth:// or otpauth-migration:// URI could not be parsed
  'INVALID_SECRET', // a base32 secret is malformed or empty
  'INVALID_QR', // an image or QR payload could not be read
  'NOT_FOUND', // no account (or other entity) with that id
  'DUPLICATE', // the same account already exists
  'KEYCHAIN_UNAVAILABLE', // no OS keychain reachable (start-up probe failed)
  'KEYCHAIN_ERROR', // the keychain answered with an error for one item
  'STORAGE_ERROR', // the metadata file could not be read or written
  'UNAUTHORIZED', // web bridge: missing/invalid token or origin
  'UNSUPPORTED', // not available in this mode (e.g. screen capture in a browser)
  'ROUTER_ERROR', // the local WAMP router could not start (port in use, invalid config, unresolvable secret)
  'IMPORT_UNKNOWN_FORMAT', // an import file is not any format we read
  'IMPORT_PASSWORD_REQUIRED', // an import file (or backup) is encrypted and no password was given
  'IMPORT_WRONG_PASSWORD', // the password does not decrypt the import file (or backup)
  'IMPORT_UNREADABLE', // the import file is damaged or not what its format says
  'WRONG_PASSWORD', // the app lock password (or the current one, when changing it) is wrong
  'LOCKED', // the app is locked: calls that return codes or secrets are refused until unlocked
  'REAUTH_REQUIRED', // a call that reveals secrets (export, Show QR) needs the lock password again (lock.confirm)
  'INTERNAL', // a bug: anything not mapped above
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** Plain, serialisable error value: what travels over IPC and the web bridge. */
export interface AppErrorData {
  code: ErrorCode;
  message: string;
  /** Optional structured context, e.g. the field that failed validation. */
  details?: Record<string, unknown>;
}

/** Thrown inside main-process services; the IPC/web dispatcher turns it into a Result. */
export class AppError extends Error implements AppErrorData {
  readonly code: ErrorCode;
  readonly details?: Record<string, unknown>;

  constructor(code: ErrorCode, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    if (details !== undefined) this.details = details;
  }

  toData(): AppErrorData {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}

/** Normalise anything thrown into AppErrorData without leaking stack traces across the boundary. */
export function toAppErrorData(error: unknown): AppErrorData {
  if (error instanceof AppError) return error.toData();
  if (
    typeof error === 'object' &&
    error !== null &&
    isErrorCode((error as { code?: unknown }).code) &&
    typeof (error as { message?: unknown }).message === 'string'
  ) {
    const e = error as AppErrorData;
    return e.details === undefined ? { code: e.code, message: e.message } : { code: e.code, message: e.message, details: e.details };
  }
  const message =
    typeof error === 'object' && error !== null && typeof (error as { message?: unknown }).message === 'string'
      ? (error as { message: string }).message
      : String(error);
  return { code: 'INTERNAL', message: message || 'Unexpected error' };
}
