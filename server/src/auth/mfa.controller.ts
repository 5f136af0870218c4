import { Body, Controller, Delete, Get, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { MeResponse, MfaStatus, RecoveryCodesResponse, TotpEnrolment } from '@attune/shared';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AllowPending, RequireStepUp } from '../common/assurance.js';
import { Audit, NoClientData } from '../common/audit-trail.js';
import type { AuthContext } from '../common/auth-context.js';
import { CurrentAuth, Roles } from '../common/decorators.js';
import { IdParam } from '../common/id-param.js';
import { MfaCodeDto } from './dto/account.dto.js';
import { MfaService } from './mfa.service.js';

/** The caller's own second step (TOTP and recovery codes), and the code at sign-in or step-up. */
@ApiTags('auth')
@Controller('auth/mfa')
export class MfaController {
  constructor(private readonly mfa: MfaService) {}

  @Get()
  @Roles('admin', 'therapist', 'client')
  @NoClientData("the caller's own second step")
  status(@CurrentAuth() auth: AuthContext): Promise<MfaStatus> {
    return this.mfa.status(auth);
  }

  /**
   * 204 when the caller may do a step-up action now (no second step, or a code entered within
   * the last 10 minutes); else 403 `step_up_required`. A download link (a record export) asks
   * this first, so the browser's plain file download never meets the 403 itself.
   */
  @Get('step-up')
  @Roles('admin', 'therapist', 'client')
  @RequireStepUp()
  @HttpCode(204)
  @NoClientData('whether the caller entered a code recently')
  stepUp(): void {}

  /** Starts setting up: a secret and its QR code for an authenticator app. */
  @Post('totp')
  @Roles('admin', 'therapist', 'client')
  @AllowPending('mfa_setup')
  @Audit('auth.mfa.enrol.start')
  enrol(@CurrentAuth() auth: AuthContext): Promise<TotpEnrolment> {
    return this.mfa.startEnrolment(auth);
  }

  /** The first code confirms it; the answer holds the ten recovery codes, shown once. */
  @Post('totp/verify')
  @Roles('admin', 'therapist', 'client')
  @AllowPending('mfa_setup')
  @HttpCode(200)
  @Audit(['auth.mfa.enrol.confirm', 'auth.mfa.failure', 'auth.mfa.throttled'])
  confirm(
    @CurrentAuth() auth: AuthContext,
    @Body() dto: MfaCodeDto,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<RecoveryCodesResponse> {
    return this.mfa.confirmEnrolment(auth, dto.code, req, reply);
  }

  /** The code after the password (finishes signing in), or again for a step-up. */
  @Post('challenge')
  @Roles('admin', 'therapist', 'client')
  @AllowPending('mfa')
  @HttpCode(200)
  @Audit([
    'auth.mfa.success',
    'auth.mfa.failure',
    'auth.mfa.throttled',
    'auth.mfa.recovery_code.used',
  ])
  challenge(
    @CurrentAuth() auth: AuthContext,
    @Body() dto: MfaCodeDto,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<MeResponse> {
    return this.mfa.challenge(auth, dto.code, req, reply);
  }

  /** Ten new recovery codes for a fresh code from the app; the old ones stop working. */
  @Post('recovery-codes')
  @Roles('admin', 'therapist', 'client')
  @HttpCode(200)
  @Audit(['auth.mfa.recovery_codes.regenerate', 'auth.mfa.failure', 'auth.mfa.throttled'])
  regenerate(
    @CurrentAuth() auth: AuthContext,
    @Body() dto: MfaCodeDto,
  ): Promise<RecoveryCodesResponse> {
    return this.mfa.regenerateRecoveryCodes(auth, dto.code);
  }

  @Delete()
  @Roles('admin', 'therapist', 'client')
  @RequireStepUp()
  @HttpCode(204)
  @Audit('auth.mfa.disable')
  disable(@CurrentAuth() auth: AuthContext): Promise<void> {
    return this.mfa.disable(auth);
  }
}

/** An admin resets a client's second step on their request (the member one is under members). */
@ApiTags('clients')
@Controller('clients')
export class ClientMfaController {
  constructor(private readonly mfa: MfaService) {}

  @Delete(':id/mfa')
  @Roles('admin')
  @RequireStepUp()
  @HttpCode(204)
  @Audit('auth.mfa.reset')
  reset(@CurrentAuth() auth: AuthContext, @IdParam() id: string): Promise<void> {
    return this.mfa.resetClient(auth, id);
  }
}
