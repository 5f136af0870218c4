import { Body, Controller, Get, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type {
  AssignmentReading,
  AssignmentSummary,
  ModuleDetail,
  ModuleSummary,
  RecommendationsResponse,
  ReflectionView,
} from '@attune/shared';
import type { AuthContext } from '../common/auth-context.js';
import { CurrentAuth, Roles } from '../common/decorators.js';
import { IdParam } from '../common/id-param.js';
import { AssignmentsService } from './assignments.service.js';
import {
  AssignmentListQueryDto,
  AssignModulesDto,
  ModuleDraftDto,
  SaveReflectionDto,
  UpdateAssignmentDto,
  UpdateModuleDto,
  UpdateReflectionDto,
} from './dto/psychoeducation.dto.js';
import { ModulesService } from './modules.service.js';
import { ReflectionsService } from './reflections.service.js';
import { Audit, NoClientData } from '../common/audit-trail.js';

@ApiTags('psychoeducation')
@Controller()
export class PsychoeducationController {
  constructor(
    private readonly modules: ModulesService,
    private readonly assignments: AssignmentsService,
    private readonly reflections: ReflectionsService,
  ) {}

  @Get('modules')
  @Roles('admin', 'therapist', 'client')
  @NoClientData('the module library (a client sees the titles assigned to them)')
  listModules(@CurrentAuth() auth: AuthContext): Promise<ModuleSummary[]> {
    return this.modules.list(auth);
  }

  @Post('modules')
  @Roles('therapist')
  @Audit('module.create')
  createModule(
    @CurrentAuth() auth: AuthContext,
    @Body() dto: ModuleDraftDto,
  ): Promise<ModuleDetail> {
    return this.modules.create(auth, dto);
  }

  @Get('modules/:id')
  @Roles('admin', 'therapist', 'client')
  @NoClientData('module content')
  getModule(@CurrentAuth() auth: AuthContext, @IdParam() id: string): Promise<ModuleDetail> {
    return this.modules.get(auth, id);
  }

  @Patch('modules/:id')
  @Roles('therapist')
  @Audit('module.update')
  updateModule(
    @CurrentAuth() auth: AuthContext,
    @IdParam() id: string,
    @Body() dto: UpdateModuleDto,
  ): Promise<ModuleDetail> {
    return this.modules.update(auth, id, dto);
  }

  @Get('clients/:id/recommendations')
  @Roles('admin', 'therapist')
  @Audit('recommendations.read')
  recommendations(
    @CurrentAuth() auth: AuthContext,
    @IdParam() clientId: string,
  ): Promise<RecommendationsResponse> {
    return this.modules.recommendations(auth, clientId);
  }

  @Post('clients/:id/assignments')
  @Roles('admin', 'therapist')
  @Audit(['assignment.create', 'assignment.list'])
  assign(
    @CurrentAuth() auth: AuthContext,
    @IdParam() clientId: string,
    @Body() dto: AssignModulesDto,
  ): Promise<AssignmentSummary[]> {
    return this.assignments.assign(auth, clientId, dto);
  }

  @Get('assignments')
  @Roles('admin', 'therapist', 'client')
  @Audit('assignment.list')
  listAssignments(
    @CurrentAuth() auth: AuthContext,
    @Query() q: AssignmentListQueryDto,
  ): Promise<AssignmentSummary[]> {
    return this.assignments.list(auth, q.clientId);
  }

  @Get('assignments/:id/reading')
  @Roles('client')
  @Audit('assignment.read')
  reading(@CurrentAuth() auth: AuthContext, @IdParam() id: string): Promise<AssignmentReading> {
    return this.assignments.reading(auth, id);
  }

  @Patch('assignments/:id')
  @Roles('admin', 'therapist', 'client')
  @Audit(['assignment.progress', 'assignment.update', 'assignment.withdraw'])
  updateAssignment(
    @CurrentAuth() auth: AuthContext,
    @IdParam() id: string,
    @Body() dto: UpdateAssignmentDto,
  ): Promise<AssignmentSummary> {
    return this.assignments.update(auth, id, dto);
  }

  @Get('assignments/:id/reflections')
  @Roles('admin', 'therapist', 'client')
  @Audit('reflection.read', { skippedWhen: 'a client reads their own reflections' })
  listReflections(
    @CurrentAuth() auth: AuthContext,
    @IdParam() id: string,
  ): Promise<ReflectionView[]> {
    return this.reflections.list(auth, id);
  }

  @Post('assignments/:id/reflections')
  @Roles('client')
  @Audit(['reflection.create', 'reflection.update', 'reflection.share', 'reflection.unshare'])
  saveReflection(
    @CurrentAuth() auth: AuthContext,
    @IdParam() id: string,
    @Body() dto: SaveReflectionDto,
  ): Promise<ReflectionView> {
    return this.reflections.save(auth, id, dto);
  }

  @Patch('reflections/:id')
  @Roles('client')
  @Audit(['reflection.update', 'reflection.share', 'reflection.unshare'])
  updateReflection(
    @CurrentAuth() auth: AuthContext,
    @IdParam() id: string,
    @Body() dto: UpdateReflectionDto,
  ): Promise<ReflectionView> {
    return this.reflections.update(auth, id, dto);
  }
}
