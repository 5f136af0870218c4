import {
  Body,
  Controller,
  Delete,
  Get,
  Header,
  Headers,
  HttpCode,
  Param,
  Patch,
  Post,
  Put,
  Query,
  Res,
} from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type {
  AppointmentTypeView,
  AppointmentView,
  AvailabilityView,
  CalendarFeedCreated,
  SlotsResponse,
  TimeOffView,
} from '@attune/shared';
import type { FastifyReply } from 'fastify';
import type { AuthContext } from '../common/auth-context.js';
import { CurrentAuth, Public, Roles } from '../common/decorators.js';
import { IdParam } from '../common/id-param.js';
import { AppointmentsService } from './appointments.service.js';
import { AvailabilityService } from './availability.service.js';
import {
  AppointmentListQueryDto,
  AppointmentTypeDto,
  BookAppointmentDto,
  CalendarFeedDto,
  CancelAppointmentDto,
  ChangeRequestDto,
  SetAvailabilityDto,
  SlotsQueryDto,
  TimeOffDto,
  UpdateAppointmentDto,
  UpdateAppointmentTypeDto,
} from './dto/scheduling.dto.js';
import { Audit, NoClientData } from '../common/audit-trail.js';

@ApiTags('scheduling')
@Controller()
export class SchedulingController {
  constructor(
    private readonly availability: AvailabilityService,
    private readonly appointments: AppointmentsService,
  ) {}

  @Get('appointment-types')
  @Roles('admin', 'therapist')
  @NoClientData("the practice's appointment types")
  listTypes(@CurrentAuth() auth: AuthContext): Promise<AppointmentTypeView[]> {
    return this.availability.listTypes(auth);
  }

  @Post('appointment-types')
  @Roles('admin')
  @Audit('appointment_type.create')
  createType(
    @CurrentAuth() auth: AuthContext,
    @Body() dto: AppointmentTypeDto,
  ): Promise<AppointmentTypeView> {
    return this.availability.createType(auth, dto);
  }

  @Patch('appointment-types/:id')
  @Roles('admin')
  @Audit('appointment_type.update')
  updateType(
    @CurrentAuth() auth: AuthContext,
    @IdParam() id: string,
    @Body() dto: UpdateAppointmentTypeDto,
  ): Promise<AppointmentTypeView> {
    return this.availability.updateType(auth, id, dto);
  }

  @Get('therapists/:id/availability')
  @Roles('admin', 'therapist')
  @NoClientData("a therapist's hours and time off")
  getAvailability(
    @CurrentAuth() auth: AuthContext,
    @IdParam() id: string,
  ): Promise<AvailabilityView> {
    return this.availability.get(auth, id);
  }

  @Put('therapists/:id/availability')
  @Roles('admin', 'therapist')
  @Audit('availability.set')
  setAvailability(
    @CurrentAuth() auth: AuthContext,
    @IdParam() id: string,
    @Body() dto: SetAvailabilityDto,
  ): Promise<AvailabilityView> {
    return this.availability.set(auth, id, dto);
  }

  @Post('therapists/:id/time-off')
  @Roles('admin', 'therapist')
  @Audit('time_off.create')
  addTimeOff(
    @CurrentAuth() auth: AuthContext,
    @IdParam() id: string,
    @Body() dto: TimeOffDto,
  ): Promise<TimeOffView> {
    return this.availability.addTimeOff(auth, id, dto);
  }

  @Delete('therapists/:id/time-off/:timeOffId')
  @Roles('admin', 'therapist')
  @HttpCode(204)
  @Audit('time_off.delete')
  removeTimeOff(
    @CurrentAuth() auth: AuthContext,
    @IdParam() id: string,
    @IdParam('timeOffId') timeOffId: string,
  ): Promise<void> {
    return this.availability.removeTimeOff(auth, id, timeOffId);
  }

  @Post('therapists/:id/calendar-feed')
  @Roles('admin', 'therapist')
  @Audit('calendar_feed.create')
  createFeed(
    @CurrentAuth() auth: AuthContext,
    @IdParam() id: string,
    @Body() dto: CalendarFeedDto,
  ): Promise<CalendarFeedCreated> {
    return this.appointments.createFeed(auth, id, dto.showClient ?? 'initials');
  }

