import { Body, Controller, Delete, Get, HttpCode, Patch, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { MemberSummary, Page } from '@attune/shared';
import type { AuthContext } from '../common/auth-context.js';
import { CurrentAuth, Roles } from '../common/decorators.js';
import { IdParam } from '../common/id-param.js';
import { PageQueryDto } from '../common/pagination.js';
import { UpdateMemberDto } from './dto/member.dto.js';
import { MembersService } from './members.service.js';
import { Audit, NoClientData } from '../common/audit-trail.js';
import { RequireStepUp } from '../common/assurance.js';
import { MfaService } from '../auth/mfa.service.js';

@ApiTags('members')
@Controller('members')
export class MembersController {
  constructor(
    private readonly members: MembersService,
    private readonly mfa: MfaService,
  ) {}

  @Get()
  @Roles('admin')
  @NoClientData('the practice team')
  list(@CurrentAuth() auth: AuthContext, @Query() q: PageQueryDto): Promise<Page<MemberSummary>> {
    return this.members.list(auth, q);
  }

  @Patch(':id')
  @Roles('admin')
  // Changing someone's roles needs a fresh code from an admin who has a second step.
  @RequireStepUp({ when: (body) => body.roles !== undefined })
  @Audit('member.update')
  update(
    @CurrentAuth() auth: AuthContext,
    @IdParam() id: string,
    @Body() dto: UpdateMemberDto,
  ): Promise<MemberSummary> {
    return this.members.update(auth, id, dto);
  }

  /** Turns off a member's second step (a lost phone and recovery codes); they sign in again. */
  @Delete(':id/mfa')
  @Roles('admin')
  @RequireStepUp()
  @HttpCode(204)
  @Audit('auth.mfa.reset')
  resetMfa(@CurrentAuth() auth: AuthContext, @IdParam() id: string): Promise<void> {
    return this.mfa.resetMember(auth, id);
  }
}
