import {
  type CanActivate,
  type ExecutionContext,
  Injectable,
  UnauthorizedException,
} from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import type { FastifyReply, FastifyRequest } from 'fastify';
import passport from 'passport';
import { AppError } from '../common/errors.js';
import { toValidationException } from '../common/validation.js';
import { LoginDto } from './dto/login.dto.js';
import { LocalStrategy } from './local.strategy.js';

/**
 * Validates the body (400 naming the field) before passport-local checks the credentials. It
 * hands passport this app's own strategy object rather than the name 'local': passport keeps
 * strategies by name in one registry per process, where the last app built would win, so two
 * app instances in one process (the scale-out test) would both sign in through the last one.
 */
@Injectable()
export class LoginGuard implements CanActivate {
  constructor(private readonly strategy: LocalStrategy) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<FastifyRequest & { user?: unknown }>();
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    const body = plainToInstance(LoginDto, req.body ?? {});
    const errors = await validate(body, {
      whitelist: true,
      forbidNonWhitelisted: true,
      stopAtFirstError: true,
    });
    if (errors.length) throw toValidationException(errors);
    try {
      req.user = await new Promise((resolve, reject) => {
        const authenticate = passport.authenticate(
          // A fresh object per request, as passport makes from a named strategy: it attaches
          // this request's success and failure callbacks to it.
          Object.create(this.strategy) as LocalStrategy,
          { session: false },
          // Passport hands back what LocalStrategy threw (an AppError).
          (err: Error | null, user: unknown) =>
            err ? reject(err) : user ? resolve(user) : reject(new UnauthorizedException()),
        ) as (req: unknown, res: unknown, next: (err?: unknown) => void) => void;
        authenticate(req, reply, (err) =>
          reject(err instanceof Error ? err : new UnauthorizedException()),
        );
      });
      return true;
    } catch (e) {
      const retryAfter =
        e instanceof AppError ? (e.getResponse() as { retryAfter?: number }).retryAfter : undefined;
      if (retryAfter) void reply.header('retry-after', String(retryAfter));
      throw e;
    }
  }
}
