import { Module } from '@nestjs/common';
import { AlertsService } from './alerts.service.js';
import { InstrumentsService } from './instruments.service.js';
import { ScreeningController } from './screening.controller.js';
import { ScreeningsService } from './screenings.service.js';

@Module({
  controllers: [ScreeningController],
  providers: [InstrumentsService, ScreeningsService, AlertsService],
})
export class ScreeningModule {}
