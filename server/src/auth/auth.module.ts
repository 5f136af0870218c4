import { Global, Module } from '@nestjs/common';
import { PassportModule } from '@nestjs/passport';
import { AccountController } from './account.controller.js';
import { AccountService } from './account.service.js';
import { AttemptThrottle } from './attempt-throttle.js';
import { AuthController } from './auth.controller.js';
import { SessionResolver } from '../common/auth-context.js';
import { APP_CONFIG, type AppConfig } from '../config.js';
import { AuthService } from './auth.service.js';
import { DeviceCookies } from './device-cookies.js';
import { LocalStrategy } from './local.strategy.js';
import { ClientMfaController, MfaController } from './mfa.controller.js';
import { MfaService } from './mfa.service.js';
import { PasswordResetService } from './password-reset.service.js';
import { SessionsService } from './sessions.service.js';
import { SignInService } from './sign-in.service.js';

/** Global: every request's guard resolves its session here, and features end sessions. */
@Global()
@Module({
  imports: [PassportModule.register({ session: false })],
  controllers: [AuthController, AccountController, MfaController, ClientMfaController],
  providers: [
    AuthService,
    AttemptThrottle,
    AccountService,
    PasswordResetService,
    MfaService,
    LocalStrategy,
    SignInService,
    SessionsService,
    { provide: SessionResolver, useExisting: SessionsService },
    {
      provide: DeviceCookies,
      useFactory: (config: AppConfig) => new DeviceCookies(config.sessionSecret!),
      inject: [APP_CONFIG],
    },
  ],
  exports: [AuthService, SignInService, SessionsService, SessionResolver, MfaService],
})
export class AuthModule {}
