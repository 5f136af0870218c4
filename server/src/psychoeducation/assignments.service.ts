import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { AssignmentSummary, ModuleContent } from '@attune/shared';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { AccessService } from '../common/access.service.js';
import { type AuthContext, hasRole } from '../common/auth-context.js';
import { badField, conflict, notFound } from '../common/errors.js';
import type { AssignModulesDto, UpdateAssignmentDto } from './dto/psychoeducation.dto.js';
import { MODULE_COLUMNS, type ModuleRow, toModuleSummary } from './modules.service.js';

interface AssignmentRow extends ModuleRow {
  assignment_id: string;
  client_id: string;
  status: AssignmentSummary['status'];
  due_at: Date | null;
  note: string | null;
  position: number;
  sections_read: number[];
  last_section: number | null;
  section_count: number;
  completed_at: Date | null;
  helpful: number | null;
  reflection_count: number;
  assigned_at: Date;
  assignment_version: number;
}

function toSummary(r: AssignmentRow): AssignmentSummary {
  return {
    id: r.assignment_id,
    clientId: r.client_id,
    module: toModuleSummary(r),
    status: r.status,
    dueAt: r.due_at?.toISOString() ?? null,
    note: r.note,
    position: r.position,
    sectionsRead: r.sections_read,
    lastSection: r.last_section,
    sectionCount: r.section_count,
    completedAt: r.completed_at?.toISOString() ?? null,
    helpful: r.helpful,
    reflectionCount: r.reflection_count,
    assignedAt: r.assigned_at.toISOString(),
    version: r.assignment_version,
  };
}

const CLIENT_FIELDS = ['readSection', 'completed', 'helpful'] as const;
const STAFF_FIELDS = ['position', 'dueAt', 'note', 'withdrawn'] as const;

