import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { DevMailboxMessage } from '@attune/shared';
import type { AuthContext } from '../common/auth-context.js';
import { CurrentAuth, Roles } from '../common/decorators.js';
import { NotificationsService } from './notifications.service.js';
import { Audit } from '../common/audit-trail.js';

@ApiTags('notifications')
@Controller('mailbox')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  /** Outgoing mail of the practice: what SMTP sent, or the development mailbox when SMTP is unset. */
  @Get()
  @Roles('admin')
  @Audit('mailbox.read')
  list(@CurrentAuth() auth: AuthContext): Promise<DevMailboxMessage[]> {
    return this.notifications.mailbox(auth);
  }
}
