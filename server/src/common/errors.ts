import { HttpException, HttpStatus } from '@nestjs/common';

/** A 4xx with a user-facing message and optional per-field detail and recovery state. */
export class AppError extends HttpException {
  constructor(
    status: HttpStatus,
    message: string,
    extra: {
      fields?: Record<string, string>;
      current?: unknown;
      code?: string;
      /** Seconds; sent as the Retry-After header by whoever answers (see LoginGuard). */
      retryAfter?: number;
    } = {},
  ) {
    super({ message, ...extra }, status);
  }
}

export const notFound = (what = 'That item') =>
  new AppError(HttpStatus.NOT_FOUND, `${what} was not found.`);

export const badField = (field: string, message: string) =>
  new AppError(HttpStatus.BAD_REQUEST, `${field}: ${message}`, { fields: { [field]: message } });

export const conflict = (message: string, current?: unknown) =>
  new AppError(HttpStatus.CONFLICT, message, current === undefined ? {} : { current });
