import { Body, Controller, Get, HttpCode, Patch, Post, Req } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { PracticeSummary, SignupRequested } from '@attune/shared';
import type { FastifyRequest } from 'fastify';
import type { AuthContext } from '../common/auth-context.js';
import { CurrentAuth, Public, Roles } from '../common/decorators.js';
import { CreatePracticeDto, UpdatePracticeDto } from './dto/practice.dto.js';
import { PracticesService } from './practices.service.js';
import { Audit, NoClientData } from '../common/audit-trail.js';
import { RequireStepUp } from '../common/assurance.js';

@ApiTags('practices')
@Controller()
export class PracticesController {
  constructor(private readonly practices: PracticesService) {}

  /**
   * Sign-up: 202 and the same words for every email, known or not. A new address's practice
   * exists at once and its admin signs in as usual; a known one hears by email. Off unless
   * ALLOW_SIGNUP.
   */
  @Post('practices')
  @Public()
  @HttpCode(202)
  @Audit('practice.create')
  async create(
    @Body() dto: CreatePracticeDto,
    @Req() req: FastifyRequest,
  ): Promise<SignupRequested> {
    this.practices.assertSignupAllowed();
    return { message: await this.practices.signUp(dto, req.ip ?? null) };
  }

  @Get('practice')
  @Roles('admin', 'therapist', 'client')
  @NoClientData("the practice's own settings")
  get(@CurrentAuth() auth: AuthContext): Promise<PracticeSummary> {
    return this.practices.get(auth);
  }

  @Patch('practice')
  @Roles('admin')
  // Turning the staff's second step on or off needs a fresh code.
  @RequireStepUp({ when: (body) => body.requireStaffMfa !== undefined })
  @Audit('practice.update')
  update(
    @CurrentAuth() auth: AuthContext,
    @Body() dto: UpdatePracticeDto,
  ): Promise<PracticeSummary> {
    return this.practices.update(auth, dto);
  }
}
