import { Module } from '@nestjs/common';
import { DashboardController } from './dashboard.controller.js';
import { DashboardService } from './dashboard.service.js';

@Module({
  controllers: [DashboardController],
  providers: [DashboardService],
  // The first page (first-page/) draws a client's home or reading with the same read.
  exports: [DashboardService],
})
export class DashboardModule {}
