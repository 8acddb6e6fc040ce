// How CLI failures become exit codes: usage problems (unknown command/flag, missing argument) exit 2
// with the command's usage; an unusable keychain exits 2 as well (nothing the command can do about it);
// everything else — not found, invalid input, a refused operation — exits 1.
import { AppError, toAppErrorData } from '../../shared/api/errors';
import { EXIT } from './context';

export class UsageError extends Error {
  constructor(
    message: string,
    /** Usage text to print under the message. */
    readonly usage: string,
  ) {
    super(message);
    this.name = 'UsageError';
  }
}

/** A failure whose message is complete for the user; exits 1. */
export class CliFailure extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT.failure,
  ) {
    super(message);
    this.name = 'CliFailure';
  }
}

export function reportError(error: unknown, stderr: (text: string) => void): number {
  if (error instanceof UsageError) {
    stderr(`authbahn: ${error.message}\n\n${error.usage}`);
    return EXIT.usage;
  }
  if (error instanceof CliFailure) {
    stderr(`authbahn: ${error.message}\n`);
    return error.exitCode;
  }
  const data = toAppErrorData(error);
  if (data.code === 'INTERNAL') {
    stderr(`authbahn: unexpected error: ${data.message}\n`);
    if (error instanceof Error && error.stack && !(error instanceof AppError)) stderr(`${error.stack}\n`);
    return EXIT.failure;
  }
  stderr(`authbahn: ${data.message}\n`);
  return data.code === 'KEYCHAIN_UNAVAILABLE' ? EXIT.usage : EXIT.failure;
}
