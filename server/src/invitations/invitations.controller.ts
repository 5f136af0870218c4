import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApiTags } from '@nestjs/swagger';
import type {
  InvitationCreated,
  InvitationPreview,
  InvitationSummary,
  MeResponse,
  Page,
} from '@attune/shared';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DataSource } from 'typeorm';
import { SignInService } from '../auth/sign-in.service.js';
import type { AuthContext } from '../common/auth-context.js';
import { CurrentAuth, Public, Roles } from '../common/decorators.js';
import { IdParam } from '../common/id-param.js';
import {
  AcceptInvitationDto,
  CreateInvitationDto,
  InvitationListQueryDto,
} from './dto/invitation.dto.js';
import { InvitationsService } from './invitations.service.js';
import { Audit, NoClientData } from '../common/audit-trail.js';

@ApiTags('invitations')
@Controller('invitations')
export class InvitationsController {
  constructor(
    private readonly invitations: InvitationsService,
    private readonly signIn: SignInService,
    @InjectDataSource() private readonly ds: DataSource,
  ) {}

  @Post()
  @Roles('admin', 'therapist')
  @Audit('invitation.create')
  create(
    @CurrentAuth() auth: AuthContext,
    @Body() dto: CreateInvitationDto,
    @Req() req: FastifyRequest,
  ): Promise<InvitationCreated> {
    return this.invitations.create(auth, dto, req);
  }

  @Get()
  @Roles('admin', 'therapist')
  @Audit('invitation.list')
  list(
    @CurrentAuth() auth: AuthContext,
    @Query() q: InvitationListQueryDto,
  ): Promise<Page<InvitationSummary>> {
    return this.invitations.list(auth, q);
  }

  @Post(':id/revoke')
  @Roles('admin', 'therapist')
  @HttpCode(204)
  @Audit('invitation.revoke')
  revoke(@CurrentAuth() auth: AuthContext, @IdParam() id: string): Promise<void> {
    return this.invitations.revoke(auth, id);
  }

  /** What the accept page shows; 404 once used, revoked or expired. */
  @Get(':token')
  @Public()
  @NoClientData("the invitee's own invitation, reached by its secret link")
  preview(@Param('token') token: string): Promise<InvitationPreview> {
    return this.invitations.preview(token);
  }

  @Post(':token/accept')
  @Public()
  @HttpCode(200)
  @Audit(['invitation.accept', 'auth.login.success'])
  async accept(
    @Param('token') token: string,
    @Body() dto: AcceptInvitationDto,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<MeResponse> {
    const { sessionToken } = await this.ds.transaction(async (m) => {
      const user = await this.invitations.accept(token, dto, req.ip ?? null, m);
      const { token: t } = await this.signIn.signIn(req, reply, user, 'invitation', m);
      return { sessionToken: t };
    });
    return this.signIn.meFor(sessionToken, req);
  }
}
