import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { AssignmentReading, AssignmentSummary } from '@attune/shared';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { ClientsRepository } from '../clients/clients.repository.js';
import { AccessPolicy } from '../common/access/access.policy.js';
import type { AuthContext } from '../common/auth-context.js';
import { badField, conflict, notFound } from '../common/errors.js';
import { type AssignmentRecord, AssignmentsRepository } from './assignments.repository.js';
import type { AssignModulesDto, UpdateAssignmentDto } from './dto/psychoeducation.dto.js';
import { ModulesRepository, toModuleDetail } from './modules.repository.js';
import { ReflectionsRepository, toReflectionView } from './reflections.repository.js';
import { sectionHtml } from './module-html.js';

const CLIENT_FIELDS = ['readSection', 'completed', 'helpful'] as const;
const STAFF_FIELDS = ['position', 'dueAt', 'note', 'withdrawn'] as const;

@Injectable()
export class AssignmentsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly access: AccessPolicy,
    private readonly assignments: AssignmentsRepository,
    private readonly modules: ModulesRepository,
    private readonly reflections: ReflectionsRepository,
    private readonly clients: ClientsRepository,
    private readonly audit: AuditService,
  ) {}

  /** Staff count only the reflections a client shared; the client counts all of theirs. */
  private withPrivate(auth: AuthContext): boolean {
    return this.access.can(auth, 'reflections.readPrivate');
  }

  async assign(
    auth: AuthContext,
    clientId: string,
    dto: AssignModulesDto,
  ): Promise<AssignmentSummary[]> {
    await this.ds.transaction(async (m) => {
      await this.access.requireAccess(auth, 'assignments.create', clientId, m);
      const client = (await this.clients.record(clientId, m))!;
      if (client.status !== 'active')
        throw conflict(
          'client_inactive',
          'This client is inactive. Make them active before assigning.',
        );
      if (
        (await this.modules.countVisible(m, dto.moduleIds, auth.practiceId)) !==
        dto.moduleIds.length
      )
        throw badField('moduleIds', 'moduleIds includes a module that is not in your library');
      // Serialise assignment to one client so positions stay in order; re-assigning is a no-op.
      await this.clients.lock(clientId, m);
      let position = await this.assignments.nextPosition(m, clientId);
      for (const moduleId of dto.moduleIds) {
        const inserted = await this.assignments.insert(m, {
          practiceId: auth.practiceId,
          clientId,
          moduleId,
          userId: auth.userId,
          dueAt: dto.dueAt ?? null,
          note: dto.note || null,
          position,
        });
        if (inserted) {
          position++;
          await this.audit.byCaller(
            auth,
            'assignment.create',
            {
              entityType: 'module_assignment',
              entityId: inserted,
              clientId,
              meta: { moduleId },
            },
            m,
          );
        }
      }
    });
    return this.list(auth, clientId);
  }

  async list(auth: AuthContext, clientId?: string): Promise<AssignmentSummary[]> {
    // A client's own list needs no id; staff name the client.
    const target = clientId ?? auth.clientId;
    if (!target) throw badField('clientId', 'clientId is required for staff');
    await this.access.requireAccess(auth, 'assignments.list', target);
    const list = await this.assignments.forClient(target, auth.practiceId, this.withPrivate(auth));
    await this.audit.byCaller(auth, 'assignment.list', {
      entityType: 'module_assignment',
      clientId: target,
    });
    return list;
  }

  /**
   * What the client's reader needs in one answer: the reading, its module and the client's own
   * reflections (a fixed number of queries), instead of list, module and reflections in turn.
   */
  async reading(auth: AuthContext, id: string): Promise<AssignmentReading> {
    await this.access.requireAccess(auth, 'assignments.read', id);
    const found = await this.assignments.withContent(id, auth.practiceId);
    if (!found) throw notFound('That reading');
    const rows = await this.reflections.forAssignment(id, !this.withPrivate(auth));
    await this.audit.byCaller(auth, 'assignment.read', {
      entityType: 'module_assignment',
      entityId: id,
      clientId: found.summary.clientId,
    });
    return {
      assignment: found.summary,
      module: toModuleDetail(found.module, auth.userId),
      sectionHtml: sectionHtml(found.module.content),
      reflections: rows.map((r) => toReflectionView(r, found.module.content)),
    };
  }

  /** One assignment the caller may reach for `permission`, or 404. */
  async load(
    auth: AuthContext,
    id: string,
    m: EntityManager,
    lock = false,
    permission:
      | 'assignments.read'
      | 'assignments.progress'
      | 'assignments.update'
      | 'reflections.read'
      | 'reflections.write' = 'assignments.read',
  ): Promise<AssignmentRecord> {
    await this.access.requireAccess(auth, permission, id, m);
    const row = await this.assignments.record(id, m, lock);
    if (!row) throw notFound('That reading');
    return row;
  }

  async update(
    auth: AuthContext,
    id: string,
    dto: UpdateAssignmentDto,
  ): Promise<AssignmentSummary> {
    // The client records progress; their therapist edits the reading list.
    const isClient = this.access.can(auth, 'assignments.progress');
    const forbidden = isClient ? [...STAFF_FIELDS, 'version' as const] : CLIENT_FIELDS;
    for (const f of forbidden)
      if (dto[f] !== undefined)
        throw badField(
          f,
          `${f} can only be changed by ${isClient ? 'your therapist' : 'the client'}`,
        );
    await this.ds.transaction(async (m) => {
      const a = await this.load(
        auth,
        id,
        m,
        true,
        isClient ? 'assignments.progress' : 'assignments.update',
      );
      if (a.status === 'withdrawn')
        throw conflict('reading_withdrawn', 'This reading was withdrawn.');
      if (isClient) await this.clientUpdate(auth, a, dto, m);
      else await this.staffUpdate(auth, a, dto, m);
    });
    return this.assignments.summary(id, this.withPrivate(auth));
  }

  /** Progress only ever grows (reading order is free), so retries and two devices merge cleanly. */
  private async clientUpdate(
    auth: AuthContext,
    a: AssignmentRecord,
    dto: UpdateAssignmentDto,
    m: EntityManager,
  ): Promise<void> {
    if (dto.readSection !== undefined) {
      if (dto.readSection >= a.content.sections.length)
        throw badField(
          'readSection',
          `readSection must be between 0 and ${a.content.sections.length - 1}`,
        );
      await this.assignments.markRead(m, a.id, dto.readSection);
    }
    if (dto.completed !== undefined) await this.assignments.setCompleted(m, a.id, dto.completed);
    if (dto.helpful !== undefined) await this.assignments.setHelpful(m, a.id, dto.helpful);
    await this.audit.byCaller(
      auth,
      'assignment.progress',
      { entityType: 'module_assignment', entityId: a.id, clientId: a.client_id, meta: { ...dto } },
      m,
    );
  }

  private async staffUpdate(
    auth: AuthContext,
    a: AssignmentRecord,
    dto: UpdateAssignmentDto,
    m: EntityManager,
  ): Promise<void> {
    if (dto.version === undefined)
      throw badField('version', 'version is required when a therapist edits a reading');
    if (dto.version !== a.version) {
      throw conflict(
        'reading_changed',
        'This reading was changed since you loaded it. Here is the latest.',
        await this.assignments.summary(a.id, this.withPrivate(auth), m),
      );
    }
    if (dto.withdrawn) {
      await this.assignments.withdraw(m, a.id);
      await this.audit.byCaller(
        auth,
        'assignment.withdraw',
        { entityType: 'module_assignment', entityId: a.id, clientId: a.client_id },
        m,
      );
      await this.renumber(a.client_id, m);
      return;
    }
    if (dto.dueAt !== undefined || dto.note !== undefined)
      await this.assignments.setDetails(m, a.id, { dueAt: dto.dueAt, note: dto.note });
    if (dto.position !== undefined)
      await this.renumber(a.client_id, m, { id: a.id, to: dto.position });
    await this.assignments.bumpVersion(m, a.id);
    await this.audit.byCaller(
      auth,
      'assignment.update',
      { entityType: 'module_assignment', entityId: a.id, clientId: a.client_id, meta: { ...dto } },
      m,
    );
  }

  /** Rewrites positions 0..n-1 for the client's live assignments, optionally moving one. */
  private async renumber(
    clientId: string,
    m: EntityManager,
    move?: { id: string; to: number },
  ): Promise<void> {
    const ids = await this.assignments.liveIdsLocked(m, clientId);
    if (move) {
      ids.splice(ids.indexOf(move.id), 1);
      ids.splice(Math.min(move.to, ids.length), 0, move.id);
    }
    await this.assignments.setOrder(m, ids);
  }
}
