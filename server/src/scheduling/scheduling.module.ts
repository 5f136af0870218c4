import { Module } from '@nestjs/common';
import { AppointmentsService } from './appointments.service.js';
import { AvailabilityService } from './availability.service.js';
import { SchedulingController } from './scheduling.controller.js';
import { SelfBookingController } from './self-booking.controller.js';
import { SelfBookingService } from './self-booking.service.js';

@Module({
  controllers: [SchedulingController, SelfBookingController],
  providers: [AvailabilityService, AppointmentsService, SelfBookingService],
  exports: [AppointmentsService],
})
export class SchedulingModule {}
