// Form state for add/edit: values, which fields the user has left (errors show only for those,
// so a half-typed secret is not shouted at), and whether a submit was attempted (then all show).
import { useCallback, useState } from 'react';
import type { OtpType } from '../../../shared/otp/types';
import { withType, type AccountFormValues, type FormField } from './form-model';
import { useAccountValidation, type FieldErrors } from './useAccountValidation';

export function useAccountForm(initial: AccountFormValues, secretOptional = false) {
  const [values, setValues] = useState<AccountFormValues>(initial);
  const [touched, setTouched] = useState<ReadonlySet<FormField>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const validation = useAccountValidation(values, secretOptional);

  const set = useCallback(<F extends FormField>(field: F, value: AccountFormValues[F]) => {
    setValues((v) => (field === 'type' ? withType(v, value as OtpType) : { ...v, [field]: value }));
  }, []);

  const touch = useCallback((field: FormField) => {
    setTouched((t) => (t.has(field) ? t : new Set([...t, field])));
  }, []);

  const visibleErrors: FieldErrors = {};
  for (const [field, message] of Object.entries(validation.errors) as [FormField, string][]) {
    if (submitted || touched.has(field)) visibleErrors[field] = message;
  }

  return { values, set, touch, validation, visibleErrors, submitted, markSubmitted: () => setSubmitted(true) };
}

export type AccountFormState = ReturnType<typeof useAccountForm>;
