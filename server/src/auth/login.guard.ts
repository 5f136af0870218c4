import { type ExecutionContext, Injectable } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../common/errors.js';
import { toValidationException } from '../common/validation.js';
import { LoginDto } from './dto/login.dto.js';

/** Validates the body (400 naming the field) before passport-local checks the credentials. */
@Injectable()
export class LoginGuard extends AuthGuard('local') {
  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<FastifyRequest>();
    const body = plainToInstance(LoginDto, req.body ?? {});
    const errors = await validate(body, {
      whitelist: true,
      forbidNonWhitelisted: true,
      stopAtFirstError: true,
    });
    if (errors.length) throw toValidationException(errors);
    try {
      return (await super.canActivate(context)) as boolean;
    } catch (e) {
      const retryAfter =
        e instanceof AppError ? (e.getResponse() as { retryAfter?: number }).retryAfter : undefined;
      if (retryAfter)
        void context
          .switchToHttp()
          .getResponse<FastifyReply>()
          .header('retry-after', String(retryAfter));
      throw e;
    }
  }

  override handleRequest<T>(err: unknown, user: T): T {
    // Passport hands back what LocalStrategy threw (an AppError).
    if (err) throw err as Error;
    return user;
  }
}
