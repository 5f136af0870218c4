import { Body, Controller, Delete, Get, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type {
  LoginResponse,
  LoginSessionSummary,
  OtherSessionsEnded,
  PasswordChanged,
  PasswordResetPreview,
  PasswordResetRequested,
} from '@attune/shared';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Audit, NoClientData } from '../common/audit-trail.js';
import type { AuthContext } from '../common/auth-context.js';
import { CurrentAuth, Public, Roles } from '../common/decorators.js';
import { IdParam } from '../common/id-param.js';
import { AccountService } from './account.service.js';
import {
  ChangePasswordDto,
  CompletePasswordResetDto,
  PasswordResetRequestDto,
} from './dto/account.dto.js';
import { PasswordResetService } from './password-reset.service.js';

/** Password reset (anyone with the emailed link), password change and "Signed in on". */
@ApiTags('auth')
@Controller('auth')
export class AccountController {
  constructor(
    private readonly resets: PasswordResetService,
    private readonly account: AccountService,
  ) {}

  /** 202 and the same words whatever the address, known or not, in about the same time. */
  @Post('password-reset')
  @Public()
  @HttpCode(202)
  @Audit(['auth.password_reset.request', 'auth.password_reset.throttled'])
  async requestReset(
    @Body() dto: PasswordResetRequestDto,
    @Req() req: FastifyRequest,
  ): Promise<PasswordResetRequested> {
    return { message: await this.resets.request(dto.email, req.ip ?? null) };
  }

  /** What the reset page shows; 404 `reset_link_gone` once used, replaced or expired. */
  @Get('password-reset/:token')
  @Public()
  @NoClientData("the account's own email, reached by its secret link")
  previewReset(@Param('token') token: string): Promise<PasswordResetPreview> {
    return this.resets.preview(token);
  }

  /** Sets the new password, ends every session, and signs in (up to the code, with one). */
  @Post('password-reset/:token')
  @Public()
  @HttpCode(200)
  @Audit(['auth.password_reset.complete', 'auth.password_reset.throttled', 'auth.login.success'])
  completeReset(
    @Param('token') token: string,
    @Body() dto: CompletePasswordResetDto,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<LoginResponse> {
    return this.resets.complete(token, dto.password, req, reply);
  }

  @Post('password')
  @Roles('admin', 'therapist', 'client')
  @HttpCode(200)
  @Audit(['auth.password.change', 'auth.password.change.failure'])
  changePassword(
    @CurrentAuth() auth: AuthContext,
    @Body() dto: ChangePasswordDto,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<PasswordChanged> {
    return this.account.changePassword(auth, dto, req, reply);
  }

  @Get('sessions')
  @Roles('admin', 'therapist', 'client')
  @NoClientData("the caller's own sign-ins")
  sessions(@CurrentAuth() auth: AuthContext): Promise<LoginSessionSummary[]> {
    return this.account.listSessions(auth);
  }

  @Delete('sessions/:id')
  @Roles('admin', 'therapist', 'client')
  @HttpCode(204)
  @Audit('auth.session.revoke')
  signOutSession(
    @CurrentAuth() auth: AuthContext,
    @IdParam() id: string,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<void> {
    return this.account.signOutSession(auth, id, req, reply);
  }

  @Post('sessions/sign-out-others')
  @Roles('admin', 'therapist', 'client')
  @HttpCode(200)
  @Audit('auth.session.revoke_others')
  signOutOthers(@CurrentAuth() auth: AuthContext): Promise<OtherSessionsEnded> {
    return this.account.signOutOthers(auth);
  }
}
