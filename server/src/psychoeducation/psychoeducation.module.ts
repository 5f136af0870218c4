import { Module } from '@nestjs/common';
import { AssignmentsService } from './assignments.service.js';
import { ModulesService } from './modules.service.js';
import { PsychoeducationController } from './psychoeducation.controller.js';
import { ReflectionsService } from './reflections.service.js';

@Module({
  controllers: [PsychoeducationController],
  providers: [ModulesService, AssignmentsService, ReflectionsService],
  // The first page (first-page/) draws a client's home or reading with the same read.
  exports: [AssignmentsService],
})
export class PsychoeducationModule {}
