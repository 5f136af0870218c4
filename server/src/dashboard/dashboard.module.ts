import { Module } from '@nestjs/common';
import { ScreeningModule } from '../screening/screening.module.js';
import { DashboardController } from './dashboard.controller.js';
import { DashboardService } from './dashboard.service.js';

@Module({
  imports: [ScreeningModule],
  controllers: [DashboardController],
  providers: [DashboardService],
})
export class DashboardModule {}
