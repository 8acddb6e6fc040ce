// Every import format, in no particular order: detection picks the highest-scoring one.
import type { ImportFormat } from '../types';
import { authenticatorPlus } from './authenticator-plus';
import { freeOtpV2 } from './freeotp-v2';
import { googleAuthenticatorDb } from './google-authenticator-db';
import { microsoftAuthenticatorDb } from './microsoft-authenticator-db';
import { stratumBackup } from './stratum-backup';
import { stratumDb } from './stratum-db';

export const IMPORT_FORMATS: readonly ImportFormat[] = [
  googleAuthenticatorDb,
  microsoftAuthenticatorDb,
  stratumBackup,
  stratumDb,
  freeOtpV2,
  authenticatorPlus,
];
