import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { PracticesController } from './practices.controller.js';
import { PracticesService } from './practices.service.js';

@Module({
  imports: [AuthModule],
  controllers: [PracticesController],
  providers: [PracticesService],
  exports: [PracticesService],
})
export class PracticesModule {}
