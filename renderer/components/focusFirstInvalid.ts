/**
 * After a failed submit, move focus to the first invalid field — on the next frame, because the
 * error state (aria-invalid) is only rendered after the submit handler returns. Fields inside a
 * collapsed <details> are revealed first.
 */
export function focusFirstInvalid(form: HTMLFormElement): void {
  requestAnimationFrame(() => {
    const field = form.querySelector<HTMLElement>('[aria-invalid="true"]');
    if (!field) return;
    const details = field.closest('details');
    if (details && !details.open) details.open = true;
    field.focus();
  });
}
