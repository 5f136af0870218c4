import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Dashboard } from '@attune/shared';
import { IsIn, IsOptional } from 'class-validator';
import type { AuthContext } from '../common/auth-context.js';
import { CurrentAuth, Roles } from '../common/decorators.js';
import { DashboardService } from './dashboard.service.js';
import { Audit } from '../common/audit-trail.js';

class DashboardQueryDto {
  @IsOptional()
  @IsIn(['admin', 'therapist'], { message: 'as must be admin or therapist' })
  as?: 'admin' | 'therapist';
}

@ApiTags('dashboard')
@Controller('dashboard')
export class DashboardController {
  constructor(private readonly dashboard: DashboardService) {}

  @Get()
  @Roles('admin', 'therapist', 'client')
  @Audit('dashboard.read')
  get(@CurrentAuth() auth: AuthContext, @Query() q: DashboardQueryDto): Promise<Dashboard> {
    return this.dashboard.get(auth, q.as);
  }
}
