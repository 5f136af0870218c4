import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { DashboardModule } from '../dashboard/dashboard.module.js';
import { PsychoeducationModule } from '../psychoeducation/psychoeducation.module.js';
import { FirstPageService } from './first-page.service.js';

@Module({
  imports: [AuthModule, DashboardModule, PsychoeducationModule],
  providers: [FirstPageService],
  exports: [FirstPageService],
})
export class FirstPageModule {}
