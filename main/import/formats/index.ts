// Every import format, in no particular order: detection picks the highest-scoring one.
import type { ImportFormat } from '../types';
import { aegisFormat } from './aegis';
import { andOtpFormat } from './andotp';
import { authenticatorPlus } from './authenticator-plus';
import { authyFormat } from './authy';
import { battleNetFormat } from './battle-net';
import { bitwardenFormat } from './bitwarden';
import { duoFormat } from './duo';
import { freeOtpPlusFormat } from './freeotp-plus';
import { freeOtpV2 } from './freeotp-v2';
import { freeOtpXmlFormat } from './freeotp-xml';
import { googleAuthenticatorDb } from './google-authenticator-db';
import { microsoftAuthenticatorDb } from './microsoft-authenticator-db';
import { otpauthUrisFormat } from './otpauth-uris';
import { protonFormat } from './proton';
import { steamFormat } from './steam';
import { stratumBackup } from './stratum-backup';
import { stratumDb } from './stratum-db';
import { totpAuthenticatorFormat } from './totp-authenticator';
import { twofasFormat } from './twofas';

export const IMPORT_FORMATS: readonly ImportFormat[] = [
  otpauthUrisFormat,
  aegisFormat,
  twofasFormat,
  andOtpFormat,
  bitwardenFormat,
  freeOtpXmlFormat,
  freeOtpPlusFormat,
  steamFormat,
  duoFormat,
  protonFormat,
  battleNetFormat,
  authyFormat,
  totpAuthenticatorFormat,
  googleAuthenticatorDb,
  microsoftAuthenticatorDb,
  stratumBackup,
  stratumDb,
  freeOtpV2,
  authenticatorPlus,
];
