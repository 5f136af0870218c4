import { HttpErrorResponse } from '@angular/common/http';
import { AbstractControl, FormGroup } from '@angular/forms';
import { type ApiError, ERROR_CODES } from '@attune/shared';

const GENERIC_MESSAGE = 'Something went wrong on our side. Please try again in a moment.';
const OFFLINE_MESSAGE = "We couldn't reach Attune. Check your connection and try again.";

// A reason phrase ("Internal Server Error", "Bad Gateway") says nothing a person can act on.
function isBarePhrase(message: string, statusText: string): boolean {
  const m = message.trim().toLowerCase();
  return (
    !m ||
    m === statusText.trim().toLowerCase() ||
    /^(internal server error|bad gateway|service unavailable|gateway time-?out|unknown error)\.?$/.test(
      m,
    )
  );
}

/** Turns whatever HttpClient threw into the API's error shape, with a readable message. */
export function toApiError(err: unknown): ApiError {
  if (!(err instanceof HttpErrorResponse)) {
    return { statusCode: 0, error: 'Unknown', message: GENERIC_MESSAGE };
  }
  if (err.status === 0) {
    return { statusCode: 0, error: 'Network', message: OFFLINE_MESSAGE };
  }
  const body: unknown = err.error;
  if (body && typeof body === 'object' && 'message' in body) {
    const b = body as Partial<ApiError> & { message: unknown };
    const message = Array.isArray(b.message) ? b.message.join(' ') : String(b.message);
    const statusCode = typeof b.statusCode === 'number' ? b.statusCode : err.status;
    return {
      statusCode,
      error: typeof b.error === 'string' ? b.error : err.statusText,
      message:
        !message || (statusCode >= 500 && isBarePhrase(message, err.statusText ?? ''))
          ? GENERIC_MESSAGE
          : message,
      fields: b.fields && typeof b.fields === 'object' ? b.fields : undefined,
      current: b.current,
      code: (ERROR_CODES as readonly unknown[]).includes(b.code) ? b.code : undefined,
    };
  }
  return { statusCode: err.status, error: err.statusText, message: GENERIC_MESSAGE };
}

/**
 * Puts the server's per-field messages on the matching form controls (as a `server` error)
 * so mat-error shows them. Returns the field names that had no matching control.
 */
export function applyFieldErrors(form: FormGroup, error: ApiError): string[] {
  const unmatched: string[] = [];
  for (const [field, message] of Object.entries(error.fields ?? {})) {
    const control = form.get(field);
    if (control) {
      control.setErrors({ ...(control.errors ?? {}), server: message });
      control.markAsTouched();
    } else {
      unmatched.push(field);
    }
  }
  return unmatched;
}

/** The limit in Angular's minlength/maxlength error (`{ requiredLength, actualLength }`). */
function requiredLength(error: unknown): number | null {
  const limit = (error as { requiredLength?: unknown } | null)?.requiredLength;
  return typeof limit === 'number' ? limit : null;
}

/** One plain-language message for a control's first error, for mat-error. */
export function errorMessage(control: AbstractControl | null, label: string): string {
  const errors = control?.errors;
  if (!errors) return '';
  if (errors['server']) return String(errors['server']);
  if (errors['required']) return `${label} is required.`;
  if (errors['email']) return 'Enter an email address like name@example.com.';
  if (errors['minlength']) {
    const min = requiredLength(errors['minlength']);
    return min === null ? `${label} is too short.` : `${label} needs at least ${min} characters.`;
  }
  if (errors['maxlength']) {
    const max = requiredLength(errors['maxlength']);
    return max === null ? `${label} is too long.` : `${label} can be at most ${max} characters.`;
  }
  if (errors['mismatch']) return 'The passwords do not match.';
  if (errors['timeZone']) return 'Choose a time zone from the list, like America/New_York.';
  return `Check ${label.toLowerCase()}.`;
}
