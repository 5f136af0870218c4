import type { AbstractControl, ValidationErrors } from '@angular/forms';

/**
 * A form-group validator: marks `confirmPassword` (or `confirmField`) with `mismatch` when it
 * differs from `password` (or `passwordField`).
 */
export function passwordsMatchOf(passwordField: string, confirmField: string) {
  return (group: AbstractControl): ValidationErrors | null => {
    const password: unknown = group.get(passwordField)?.value;
    const confirm = group.get(confirmField);
    if (!confirm) return null;
    const mismatch = !!confirm.value && password !== confirm.value;
    const { mismatch: _, ...others } = confirm.errors ?? {};
    if (mismatch) {
      confirm.setErrors({ ...others, mismatch: true });
    } else if (confirm.hasError('mismatch')) {
      confirm.setErrors(Object.keys(others).length ? others : null);
    }
    return null;
  };
}

/** `passwordsMatchOf('password', 'confirmPassword')`. */
export const passwordsMatch = passwordsMatchOf('password', 'confirmPassword');
