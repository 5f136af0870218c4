import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { FastifyRequest } from 'fastify';
import { Strategy } from 'passport-local';
import { AuthService, type VerifiedUser } from './auth.service.js';
import { DEVICE_COOKIE } from './device-cookies.js';

/** passport-local: email + password, verified by AuthService (argon2id, lockout, audit). */
@Injectable()
export class LocalStrategy extends PassportStrategy(Strategy) {
  constructor(private readonly auth: AuthService) {
    super({ usernameField: 'email', passwordField: 'password', passReqToCallback: true });
  }

  validate(req: FastifyRequest, email: string, password: string): Promise<VerifiedUser> {
    // req.ip is the peer address, or what a proxy named in TRUST_PROXY says it is.
    return this.auth.verifyCredentials(
      email,
      password,
      req.ip ?? null,
      req.cookies?.[DEVICE_COOKIE],
    );
  }
}
