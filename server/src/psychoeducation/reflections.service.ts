import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { ModuleContent, ReflectionView } from '@attune/shared';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { type AuthContext, hasRole } from '../common/auth-context.js';
import { AppError, badField, conflict, notFound } from '../common/errors.js';
import { AssignmentsService } from './assignments.service.js';
import type { SaveReflectionDto, UpdateReflectionDto } from './dto/psychoeducation.dto.js';

interface ReflectionRow {
  id: string;
  assignment_id: string;
  prompt_id: string;
  body: string;
  shared: boolean;
  shared_at: Date | null;
  version: number;
  updated_at: Date;
}

function toView(r: ReflectionRow, content: ModuleContent): ReflectionView {
  return {
    id: r.id,
    assignmentId: r.assignment_id,
    promptId: r.prompt_id,
    promptText: content.reflectionPrompts.find((p) => p.id === r.prompt_id)?.text ?? '',
    body: r.body,
    shared: r.shared,
    sharedAt: r.shared_at?.toISOString() ?? null,
    version: r.version,
    updatedAt: r.updated_at.toISOString(),
  };
}

const onlyClients = () =>
  new AppError(HttpStatus.FORBIDDEN, 'Only the client writes their reflections.');

/** Reflections are private to the client unless they choose to share them with their therapist. */
@Injectable()
export class ReflectionsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly assignments: AssignmentsService,
    private readonly audit: AuditService,
  ) {}

  async list(auth: AuthContext, assignmentId: string): Promise<ReflectionView[]> {
    const a = await this.assignments.load(auth, assignmentId, this.ds.manager);
    const staff = !hasRole(auth, 'client');
    const rows: ReflectionRow[] = await this.ds.query(
      `SELECT id, assignment_id, prompt_id, body, shared, shared_at, version, updated_at
         FROM reflections WHERE assignment_id = $1 ${staff ? 'AND shared' : ''} ORDER BY created_at`,
      [assignmentId],
    );
    if (staff)
      await this.audit.byCaller(auth, 'reflection.read', {
        entityType: 'module_assignment',
        entityId: assignmentId,
        clientId: a.client_id,
      });
    return rows.map((r) => toView(r, a.content));
  }

  /** Creates the reflection for a prompt, or updates it when `version` matches (autosave). */
  async save(
    auth: AuthContext,
    assignmentId: string,
    dto: SaveReflectionDto,
  ): Promise<ReflectionView> {
    if (!hasRole(auth, 'client')) throw onlyClients();
    return this.ds.transaction(async (m) => {
      const a = await this.assignments.load(auth, assignmentId, m, true);
      if (!a.content.reflectionPrompts.some((p) => p.id === dto.promptId))
        throw badField('promptId', "promptId is not one of this reading's prompts");
      const [existing] = await m.query<ReflectionRow[]>(
        `SELECT id, assignment_id, prompt_id, body, shared, shared_at, version, updated_at
           FROM reflections WHERE assignment_id = $1 AND prompt_id = $2`,
        [assignmentId, dto.promptId],
      );
      if (existing) {
        if (dto.version !== existing.version)
          throw conflict(
            'This reflection was saved somewhere else too. Here is the latest version.',
            toView(existing, a.content),
          );
        return this.write(auth, existing.id, a.client_id, dto, a.content, m);
      }
      if (dto.version !== undefined)
        throw conflict('This reflection no longer exists. Your text is still here; save it again.');
      const [row] = await m.query<ReflectionRow[]>(
        `INSERT INTO reflections (practice_id, client_id, assignment_id, prompt_id, body, shared, shared_at)
         VALUES ($1, $2, $3, $4, $5, $6, CASE WHEN $6 THEN now() END)
         RETURNING id, assignment_id, prompt_id, body, shared, shared_at, version, updated_at`,
        [auth.practiceId, a.client_id, assignmentId, dto.promptId, dto.body, dto.shared ?? false],
      );
      await this.audit.byCaller(
        auth,
        'reflection.create',
        {
          entityType: 'reflection',
          entityId: row!.id,
          clientId: a.client_id,
          meta: { shared: row!.shared },
        },
        m,
      );
      return toView(row!, a.content);
    });
  }

  async update(auth: AuthContext, id: string, dto: UpdateReflectionDto): Promise<ReflectionView> {
    if (!hasRole(auth, 'client')) throw onlyClients();
    return this.ds.transaction(async (m) => {
      const [existing] = await m.query<ReflectionRow[]>(
        `SELECT id, assignment_id, prompt_id, body, shared, shared_at, version, updated_at
           FROM reflections WHERE id = $1 AND client_id = $2 AND practice_id = $3 FOR UPDATE`,
        [id, auth.clientId, auth.practiceId],
      );
      if (!existing) throw notFound('That reflection');
      const a = await this.assignments.load(auth, existing.assignment_id, m);
      if (dto.version !== existing.version)
        throw conflict(
          'This reflection was saved somewhere else too. Here is the latest version.',
          toView(existing, a.content),
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
    const [row] = await m
      .query(
        `UPDATE reflections SET body = coalesce($2, body), shared = coalesce($3, shared),
              shared_at = CASE WHEN coalesce($3, shared) THEN coalesce(shared_at, now()) END,
              version = version + 1, updated_at = now()
        WHERE id = $1 RETURNING id, assignment_id, prompt_id, body, shared, shared_at, version, updated_at`,
        [id, dto.body ?? null, dto.shared ?? null],
      )
      .then(([rows]: [ReflectionRow[]]) => rows);
    const action =
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
    return toView(row!, content);
  }
}
