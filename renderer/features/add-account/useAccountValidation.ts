// Live validation of the add/edit form with the same rules main applies (shared/otp/validate),
// so the user sees problems while typing instead of after a round trip.
import { useMemo } from 'react';
import type { OtpAccountData } from '../../../shared/otp/types';
import { validateAccountInput } from '../../../shared/otp/validate';
import { toAccountInput, type AccountFormValues, type FormField } from './form-model';

export type FieldErrors = Partial<Record<FormField, string>>;

export interface FormValidation {
  /** Normalised account when valid (secret in canonical base32). */
  value: OtpAccountData | null;
  /** No field errors (in edit mode an empty secret counts as valid). */
  valid: boolean;
  errors: FieldErrors;
  warnings: string[];
}

/** With `secretOptional` (edit), an empty secret means "keep the stored one" and is not an error. */
export function useAccountValidation(values: AccountFormValues, secretOptional = false): FormValidation {
  return useMemo(() => {
    const input = toAccountInput(values);
    const result = validateAccountInput(input);
    if (result.ok) return { value: result.value, valid: true, errors: {}, warnings: result.warnings };
    const errors: FieldErrors = { ...result.errors } as FieldErrors;
    if (secretOptional && !input.secret) delete errors.secret;
    return { value: null, valid: Object.keys(errors).length === 0, errors, warnings: result.warnings };
  }, [values, secretOptional]);
}
