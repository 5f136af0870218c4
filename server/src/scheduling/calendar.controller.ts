import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { CalendarView, UtilisationView } from '@attune/shared';
import { Audit, NoClientData } from '../common/audit-trail.js';
import type { AuthContext } from '../common/auth-context.js';
import { CurrentAuth, Roles } from '../common/decorators.js';
import { CalendarService } from './calendar.service.js';
import { CalendarQueryDto, UtilisationQueryDto } from './dto/calendar.dto.js';

@ApiTags('scheduling')
@Controller()
export class CalendarController {
  constructor(private readonly calendar: CalendarService) {}

  /** Everything one day or week of the calendar grid draws, in one request. */
  @Get('calendar')
  @Roles('admin', 'therapist')
  @Audit('calendar.read')
  view(@CurrentAuth() auth: AuthContext, @Query() q: CalendarQueryDto): Promise<CalendarView> {
    return this.calendar.view(auth, q);
  }

  @Get('utilisation')
  @Roles('admin')
  @NoClientData('counts and hours per therapist and week; no client is named')
  utilisation(
    @CurrentAuth() auth: AuthContext,
    @Query() q: UtilisationQueryDto,
  ): Promise<UtilisationView> {
    return this.calendar.utilisation(auth, q);
  }
}
