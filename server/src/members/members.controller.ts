import { Body, Controller, Get, Patch, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { MemberSummary, Page } from '@attune/shared';
import type { AuthContext } from '../common/auth-context.js';
import { CurrentAuth, Roles } from '../common/decorators.js';
import { IdParam } from '../common/id-param.js';
import { PageQueryDto } from '../common/pagination.js';
import { UpdateMemberDto } from './dto/member.dto.js';
import { MembersService } from './members.service.js';

@ApiTags('members')
@Controller('members')
export class MembersController {
  constructor(private readonly members: MembersService) {}

  @Get()
  @Roles('admin')
  list(@CurrentAuth() auth: AuthContext, @Query() q: PageQueryDto): Promise<Page<MemberSummary>> {
    return this.members.list(auth, q);
  }

  @Patch(':id')
  @Roles('admin')
  update(
    @CurrentAuth() auth: AuthContext,
    @IdParam() id: string,
    @Body() dto: UpdateMemberDto,
  ): Promise<MemberSummary> {
    return this.members.update(auth, id, dto);
  }
}
