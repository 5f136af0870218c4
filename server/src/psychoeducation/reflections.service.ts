import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { ModuleContent, ReflectionView } from '@attune/shared';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { AccessPolicy } from '../common/access/access.policy.js';
import type { AuthContext } from '../common/auth-context.js';
import { badField, conflict, notFound } from '../common/errors.js';
import { AssignmentsService } from './assignments.service.js';
import { ReflectionsRepository, toReflectionView } from './reflections.repository.js';
import type { SaveReflectionDto, UpdateReflectionDto } from './dto/psychoeducation.dto.js';

/** Reflections are private to the client unless they choose to share them with their therapist. */
@Injectable()
export class ReflectionsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly access: AccessPolicy,
    private readonly reflections: ReflectionsRepository,
    private readonly assignments: AssignmentsService,
    private readonly audit: AuditService,
  ) {}

  async list(auth: AuthContext, assignmentId: string): Promise<ReflectionView[]> {
    const a = await this.assignments.load(
      auth,
      assignmentId,
      this.ds.manager,
      false,
      'reflections.read',
    );
    // Private reflections never reach staff: they see only what the client shared.
    const staff = !this.access.can(auth, 'reflections.readPrivate');
    const rows = await this.reflections.forAssignment(assignmentId, staff);
    if (staff)
      await this.audit.byCaller(auth, 'reflection.read', {
        entityType: 'module_assignment',
        entityId: assignmentId,
        clientId: a.client_id,
      });
    return rows.map((r) => toReflectionView(r, a.content));
  }

  /** Creates the reflection for a prompt, or updates it when `version` matches (autosave). */
  async save(
    auth: AuthContext,
    assignmentId: string,
    dto: SaveReflectionDto,
  ): Promise<ReflectionView> {
    return this.ds.transaction(async (m) => {
      const a = await this.assignments.load(auth, assignmentId, m, true, 'reflections.write');
      if (!a.content.reflectionPrompts.some((p) => p.id === dto.promptId))
        throw badField('promptId', "promptId is not one of this reading's prompts");
      const existing = await this.reflections.forPrompt(m, assignmentId, dto.promptId);
      if (existing) {
        if (dto.version !== existing.version)
          throw conflict(
            'reflection_changed',
            'This reflection was saved somewhere else too. Here is the latest version.',
            toReflectionView(existing, a.content),
          );
        return this.write(auth, existing.id, a.client_id, dto, a.content, m);
      }
      if (dto.version !== undefined)
        throw conflict(
          'reflection_gone',
          'This reflection no longer exists. Your text is still here; save it again.',
        );
      const row = await this.reflections.insert(m, {
        practiceId: auth.practiceId,
        clientId: a.client_id,
        assignmentId,
        promptId: dto.promptId,
        body: dto.body,
        shared: dto.shared ?? false,
      });
      await this.audit.byCaller(
        auth,
        'reflection.create',
        {
          entityType: 'reflection',
          entityId: row.id,
          clientId: a.client_id,
          meta: { shared: row.shared },
        },
        m,
      );
      return toReflectionView(row, a.content);
    });
  }

  async update(auth: AuthContext, id: string, dto: UpdateReflectionDto): Promise<ReflectionView> {
    return this.ds.transaction(async (m) => {
      await this.access.requireAccess(auth, 'reflections.update', id, m);
      const existing = await this.reflections.lock(m, id);
      if (!existing) throw notFound('That reflection');
      const a = await this.assignments.load(auth, existing.assignment_id, m);
      if (dto.version !== existing.version)
        throw conflict(
          'reflection_changed',
          'This reflection was saved somewhere else too. Here is the latest version.',
          toReflectionView(existing, a.content),
        );
      return this.write(auth, id, a.client_id, dto, a.content, m);
    });
  }

  private async write(
    auth: AuthContext,
    id: string,
    clientId: string,
    dto: { body?: string; shared?: boolean },
    content: ModuleContent,
    m: EntityManager,
  ): Promise<ReflectionView> {
    const row = await this.reflections.update(m, id, dto);
    const action: 'reflection.update' | 'reflection.share' | 'reflection.unshare' =
      dto.shared === undefined
        ? 'reflection.update'
        : dto.shared
          ? 'reflection.share'
          : 'reflection.unshare';
    await this.audit.byCaller(
      auth,
      action,
      { entityType: 'reflection', entityId: id, clientId },
      m,
    );
    return toReflectionView(row, content);
  }
}
