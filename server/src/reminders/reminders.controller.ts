import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { ReminderPreference, UpdateReminderPreferenceRequest } from '@attune/shared';
import { IsBoolean } from 'class-validator';
import { Audit, NoClientData } from '../common/audit-trail.js';
import type { AuthContext } from '../common/auth-context.js';
import { CurrentAuth, Roles } from '../common/decorators.js';
import { RemindersService } from './reminders.service.js';

class UpdateReminderPreferenceDto implements UpdateReminderPreferenceRequest {
  @IsBoolean({ message: 'gentleReminders must be true or false' })
  gentleReminders: boolean;
}

@ApiTags('reminders')
@Controller('reminders')
export class RemindersController {
  constructor(private readonly reminders: RemindersService) {}

  /** The client's own choice of the weekly gentle reminder email. */
  @Get('preference')
  @Roles('client')
  @NoClientData("the client's own email setting, nothing clinical")
  get(@CurrentAuth() auth: AuthContext): Promise<ReminderPreference> {
    return this.reminders.preference(auth);
  }

  @Put('preference')
  @Roles('client')
  @Audit('client.reminders.update')
  set(
    @CurrentAuth() auth: AuthContext,
    @Body() dto: UpdateReminderPreferenceDto,
  ): Promise<ReminderPreference> {
    return this.reminders.setPreference(auth, dto.gentleReminders);
  }
}
