import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { SelfBookingSettings, SelfBookingStatus } from '@attune/shared';
import { Audit, NoClientData } from '../common/audit-trail.js';
import type { AuthContext } from '../common/auth-context.js';
import { CurrentAuth, Roles } from '../common/decorators.js';
import { IdParam } from '../common/id-param.js';
import { SelfBookingSettingsDto } from './dto/scheduling.dto.js';
import { SelfBookingService } from './self-booking.service.js';

@ApiTags('scheduling')
@Controller()
export class SelfBookingController {
  constructor(private readonly selfBooking: SelfBookingService) {}

  @Get('practice/self-booking')
  @Roles('admin')
  @NoClientData("the practice's self-booking settings")
  settings(@CurrentAuth() auth: AuthContext): Promise<SelfBookingSettings> {
    return this.selfBooking.settings(auth);
  }

  @Put('practice/self-booking')
  @Roles('admin')
  @Audit('self_booking.update')
  updateSettings(
    @CurrentAuth() auth: AuthContext,
    @Body() dto: SelfBookingSettingsDto,
  ): Promise<SelfBookingSettings> {
    return this.selfBooking.updateSettings(auth, dto);
  }

  /** Open, off, paused (a safety alert is open) or no therapist: for the client and their staff. */
  @Get('clients/:id/self-booking')
  @Roles('admin', 'therapist', 'client')
  @Audit('self_booking.read')
  status(@CurrentAuth() auth: AuthContext, @IdParam() id: string): Promise<SelfBookingStatus> {
    return this.selfBooking.status(auth, id);
  }
}