  @Delete('therapists/:id/calendar-feed')
  @Roles('admin', 'therapist')
  @HttpCode(204)
  @Audit('calendar_feed.revoke')
  revokeFeed(@CurrentAuth() auth: AuthContext, @IdParam() id: string): Promise<void> {
    return this.appointments.revokeFeed(auth, id);
  }

  /** The subscribable feed: the secret in the URL is the only credential. */
  @Get('calendar-feeds/:token')
  @Public()
  @Audit('calendar_feed.read')
  async feed(
    @Param('token') token: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const body = await this.appointments.feed(token);
    void reply
      .header('content-type', 'text/calendar; charset=utf-8')
      .header('cache-control', 'no-store');
    return body;
  }

  /** Free times only (no one's sessions); a client searches their own therapist's, if allowed. */
  @Get('slots')
  @Roles('admin', 'therapist', 'client')
  @NoClientData("a therapist's free times")
  slots(@CurrentAuth() auth: AuthContext, @Query() q: SlotsQueryDto): Promise<SlotsResponse> {
    return this.availability.slots(auth, q);
  }

  @Get('appointments')
  @Roles('admin', 'therapist', 'client')
  @Audit('appointment.list')
  list(
    @CurrentAuth() auth: AuthContext,
    @Query() q: AppointmentListQueryDto,
  ): Promise<AppointmentView[]> {
    return this.appointments.list(auth, q);
  }

  /** Admins book anyone; a client books themselves when the practice allows it (self-booking). */
  @Post('appointments')
  @Roles('admin', 'client')
  @Audit('appointment.book')
  book(
    @CurrentAuth() auth: AuthContext,
    @Body() dto: BookAppointmentDto,
    @Headers('idempotency-key') key: string | undefined,
  ): Promise<AppointmentView> {
    return this.appointments.book(auth, dto, key);
  }

  @Get('appointments/:id')
  @Roles('admin', 'therapist', 'client')
  @Audit('appointment.read')
  get(@CurrentAuth() auth: AuthContext, @IdParam() id: string): Promise<AppointmentView> {
    return this.appointments.read(auth, id);
  }

  @Patch('appointments/:id')
  @Roles('admin', 'therapist', 'client')
  @Audit(['appointment.completed', 'appointment.no_show', 'appointment.reschedule'])
  update(
    @CurrentAuth() auth: AuthContext,
    @IdParam() id: string,
    @Body() dto: UpdateAppointmentDto,
  ): Promise<AppointmentView> {
    return this.appointments.update(auth, id, dto);
  }

  @Post('appointments/:id/cancel')
  @Roles('admin', 'therapist', 'client')
  @HttpCode(200)
  @Audit('appointment.cancel')
  cancel(
    @CurrentAuth() auth: AuthContext,
    @IdParam() id: string,
    @Body() dto: CancelAppointmentDto,
  ): Promise<AppointmentView> {
    return this.appointments.cancel(auth, id, dto);
  }

  /** The client asks to move or cancel a session too close to change online. */
  @Post('appointments/:id/change-request')
  @Roles('client')
  @HttpCode(200)
  @Audit('appointment.change_request')
  requestChange(
    @CurrentAuth() auth: AuthContext,
    @IdParam() id: string,
    @Body() dto: ChangeRequestDto,
  ): Promise<AppointmentView> {
    return this.appointments.requestChange(auth, id, dto);
  }

  /** Staff mark the client's request handled. */
  @Delete('appointments/:id/change-request')
  @Roles('admin', 'therapist')
  @Audit('appointment.change_request.resolve')
  resolveRequest(
    @CurrentAuth() auth: AuthContext,
    @IdParam() id: string,
  ): Promise<AppointmentView> {
    return this.appointments.resolveRequest(auth, id);
  }

  @Get('appointments/:id/ics')
  @Roles('admin', 'therapist', 'client')
  @Header('content-type', 'text/calendar; charset=utf-8')
  @Header('content-disposition', 'attachment; filename="session.ics"')
  @Audit('appointment.ics')
  ics(@CurrentAuth() auth: AuthContext, @IdParam() id: string): Promise<string> {
    return this.appointments.ics(auth, id);
  }
}
