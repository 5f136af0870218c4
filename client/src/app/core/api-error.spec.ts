import { HttpErrorResponse } from '@angular/common/http';
import { FormControl, FormGroup } from '@angular/forms';
import { applyFieldErrors, errorMessage, toApiError } from './api-error';

describe('api errors', () => {
  it('reads the API error body, including fields and current', () => {
    const err = new HttpErrorResponse({
      status: 409,
      statusText: 'Conflict',
      error: {
        statusCode: 409,
        error: 'Conflict',
        message: 'Someone else changed this client.',
        current: { id: 'c1', version: 3 },
      },
    });
    expect(toApiError(err)).toEqual({
      statusCode: 409,
      error: 'Conflict',
      message: 'Someone else changed this client.',
      fields: undefined,
      current: { id: 'c1', version: 3 },
    });
  });

  it('keeps the machine-readable code a 409 carries', () => {
    const err = new HttpErrorResponse({
      status: 409,
      statusText: 'Conflict',
      error: {
        statusCode: 409,
        error: 'Conflict',
        message: "That time is outside Maya Chen's working hours.",
        code: 'outside_hours',
      },
    });
    expect(toApiError(err).code).toBe('outside_hours');
  });

  it('never shows a bare "Internal Server Error": server failures are said in plain words', () => {
    const plain = 'Something went wrong on our side. Please try again in a moment.';
    const bodies = [
      { statusCode: 500, error: 'Internal Server Error', message: 'Internal Server Error' },
      { statusCode: 500, error: 'Internal Server Error', message: 'Internal server error' },
      { statusCode: 502, error: 'Bad Gateway', message: '' },
      '<html><body>502 Bad Gateway</body></html>',
    ];
    const messages = bodies.map(
      (error) =>
        toApiError(
          new HttpErrorResponse({ status: 500, statusText: 'Internal Server Error', error }),
        ).message,
    );
    expect(messages).toEqual([plain, plain, plain, plain]);
    // A server message written for people is kept as it is.
    const written = new HttpErrorResponse({
      status: 503,
      error: { statusCode: 503, message: "Attune's database is not answering right now." },
    });
    expect(toApiError(written).message).toBe("Attune's database is not answering right now.");
  });

  it('explains a network failure in plain words', () => {
    const err = new HttpErrorResponse({ status: 0, statusText: 'Unknown Error' });
    expect(toApiError(err).message).toBe(
      "We couldn't reach Attune. Check your connection and try again.",
    );
  });

  it('puts field messages on matching controls and reports the rest', () => {
    const form = new FormGroup({ email: new FormControl(''), password: new FormControl('') });
    const unmatched = applyFieldErrors(form, {
      statusCode: 400,
      error: 'Bad Request',
      message: 'Check the form.',
      fields: { email: 'That email is already in use.', other: 'x' },
    });
    expect(unmatched).toEqual(['other']);
    expect(form.controls.email.getError('server')).toBe('That email is already in use.');
    expect(form.controls.email.touched).toBe(true);
    expect(errorMessage(form.controls.email, 'Email')).toBe('That email is already in use.');
    expect(form.controls.password.errors).toBeNull();
  });
});
