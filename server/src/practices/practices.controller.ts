import { Body, Controller, Get, Patch, Post, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { MeResponse, PracticeSummary } from '@attune/shared';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { SignInService } from '../auth/sign-in.service.js';
import type { AuthContext } from '../common/auth-context.js';
import { CurrentAuth, Public, Roles } from '../common/decorators.js';
import { CreatePracticeDto, UpdatePracticeDto } from './dto/practice.dto.js';
import { PracticesService } from './practices.service.js';

@ApiTags('practices')
@Controller()
export class PracticesController {
  constructor(
    private readonly practices: PracticesService,
    private readonly signIn: SignInService,
  ) {}

  /** Sign-up: a new practice and its first admin, signed in. Off unless ALLOW_SIGNUP. */
  @Post('practices')
  @Public()
  async create(
    @Body() dto: CreatePracticeDto,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<MeResponse> {
    this.practices.assertSignupAllowed();
    const { practice, user } = await this.practices.createWithAdmin(dto, req.ip ?? null);
    const { token } = await this.signIn.signIn(
      req,
      reply,
      { id: user.id, practiceId: practice.id },
      'signup',
    );
    return this.signIn.meFor(token, req);
  }

  @Get('practice')
  @Roles('admin', 'therapist', 'client')
  get(@CurrentAuth() auth: AuthContext): Promise<PracticeSummary> {
    return this.practices.get(auth);
  }

  @Patch('practice')
  @Roles('admin')
  update(
    @CurrentAuth() auth: AuthContext,
    @Body() dto: UpdatePracticeDto,
  ): Promise<PracticeSummary> {
    return this.practices.update(auth, dto);
  }
}
