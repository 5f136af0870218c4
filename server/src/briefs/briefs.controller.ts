import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { ClientBrief } from '@attune/shared';
import { Audit } from '../common/audit-trail.js';
import type { AuthContext } from '../common/auth-context.js';
import { CurrentAuth, Roles } from '../common/decorators.js';
import { IdParam } from '../common/id-param.js';
import { BriefsService } from './briefs.service.js';

@ApiTags('clients')
@Controller('clients')
export class BriefsController {
  constructor(private readonly briefs: BriefsService) {}

  /** What a therapist reads before a session with this client, on one screen. */
  @Get(':id/brief')
  @Roles('admin', 'therapist')
  @Audit('client.brief.read')
  get(@CurrentAuth() auth: AuthContext, @IdParam() id: string): Promise<ClientBrief> {
    return this.briefs.brief(auth, id);
  }
}
