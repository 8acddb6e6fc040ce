// Public API of the OTP module: code generation, secrets, otpauth:// and Google Authenticator
// export URIs, and form validation. Pure TypeScript, shared by main and the renderer.
export * from './types';
export { normalizeBase32, base32ToBytes, bytesToBase32, secretBits } from './base32';
export { hotpCode, totpCode, steamCode, codeWindow, STEAM_ALPHABET, type CodeWindow } from './generate';
export { parseOtpauthUri, formatOtpauthUri } from './otpauth-uri';
export {
  parseMigrationUri,
  formatMigrationUris,
  migrationUnsupportedReason,
  UNNAMED_LABEL,
  type MigrationBatch,
  type MigrationExport,
  type MigrationExportOptions,
} from './migration';
export { validateAccountInput, type AccountValidation, type AccountFieldErrors, type ValidatedAccount } from './validate';
export { parseAlgorithmName, isHashAlgorithm, isOtpType } from './params';
