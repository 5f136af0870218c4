import { Module } from '@nestjs/common';
import { AppointmentsService } from './appointments.service.js';
import { AvailabilityService } from './availability.service.js';
import { CalendarController } from './calendar.controller.js';
import { CalendarService } from './calendar.service.js';
import { SchedulingController } from './scheduling.controller.js';

@Module({
  controllers: [SchedulingController, CalendarController],
  providers: [AvailabilityService, AppointmentsService, CalendarService],
})
export class SchedulingModule {}
