// The three ways reading an export file can fail, as AppErrors with one wording per case, so every
// format says "wrong password" and "damaged" the same way and callers can switch on the code.
// Messages never quote file content: a damaged export may still hold secrets.
//
// `what` names the file as the subject of a sentence, e.g. "This Aegis vault file".
import { AppError } from '../../shared/api/errors';

/** The file is encrypted and no password was given. */
export function passwordRequired(what: string): AppError {
  return new AppError('IMPORT_PASSWORD_REQUIRED', `${what} is encrypted: enter its password`);
}

/**
 * The password does not decrypt the file. Authenticated encryption cannot tell a wrong password from
 * a damaged ciphertext, so the message admits both; the code stays WRONG_PASSWORD because that is by
 * far the likelier cause and the one the user can act on.
 */
export function wrongPassword(what: string): AppError {
  return new AppError('IMPORT_WRONG_PASSWORD', `The password does not decrypt ${lowerFirst(what)} (or the file is damaged); nothing was imported`);
}

/** The content is damaged, truncated or not what detection thought. */
export function unreadable(what: string, why: string): AppError {
  return new AppError('IMPORT_UNREADABLE', `${what} cannot be read: ${why}`);
}

/** An error message for anything thrown by a parser or library, bounded so it cannot flood a terminal. */
export function describeCause(cause: unknown): string {
  const text = cause instanceof Error ? cause.message : String(cause);
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}

/** "This X file" as the object of a sentence. */
function lowerFirst(what: string): string {
  return what.startsWith('This ') ? `this ${what.slice(5)}` : what;
}
