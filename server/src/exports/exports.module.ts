import { Module } from '@nestjs/common';
import { ClientExportController } from './client-export.controller.js';
import { ClientExportService } from './client-export.service.js';

/** Copies of a client's record (data rights): the export download. */
@Module({
  controllers: [ClientExportController],
  providers: [ClientExportService],
})
export class ExportsModule {}
