import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { AssignmentSummary, ModuleContent } from '@attune/shared';
import { DataSource, type EntityManager } from 'typeorm';
import type { RowSource } from '../database/read-snapshot.js';
import { MODULE_COLUMNS, type ModuleRow, toModuleSummary } from './modules.repository.js';

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

/** Assignments with module and reading progress; `$1` = count private reflections too. */
const SUMMARY_COLUMNS = `${MODULE_COLUMNS}, a.id AS assignment_id, a.client_id, a.status, a.due_at, a.note, a.position,
    a.sections_read, a.last_section, jsonb_array_length(m.content->'sections') AS section_count,
    a.completed_at, a.helpful, a.created_at AS assigned_at, a.version AS assignment_version,
    (SELECT count(*)::int FROM reflections r WHERE r.assignment_id = a.id AND ($1 OR r.shared)) AS reflection_count`;
const SUMMARY_FROM = `FROM module_assignments a
  JOIN modules m ON m.id = a.module_id
  LEFT JOIN users au ON au.id = m.author_user_id`;
const SUMMARY = `SELECT ${SUMMARY_COLUMNS} ${SUMMARY_FROM}`;

/** One assignment as the rules need it: its client, state and module content. */
export interface AssignmentRecord {
  id: string;
  client_id: string;
  status: string;
  version: number;
  module_id: string;
  content: ModuleContent;
}

/** One reading as a client's export writes it, with its prompts and reflections. */
export interface AssignmentExportRow {
  id: string;
  title: string;
  status: 'assigned' | 'completed' | 'withdrawn';
  due_at: Date | null;
  note: string | null;
  created_at: Date;
  completed_at: Date | null;
  prompts: { id: string; text: string }[] | null;
  reflections: {
    id: string;
    prompt_id: string;
    body: string;
    shared: boolean;
    created_at: string;
    updated_at: string;
  }[];
}

