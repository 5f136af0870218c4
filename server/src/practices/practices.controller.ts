import {
  Body,
  Controller,
  Get,
  HttpCode,
  Inject,
  Param,
  Patch,
  Post,
  Req,
  Res,
} from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { MeResponse, PracticeSummary, SignupRequested } from '@attune/shared';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { SignInService } from '../auth/sign-in.service.js';
import type { AuthContext } from '../common/auth-context.js';
import { CurrentAuth, Public, Roles } from '../common/decorators.js';
import { APP_CONFIG, type AppConfig } from '../config.js';
import { CreatePracticeDto, UpdatePracticeDto } from './dto/practice.dto.js';
import { PracticesService } from './practices.service.js';

@ApiTags('practices')
@Controller()
export class PracticesController {
  constructor(
    private readonly practices: PracticesService,
    private readonly signIn: SignInService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Sign-up, step one: 202 and the same words for every email, known or not. The practice is
   * created when the link mailed to the admin's address is used. Off unless ALLOW_SIGNUP.
   */
  @Post('practices')
  @Public()
  @HttpCode(202)
  async create(
    @Body() dto: CreatePracticeDto,
    @Req() req: FastifyRequest,
  ): Promise<SignupRequested> {
    this.practices.assertSignupAllowed();
    const base = this.config.publicUrl?.replace(/\/$/, '') ?? `${req.protocol}://${req.host}`;
    return { message: await this.practices.requestSignup(dto, base) };
  }

  /** Sign-up, step two: the emailed link creates the practice and its admin, signed in. */
  @Post('practices/confirm/:token')
  @Public()
  @HttpCode(200)
  async confirm(
    @Param('token') token: string,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<MeResponse> {
    this.practices.assertSignupAllowed();
    const { practice, user } = await this.practices.confirmSignup(token, req.ip ?? null);
    const { token: session } = await this.signIn.signIn(
      req,
      reply,
      { id: user.id, practiceId: practice.id },
      'signup',
    );
    return this.signIn.meFor(session, req);
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
