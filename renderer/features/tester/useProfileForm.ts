// The form being edited and the saved version it started from (for "unsaved changes"). Errors show
// for fields the user has left, or for all of them after a save/run was attempted.
import { useCallback, useMemo, useState } from 'react';
import { emptyForm, isDirty, validateForm, withField, type FormErrors, type FormField, type ProfileForm } from './profile-form';

export function useProfileForm() {
  const [form, setForm] = useState<ProfileForm>(emptyForm);
  const [saved, setSaved] = useState<ProfileForm | null>(null);
  const [touched, setTouched] = useState<ReadonlySet<FormField>>(new Set());
  const [submitted, setSubmitted] = useState(false);

  const errors = useMemo(() => validateForm(form), [form]);
  const dirty = useMemo(() => isDirty(form, saved), [form, saved]);

  const set = useCallback(<F extends keyof ProfileForm>(field: F, value: ProfileForm[F]) => {
    setForm((f) => withField(f, field, value));
  }, []);

  const setProbes = useCallback((action: keyof ProfileForm['probes'], text: string) => {
    setForm((f) => ({ ...f, probes: { ...f.probes, [action]: text } }));
  }, []);

  const touch = useCallback((field: FormField) => {
    setTouched((t) => (t.has(field) ? t : new Set([...t, field])));
  }, []);

  /** Shows a saved profile (or a blank new one with saved = null). */
  const load = useCallback((next: ProfileForm, isSaved: boolean) => {
    setForm(next);
    setSaved(isSaved ? next : null);
    setTouched(new Set());
    setSubmitted(false);
  }, []);

  const visibleErrors: FormErrors = {};
  for (const [field, message] of Object.entries(errors) as [FormField, string][]) {
    if (submitted || touched.has(field)) visibleErrors[field] = message;
  }

  return {
    form,
    set,
    setProbes,
    touch,
    load,
    errors,
    visibleErrors,
    valid: Object.keys(errors).length === 0,
    dirty,
    markSubmitted: () => setSubmitted(true),
  };
}

export type ProfileFormState = ReturnType<typeof useProfileForm>;
