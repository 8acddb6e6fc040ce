// Which format a file is in: every format scores the content (see ImportFormat.detect), the highest
// score wins, and the file name only decides between formats with the same score.
import { AppError } from '../../shared/api/errors';
import { IMPORT_FORMATS } from './formats';
import type { ImportFile, ImportFormat } from './types';

/** Name patterns per format id, consulted only to break a tie between equal content scores. */
const NAME_HINTS: [RegExp, string][] = [
  [/aegis/i, 'aegis'],
  [/\.2fas$|2fas/i, '2fas'],
  [/andotp/i, 'andotp'],
  [/bitwarden/i, 'bitwarden'],
  [/\.mafile$|steam/i, 'steam'],
  [/totp.?authenticator/i, 'totp-authenticator'],
  [/authy/i, 'authy'],
  [/freeotp.?plus|freeotp\+/i, 'freeotp-plus'],
  [/freeotp/i, 'freeotp-xml'],
  [/duo/i, 'duo'],
  [/proton/i, 'proton'],
  [/battle.?net|blizzard/i, 'battlenet'],
  [/\.txt$|\.uri$/i, 'uris'],
];

function safeScore(format: ImportFormat, file: ImportFile): number {
  try {
    const score = format.detect(file);
    return Number.isFinite(score) && score > 0 ? score : 0;
  } catch {
    // detect() must not throw; a format that does anyway simply does not claim the file.
    return 0;
  }
}

export interface Detection {
  format: ImportFormat;
  score: number;
}

/** Every format that claims the file, best first. */
export function rankFormats(file: ImportFile, formats: readonly ImportFormat[] = IMPORT_FORMATS): Detection[] {
  const hinted = NAME_HINTS.find(([pattern]) => pattern.test(file.name))?.[1];
  return formats
    .map((format, index) => ({ format, score: safeScore(format, file), index }))
    .filter((d) => d.score > 0)
    .sort((a, b) => b.score - a.score || Number(b.format.id === hinted) - Number(a.format.id === hinted) || a.index - b.index)
    .map(({ format, score }) => ({ format, score }));
}

/** The best format for the file; IMPORT_UNKNOWN_FORMAT when no format claims it. */
export function detectFormat(file: ImportFile, formats: readonly ImportFormat[] = IMPORT_FORMATS): ImportFormat {
  const best = rankFormats(file, formats)[0];
  if (best === undefined) {
    throw new AppError('IMPORT_UNKNOWN_FORMAT', `${file.name === '-' ? 'Standard input' : `"${file.name}"`} is not an export file of any authenticator we know`);
  }
  return best.format;
}

/** The format with this id (for --format NAME); INVALID_ARGUMENT names the known ones. */
export function formatById(id: string, formats: readonly ImportFormat[] = IMPORT_FORMATS): ImportFormat {
  const found = formats.find((f) => f.id === id.trim().toLowerCase());
  if (found === undefined) {
    throw new AppError('INVALID_ARGUMENT', `Unknown import format "${id.slice(0, 40)}"; known formats: ${formats.map((f) => f.id).join(', ')}`);
  }
  return found;
}
