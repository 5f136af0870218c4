import {
  type ArgumentsHost,
  Catch,
  type ExceptionFilter,
  HttpException,
  HttpStatus,
  Logger,
} from '@nestjs/common';
import { type ApiError, ERROR_CODES, type ErrorCode } from '@attune/shared';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { QueryFailedError } from 'typeorm';
import { isDatabaseUnavailable } from './database-errors.js';
import type { SpaPage } from './static-assets.js';

const REASONS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

// An error answer names fields and quotes at most a short prefix of any value (never the whole of a
// hostile one): 10k bad keys must not come back as 600 kB of message.
const MESSAGE_MAX = 500;
// No promise about saved work: we cannot know whether a failed change was kept.
const SERVER_FAULT =
  'Something went wrong on our side, so this may not have worked. Please try again.';
const FIELDS_MAX = 10;
const FIELD_TEXT_MAX = 160;

function clip(s: string, max: number): string {
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

function clipFields(fields: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(fields).slice(0, FIELDS_MAX))
    out[clip(k, 80)] = clip(String(v), FIELD_TEXT_MAX);
  return out;
}

/** The code of an error that named none: what its status means. */
const BY_STATUS: Record<number, ErrorCode> = {
  400: 'bad_request',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  422: 'unprocessable',
  429: 'too_many_requests',
  503: 'database_unavailable',
};
const codeFor = (status: number): ErrorCode =>
  BY_STATUS[status] ?? (status >= 500 ? 'internal_error' : 'bad_request');
const isErrorCode = (c: unknown): c is ErrorCode =>
  typeof c === 'string' && (ERROR_CODES as readonly string[]).includes(c);

/** An address the browser app answers (a deep link), not a missing file or an API call. */
function isPageAddress(req: FastifyRequest): boolean {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  const path = req.url.split('?')[0]!;
  if (path === '/api' || path.startsWith('/api/')) return false;
  const last = path.slice(path.lastIndexOf('/') + 1);
  // A missing script or image must stay a 404, or the browser reads HTML as code.
  return !last.includes('.') || (req.headers.accept ?? '').includes('text/html');
}

/**
 * Shapes every error as { statusCode, error, code, message, fields?, current? }: every answer
 * carries a typed code (@attune/shared ErrorCode). Never leaks internals.
 */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  /** @param spaPage the built client's index.html, served for unknown non-API GETs (deep links). */
  constructor(private readonly spaPage: SpaPage | null = null) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const req = host.switchToHttp().getRequest<FastifyRequest>();
    const body = this.toBody(exception, req.method);
    if (this.spaPage && body.statusCode === 404 && isPageAddress(req)) {
      this.spaPage.send(req, reply);
      return;
    }
    if (body.statusCode === 503) {
      this.logger.warn(
        `Database unavailable: ${exception instanceof Error ? exception.message : String(exception)}`,
      );
      void reply.header('retry-after', '5');
    } else if (body.statusCode >= 500)
      this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    // A throttled answer says when to try again (AppError's `retryAfter`).
    const retryAfter =
      exception instanceof HttpException
        ? (exception.getResponse() as { retryAfter?: unknown } | null)?.retryAfter
        : undefined;
    if (typeof retryAfter === 'number' && body.statusCode === 429)
      void reply.header('retry-after', String(retryAfter));
    body.message = clip(body.message, MESSAGE_MAX);
    if (body.fields) body.fields = clipFields(body.fields);
    void reply
      .status(body.statusCode)
      .header('content-type', 'application/json; charset=utf-8')
      .send(body);
  }

  toBody(exception: unknown, method = 'GET'): ApiError {
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const res = exception.getResponse();
      const body: ApiError = {
        statusCode: status,
        error: REASONS[status] ?? 'Error',
        code: codeFor(status),
        message: exception.message,
      };
      if (typeof res === 'object' && res !== null) {
        const r = res as Record<string, unknown>;
        if (typeof r.message === 'string') body.message = r.message;
        else if (Array.isArray(r.message)) body.message = r.message.join('; ');
        if (r.fields) body.fields = r.fields as Record<string, string>;
        if (r.current !== undefined) body.current = r.current;
        if (isErrorCode(r.code)) body.code = r.code;
      }
      // The JSON parser's own 400 (a body that is not JSON) names no code.
      if (body.code === 'bad_request' && /JSON/.test(body.message)) body.code = 'invalid_json';
      if (status === 404 && body.message.startsWith('Cannot ')) {
        body.message = 'There is nothing at this address.';
        body.code = 'route_not_found';
      }
      // A bare reason phrase ("Internal Server Error") is no message for a person.
      if (status >= 500 && body.message.toLowerCase() === (REASONS[status] ?? '').toLowerCase())
        body.message = SERVER_FAULT;
      return body;
    }
    // Down, frozen or too slow: say so, and say honestly what that means for this request.
    if (isDatabaseUnavailable(exception))
      return {
        statusCode: 503,
        error: 'Service Unavailable',
        code: 'database_unavailable',
        message:
          method === 'GET' || method === 'HEAD'
            ? "Attune's database is not answering right now, so this could not be loaded. Please try again in a few minutes."
            : "Attune's database is not answering right now, so this change may not have been saved. Please check, and try again in a few minutes.",
      };
    if (exception instanceof QueryFailedError) {
      const code = (exception.driverError as { code?: string } | undefined)?.code;
      // Integrity rules live in Postgres; their violations are the caller's conflict, not our crash.
      if (code === '23505' || code === '23P01')
        return {
          statusCode: 409,
          error: 'Conflict',
          code: 'already_exists',
          message: 'This clashes with something that already exists.',
        };
      if (code === '23503')
        return {
          statusCode: 409,
          error: 'Conflict',
          code: 'reference_missing',
          message: 'This refers to something that no longer exists.',
        };
      if (
        code === '22P02' ||
        code === '22021' ||
        code === '22P05' ||
        code === '22007' ||
        code === '22008' ||
        code === '22003' ||
        code === '23514'
      )
        return {
          statusCode: 400,
          error: 'Bad Request',
          code: 'invalid_value',
          message: 'A value is not in the expected format.',
        };
    }
    // Fastify's own errors (bad JSON, body too large, wrong content type) carry a 4xx statusCode.
    const fst = exception as { statusCode?: number; code?: string; message?: string };
    if (typeof fst?.statusCode === 'number' && fst.statusCode >= 400 && fst.statusCode < 500) {
      const badJson =
        fst.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || /JSON/i.test(fst.message ?? '');
      return {
        statusCode: fst.statusCode,
        error: REASONS[fst.statusCode] ?? 'Error',
        code: badJson ? 'invalid_json' : codeFor(fst.statusCode),
        message: badJson
          ? 'The request body is not valid JSON.'
          : (fst.message ?? 'The request could not be read.'),
      };
    }
    return {
      statusCode: HttpStatus.INTERNAL_SERVER_ERROR,
      error: 'Internal Server Error',
      code: 'internal_error',
      message: SERVER_FAULT,
    };
  }
}