@Injectable()
export class AssignmentsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly access: AccessService,
    private readonly audit: AuditService,
  ) {}

  /** Assignments with module and reading progress in one query. Staff count only shared reflections. */
  private rows(
    auth: AuthContext,
    where: string,
    params: unknown[],
    m: EntityManager = this.ds.manager,
  ) {
    const sharedOnly = hasRole(auth, 'client') ? '' : 'AND r.shared';
    return m.query<AssignmentRow[]>(
      `SELECT ${MODULE_COLUMNS}, a.id AS assignment_id, a.client_id, a.status, a.due_at, a.note, a.position,
              a.sections_read, a.last_section, jsonb_array_length(m.content->'sections') AS section_count,
              a.completed_at, a.helpful, a.created_at AS assigned_at, a.version AS assignment_version,
              (SELECT count(*)::int FROM reflections r WHERE r.assignment_id = a.id ${sharedOnly}) AS reflection_count
         FROM module_assignments a
         JOIN modules m ON m.id = a.module_id
         LEFT JOIN users au ON au.id = m.author_user_id
        WHERE ${where}
        ORDER BY a.position, a.created_at, a.id`,
      params,
    );
  }

  async assign(
    auth: AuthContext,
    clientId: string,
    dto: AssignModulesDto,
  ): Promise<AssignmentSummary[]> {
    await this.ds.transaction(async (m) => {
      const client = await this.access.client(auth, clientId, m);
      if (client.status !== 'active')
        throw conflict('This client is inactive. Make them active before assigning.');
      const visible = await m.query<{ id: string }[]>(
        `SELECT id FROM modules WHERE id = ANY($1::uuid[]) AND (practice_id IS NULL OR practice_id = $2)`,
        [dto.moduleIds, auth.practiceId],
      );
      if (visible.length !== dto.moduleIds.length)
        throw badField('moduleIds', 'moduleIds includes a module that is not in your library');
      // Serialise assignment to one client so positions stay in order; re-assigning is a no-op.
      await m.query('SELECT 1 FROM clients WHERE id = $1 FOR UPDATE', [clientId]);
      const [{ next }] = await m.query<[{ next: number }]>(
        `SELECT coalesce(max(position) + 1, 0)::int AS next FROM module_assignments WHERE client_id = $1 AND status <> 'withdrawn'`,
        [clientId],
      );
      let position = next;
      for (const moduleId of dto.moduleIds) {
        const inserted = await m.query<{ id: string }[]>(
          `INSERT INTO module_assignments (practice_id, client_id, module_id, assigned_by_user_id, due_at, note, position)
           VALUES ($1, $2, $3, $4, $5, $6, $7)
           ON CONFLICT (client_id, module_id) WHERE status <> 'withdrawn' DO NOTHING RETURNING id`,
          [
            auth.practiceId,
            clientId,
            moduleId,
            auth.userId,
            dto.dueAt ?? null,
            dto.note || null,
            position,
          ],
        );
        if (inserted[0]) {
          position++;
          await this.audit.byCaller(
            auth,
            'assignment.create',
            {
              entityType: 'module_assignment',
              entityId: inserted[0].id,
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
    let target: string;
    if (hasRole(auth, 'client')) {
      if (clientId && clientId !== auth.clientId) throw notFound('That client');
      target = auth.clientId!;
    } else {
      if (!clientId) throw badField('clientId', 'clientId is required for staff');
      await this.access.client(auth, clientId);
      target = clientId;
    }
    const rows = await this.rows(
      auth,
      `a.client_id = $1 AND a.practice_id = $2 AND a.status <> 'withdrawn'`,
      [target, auth.practiceId],
    );
    await this.audit.byCaller(auth, 'assignment.list', {
      entityType: 'module_assignment',
      clientId: target,
    });
    return rows.map(toSummary);
  }

  /** One assignment whose client the caller may see, or 404. */
  async load(auth: AuthContext, id: string, m: EntityManager, lock = false) {
    const [row] = await m.query<
      {
        id: string;
        client_id: string;
        status: string;
        version: number;
        module_id: string;
        content: ModuleContent;
      }[]
    >(
      `SELECT a.id, a.client_id, a.status, a.version, a.module_id, m.content
         FROM module_assignments a JOIN modules m ON m.id = a.module_id
        WHERE a.id = $1 AND a.practice_id = $2 ${lock ? 'FOR UPDATE OF a' : ''}`,
      [id, auth.practiceId],
    );
    if (!row) throw notFound('That reading');
    await this.access
      .client(auth, row.client_id, m)
      .catch(() => Promise.reject(notFound('That reading')));
    if (hasRole(auth, 'client') && row.status === 'withdrawn') throw notFound('That reading');
    return row;
  }

  async update(
    auth: AuthContext,
    id: string,
    dto: UpdateAssignmentDto,
  ): Promise<AssignmentSummary> {
    const isClient = hasRole(auth, 'client');
    const forbidden = isClient ? [...STAFF_FIELDS, 'version' as const] : CLIENT_FIELDS;
    for (const f of forbidden)
      if (dto[f] !== undefined)
        throw badField(
          f,
          `${f} can only be changed by ${isClient ? 'your therapist' : 'the client'}`,
        );
    await this.ds.transaction(async (m) => {
      const a = await this.load(auth, id, m, true);
      if (a.status === 'withdrawn') throw conflict('This reading was withdrawn.');
      if (isClient) await this.clientUpdate(auth, a, dto, m);
      else await this.staffUpdate(auth, a, dto, m);
    });
    const [row] = await this.rows(auth, 'a.id = $1', [id]);
    return toSummary(row!);
  }

  /** Progress only ever grows (reading order is free), so retries and two devices merge cleanly. */
  private async clientUpdate(
    auth: AuthContext,
    a: { id: string; client_id: string; content: ModuleContent },
    dto: UpdateAssignmentDto,
    m: EntityManager,
  ): Promise<void> {
    if (dto.readSection !== undefined) {
      if (dto.readSection >= a.content.sections.length)
        throw badField(
          'readSection',
          `readSection must be between 0 and ${a.content.sections.length - 1}`,
        );
      await m.query(
        `UPDATE module_assignments
            SET sections_read = ARRAY(SELECT DISTINCT unnest(sections_read || $2::int) ORDER BY 1),
                last_section = $2, updated_at = now()
          WHERE id = $1`,
        [a.id, dto.readSection],
      );
    }
    if (dto.completed !== undefined)
      await m.query(
        `UPDATE module_assignments SET status = $2, completed_at = CASE WHEN $2 = 'completed' THEN coalesce(completed_at, now()) END,
                updated_at = now() WHERE id = $1`,
        [a.id, dto.completed ? 'completed' : 'assigned'],
      );
    if (dto.helpful !== undefined)
      await m.query(
        'UPDATE module_assignments SET helpful = $2, updated_at = now() WHERE id = $1',
        [a.id, dto.helpful],
      );
    await this.audit.byCaller(
      auth,
      'assignment.progress',
      { entityType: 'module_assignment', entityId: a.id, clientId: a.client_id, meta: { ...dto } },
      m,
    );
  }

  private async staffUpdate(
    auth: AuthContext,
    a: { id: string; client_id: string; version: number },
    dto: UpdateAssignmentDto,
    m: EntityManager,
  ): Promise<void> {
    if (dto.version === undefined)
      throw badField('version', 'version is required when a therapist edits a reading');
    if (dto.version !== a.version) {
      const [current] = await this.rows(auth, 'a.id = $1', [a.id], m);
      throw conflict(
        'This reading was changed since you loaded it. Here is the latest.',
        toSummary(current!),
      );
    }
    if (dto.withdrawn) {
      await m.query(
        `UPDATE module_assignments SET status = 'withdrawn', version = version + 1, updated_at = now() WHERE id = $1`,
        [a.id],
      );
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
      await m.query(
        `UPDATE module_assignments SET due_at = CASE WHEN $2 THEN $3::timestamptz ELSE due_at END,
                note = CASE WHEN $4 THEN $5 ELSE note END WHERE id = $1`,
        [
          a.id,
          dto.dueAt !== undefined,
          dto.dueAt ?? null,
          dto.note !== undefined,
          dto.note || null,
        ],
      );
    if (dto.position !== undefined)
      await this.renumber(a.client_id, m, { id: a.id, to: dto.position });
    await m.query(
      'UPDATE module_assignments SET version = version + 1, updated_at = now() WHERE id = $1',
      [a.id],
    );
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
    const live = await m.query<{ id: string }[]>(
      `SELECT id FROM module_assignments WHERE client_id = $1 AND status <> 'withdrawn' ORDER BY position, created_at, id FOR UPDATE`,
      [clientId],
    );
    const ids = live.map((r) => r.id);
    if (move) {
      ids.splice(ids.indexOf(move.id), 1);
      ids.splice(Math.min(move.to, ids.length), 0, move.id);
    }
    await m.query(
      `UPDATE module_assignments a SET position = o.ord - 1
         FROM unnest($1::uuid[]) WITH ORDINALITY AS o(id, ord) WHERE a.id = o.id`,
      [ids],
    );
  }
}