/** The module_assignments table (readings assigned to clients, with progress). */
@Injectable()
export class AssignmentsRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /**
   * Every reading of a client (withdrawn ones too: the client may have written there), oldest
   * first, each with its reflections: all of them, or only the shared ones. Streamed; one
   * statement however many.
   */
  forExport(
    src: RowSource,
    clientId: string,
    withPrivate: boolean,
  ): AsyncIterable<AssignmentExportRow> {
    return src.rows<AssignmentExportRow>(
      `SELECT a.id, m.title, a.status, a.due_at, a.note, a.created_at, a.completed_at,
              m.content->'reflectionPrompts' AS prompts,
              coalesce((SELECT json_agg(json_build_object(
                          'id', r.id, 'prompt_id', r.prompt_id, 'body', r.body, 'shared', r.shared,
                          'created_at', r.created_at, 'updated_at', r.updated_at) ORDER BY r.created_at)
                          FROM reflections r WHERE r.assignment_id = a.id AND ($2 OR r.shared)),
                       '[]'::json) AS reflections
         FROM module_assignments a JOIN modules m ON m.id = a.module_id
        WHERE a.client_id = $1
        ORDER BY a.created_at, a.id`,
      [clientId, withPrivate],
    );
  }

  /** A client's live readings in order, in one query whatever the count. */
  async forClient(
    clientId: string,
    practiceId: string,
    withPrivate: boolean,
  ): Promise<AssignmentSummary[]> {
    const rows = await this.ds.query<AssignmentRow[]>(
      `${SUMMARY} WHERE a.client_id = $2 AND a.practice_id = $3 AND a.status <> 'withdrawn'
        ORDER BY a.position, a.created_at, a.id`,
      [withPrivate, clientId, practiceId],
    );
    return rows.map(toSummary);
  }

  /** A client's open readings and those finished since `since`, in reading order. One query. */
  async openAndFinishedSince(
    clientId: string,
    practiceId: string,
    since: Date,
    limit: number,
  ): Promise<AssignmentSummary[]> {
    const rows = await this.ds.query<AssignmentRow[]>(
      `${SUMMARY} WHERE a.client_id = $2 AND a.practice_id = $3
          AND (a.status = 'assigned' OR (a.status = 'completed' AND a.completed_at >= $4))
        ORDER BY a.position, a.created_at, a.id LIMIT $5`,
      [false, clientId, practiceId, since, limit],
    );
    return rows.map(toSummary);
  }

  /** A client's readings not finished yet, in reading order, at most `limit`. One query. */
  async open(clientId: string, practiceId: string, limit: number): Promise<AssignmentSummary[]> {
    const rows = await this.ds.query<AssignmentRow[]>(
      `${SUMMARY} WHERE a.client_id = $2 AND a.practice_id = $3 AND a.status = 'assigned'
        ORDER BY a.position, a.created_at, a.id LIMIT $4`,
      [true, clientId, practiceId, limit],
    );
    return rows.map(toSummary);
  }

  /** Which of these clients have a reading not finished yet. One query. */
  async clientsWithOpen(
    clientIds: readonly string[],
    m: EntityManager = this.ds.manager,
  ): Promise<Set<string>> {
    if (clientIds.length === 0) return new Set();
    const rows = await m.query<{ client_id: string }[]>(
      `SELECT DISTINCT client_id FROM module_assignments
        WHERE client_id = ANY($1::uuid[]) AND status = 'assigned'`,
      [clientIds],
    );
    return new Set(rows.map((r) => r.client_id));
  }

  async summary(
    id: string,
    withPrivate: boolean,
    m: EntityManager = this.ds.manager,
  ): Promise<AssignmentSummary> {
    const [row] = await m.query<[AssignmentRow]>(`${SUMMARY} WHERE a.id = $2`, [withPrivate, id]);
    return toSummary(row);
  }

  /** One reading as the client's reader opens it: its summary with the module's content. */
  async withContent(
    id: string,
    practiceId: string,
  ): Promise<{
    summary: AssignmentSummary;
    module: ModuleRow & { content: ModuleContent };
  } | null> {
    const [row] = await this.ds.query<(AssignmentRow & { content: ModuleContent })[]>(
      `SELECT ${SUMMARY_COLUMNS}, m.content ${SUMMARY_FROM} WHERE a.id = $2 AND a.practice_id = $3`,
      [true, id, practiceId],
    );
    return row ? { summary: toSummary(row), module: row } : null;
  }

  async record(id: string, m: EntityManager, lock = false): Promise<AssignmentRecord | null> {
    const [row] = await m.query<AssignmentRecord[]>(
      `SELECT a.id, a.client_id, a.status, a.version, a.module_id, m.content
         FROM module_assignments a JOIN modules m ON m.id = a.module_id
        WHERE a.id = $1 ${lock ? 'FOR UPDATE OF a' : ''}`,
      [id],
    );
    return row ?? null;
  }

  /** The position after the client's last live reading. */
  async nextPosition(m: EntityManager, clientId: string): Promise<number> {
    const [{ next }] = await m.query<[{ next: number }]>(
      `SELECT coalesce(max(position) + 1, 0)::int AS next FROM module_assignments WHERE client_id = $1 AND status <> 'withdrawn'`,
      [clientId],
    );
    return next;
  }

  /** Assigns a module unless it is already live for the client; the new id, or null. */
  async insert(
    m: EntityManager,
    a: {
      practiceId: string;
      clientId: string;
      moduleId: string;
      userId: string;
      dueAt: string | null;
      note: string | null;
      position: number;
    },
  ): Promise<string | null> {
    const inserted = await m.query<{ id: string }[]>(
      `INSERT INTO module_assignments (practice_id, client_id, module_id, assigned_by_user_id, due_at, note, position)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (client_id, module_id) WHERE status <> 'withdrawn' DO NOTHING RETURNING id`,
      [a.practiceId, a.clientId, a.moduleId, a.userId, a.dueAt, a.note, a.position],
    );
    return inserted[0]?.id ?? null;
  }

  /** Progress only ever grows (reading order is free), so retries and two devices merge cleanly. */
  async markRead(m: EntityManager, id: string, section: number): Promise<void> {
    await m.query(
      `UPDATE module_assignments
          SET sections_read = ARRAY(SELECT DISTINCT unnest(sections_read || $2::int) ORDER BY 1),
              last_section = $2, updated_at = now()
        WHERE id = $1`,
      [id, section],
    );
  }

  async setCompleted(m: EntityManager, id: string, completed: boolean): Promise<void> {
    await m.query(
      `UPDATE module_assignments SET status = $2, completed_at = CASE WHEN $2 = 'completed' THEN coalesce(completed_at, now()) END,
              updated_at = now() WHERE id = $1`,
      [id, completed ? 'completed' : 'assigned'],
    );
  }

  async setHelpful(m: EntityManager, id: string, helpful: number | null): Promise<void> {
    await m.query('UPDATE module_assignments SET helpful = $2, updated_at = now() WHERE id = $1', [
      id,
      helpful,
    ]);
  }

  async withdraw(m: EntityManager, id: string): Promise<void> {
    await m.query(
      `UPDATE module_assignments SET status = 'withdrawn', version = version + 1, updated_at = now() WHERE id = $1`,
      [id],
    );
  }

  /** Sets the due date and/or note (undefined leaves one as it is). */
  async setDetails(
    m: EntityManager,
    id: string,
    d: { dueAt?: string | null; note?: string | null },
  ): Promise<void> {
    await m.query(
      `UPDATE module_assignments SET due_at = CASE WHEN $2 THEN $3::timestamptz ELSE due_at END,
              note = CASE WHEN $4 THEN $5 ELSE note END WHERE id = $1`,
      [id, d.dueAt !== undefined, d.dueAt ?? null, d.note !== undefined, d.note || null],
    );
  }

  async bumpVersion(m: EntityManager, id: string): Promise<void> {
    await m.query(
      'UPDATE module_assignments SET version = version + 1, updated_at = now() WHERE id = $1',
      [id],
    );
  }

  /** The client's live readings in order, locked until the transaction ends. */
  async liveIdsLocked(m: EntityManager, clientId: string): Promise<string[]> {
    const live = await m.query<{ id: string }[]>(
      `SELECT id FROM module_assignments WHERE client_id = $1 AND status <> 'withdrawn' ORDER BY position, created_at, id FOR UPDATE`,
      [clientId],
    );
    return live.map((r) => r.id);
  }

  /** Positions 0..n-1 in the given order. */
  async setOrder(m: EntityManager, ids: string[]): Promise<void> {
    await m.query(
      `UPDATE module_assignments a SET position = o.ord - 1
         FROM unnest($1::uuid[]) WITH ORDINALITY AS o(id, ord) WHERE a.id = o.id`,
      [ids],
    );
  }
}
