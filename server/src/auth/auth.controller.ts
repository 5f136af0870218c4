import { Controller, Get, HttpCode, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiBody, ApiTags } from '@nestjs/swagger';
import type { LoginResponse, MeResponse } from '@attune/shared';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AuditService } from '../audit/audit.service.js';
import type { AuthContext } from '../common/auth-context.js';
import { CurrentAuth, Public, Roles } from '../common/decorators.js';
import { AuthService, type VerifiedUser } from './auth.service.js';
import { LoginDto } from './dto/login.dto.js';
import { LoginGuard } from './login.guard.js';
import { SessionsService } from './sessions.service.js';
import { SignInService } from './sign-in.service.js';
import { Audit, NoClientData } from '../common/audit-trail.js';
import { AllowPending } from '../common/assurance.js';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly signInService: SignInService,
    private readonly sessions: SessionsService,
    private readonly audit: AuditService,
  ) {}

  @Post('login')
  @Public()
  @HttpCode(200)
  @UseGuards(LoginGuard)
  @ApiBody({ type: LoginDto })
  @Audit(['auth.login.success', 'auth.login.failure', 'auth.login.throttled'])
  async login(
    @Req() req: FastifyRequest & { user: VerifiedUser },
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<LoginResponse> {
    // With a second step, the answer is { mfaRequired: true } and the code comes next.
    const { response } = await this.signInService.signInWithPassword(
      req,
      reply,
      req.user,
      'password',
    );
    return response();
  }

  /** Always succeeds: signing out twice, or without a session, is not an error. */
  @Post('logout')
  @Public()
  @HttpCode(204)
  @Audit('auth.logout')
  async logout(
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<void> {
    if (req.auth) {
      await this.sessions.revoke(req.auth.sessionId);
      await this.audit.byCaller(req.auth, 'auth.logout', {
        entityType: 'user',
        entityId: req.auth.userId,
      });
    }
    this.signInService.clear(req, reply);
  }

  @Get('me')
  @Roles('admin', 'therapist', 'client')
  // A staff member who must set up a second step still learns who they are (and that).
  @AllowPending('mfa_setup')
  @NoClientData("the caller's own account")
  me(@CurrentAuth() auth: AuthContext): Promise<MeResponse> {
    return this.auth.me(auth);
  }
}
