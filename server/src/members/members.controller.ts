import { Body, Controller, Get, Patch, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { MemberSummary, Page } from '@attune/shared';
import type { AuthContext } from '../common/auth-context.js';
import { CurrentAuth, Roles } from '../common/decorators.js';
import { IdParam } from '../common/id-param.js';
import { PageQueryDto } from '../common/pagination.js';
import { UpdateMemberDto } from './dto/member.dto.js';
import { MembersService } from './members.service.js';
import { Audit, NoClientData } from '../common/audit-trail.js';

@ApiTags('members')
@Controller('members')
export class MembersController {
  constructor(private readonly members: MembersService) {}

  @Get()
  @Roles('admin')
  @NoClientData('the practice team')
  list(@CurrentAuth() auth: AuthContext, @Query() q: PageQueryDto): Promise<Page<MemberSummary>> {
    return this.members.list(auth, q);
  }

  @Patch(':id')
  @Roles('admin')
  @Audit('member.update')
  update(
    @CurrentAuth() auth: AuthContext,
    @IdParam() id: string,
    @Body() dto: UpdateMemberDto,
  ): Promise<MemberSummary> {
    return this.members.update(auth, id, dto);
  }
}
