import { Module } from '@nestjs/common';
import { AppointmentsService } from './appointments.service.js';
import { AvailabilityService } from './availability.service.js';
import { CalendarController } from './calendar.controller.js';
import { CalendarService } from './calendar.service.js';
import { SchedulingController } from './scheduling.controller.js';
import { SelfBookingController } from './self-booking.controller.js';
import { SelfBookingService } from './self-booking.service.js';

@Module({
  controllers: [SchedulingController, SelfBookingController, CalendarController],
  providers: [AvailabilityService, AppointmentsService, SelfBookingService, CalendarService],
  exports: [AppointmentsService],
})
export class SchedulingModule {}
