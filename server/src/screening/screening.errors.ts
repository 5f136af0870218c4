import { HttpStatus } from '@nestjs/common';
import { AnswerError, DefinitionError, FhirImportError } from '@attune/shared';
import { AppError } from '../common/errors.js';

/** Turns the engine's typed errors into 400s that name the item. */
export function engineErrorToHttp(e: unknown, prefix: string): never {
  if (e instanceof AnswerError || e instanceof FhirImportError) {
    // An import limit names its own field (a JSON path such as `title` or `item[2].text`).
    const field =
      e instanceof FhirImportError && e.field
        ? e.field
        : e.linkId
          ? `${prefix}.${e.linkId}`
          : prefix;
    throw new AppError(HttpStatus.BAD_REQUEST, 'validation_failed', e.message, {
      fields: { [field]: e.message },
    });
  }
  if (e instanceof DefinitionError) {
    throw new AppError(HttpStatus.BAD_REQUEST, 'validation_failed', e.message, {
      fields: { [prefix]: e.message },
    });
  }
  throw e;
}

export const ALREADY_SUBMITTED =
  'This screener was already sent in. Your therapist will go through it with you.';
export const CANCELLED =
  'This screener was withdrawn by your therapist, so it can no longer be changed.';
export const STALE_DRAFT =
  'These answers were changed somewhere else (maybe on another device). Here are the latest saved answers.';
export const KEY_REUSED = 'This Idempotency-Key was already used for a different submission.';

export const errors = {
  alreadySubmitted: () => new AppError(HttpStatus.CONFLICT, 'already_submitted', ALREADY_SUBMITTED),
  cancelled: () => new AppError(HttpStatus.CONFLICT, 'screening_cancelled', CANCELLED),
  keyReused: () => new AppError(HttpStatus.UNPROCESSABLE_ENTITY, 'key_reused', KEY_REUSED),
  notSubmitted: () =>
    new AppError(
      HttpStatus.CONFLICT,
      'not_submitted',
      'This screener has not been submitted yet, so there is no result.',
    ),
  clientsSeeNoScores: () =>
    new AppError(
      HttpStatus.FORBIDDEN,
      'clients_see_no_scores',
      'Your therapist will go through your answers with you.',
    ),
};
