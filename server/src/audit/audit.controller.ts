import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { AuditEventSummary, Page } from '@attune/shared';
import { IsOptional, IsUUID } from 'class-validator';
import type { AuthContext } from '../common/auth-context.js';
import { CurrentAuth, Roles } from '../common/decorators.js';
import { PageQueryDto } from '../common/pagination.js';
import { AuditService } from './audit.service.js';
import { Audit } from '../common/audit-trail.js';

class AuditQueryDto extends PageQueryDto {
  @IsOptional()
  @IsUUID()
  clientId?: string;
}

@ApiTags('audit')
@Controller('audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @Roles('admin')
  @Audit('audit.list')
  list(
    @CurrentAuth() auth: AuthContext,
    @Query() q: AuditQueryDto,
  ): Promise<Page<AuditEventSummary>> {
    return this.audit.list(auth, q);
  }
}
