import { Module } from '@nestjs/common';
import { AppointmentsService } from './appointments.service.js';
import { AvailabilityService } from './availability.service.js';
import { SchedulingController } from './scheduling.controller.js';

@Module({
  controllers: [SchedulingController],
  providers: [AvailabilityService, AppointmentsService],
  exports: [AppointmentsService],
})
export class SchedulingModule {}
