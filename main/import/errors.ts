// The three ways an import file can fail, as AppErrors with messages a user can act on. Messages never
// quote file content: a damaged export may still hold secrets.
import { AppError } from '../../shared/api/errors';

export function unreadable(format: string, why: string): AppError {
  return new AppError('IMPORT_UNREADABLE', `This ${format} file cannot be read: ${why}`, { format });
}

export function passwordRequired(format: string): AppError {
  return new AppError('IMPORT_PASSWORD_REQUIRED', `This ${format} file is encrypted: a password is needed`, { format });
}

export function wrongPassword(format: string): AppError {
  return new AppError('IMPORT_WRONG_PASSWORD', `The password does not decrypt this ${format} file; nothing was imported`, { format });
}
