import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { ModuleContent, ReflectionView } from '@attune/shared';
import { DataSource, type EntityManager } from 'typeorm';
import type { Scope } from '../common/access/access.policy.js';

export interface ReflectionRow {
  id: string;
  assignment_id: string;
  prompt_id: string;
  body: string;
  shared: boolean;
  shared_at: Date | null;
  version: number;
  updated_at: Date;
}

/** A reflection as its API shows it, with its prompt's text from the module. */
export function toReflectionView(r: ReflectionRow, content: ModuleContent): ReflectionView {
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

const COLUMNS = 'id, assignment_id, prompt_id, body, shared, shared_at, version, updated_at';

/** A shared reflection with its reading's title and its prompt's text. */
export interface SharedReflectionRow {
  id: string;
  assignment_id: string;
  client_id: string;
  client_name: string;
  module_title: string;
  prompt_text: string;
  body: string;
  shared_at: Date;
}

// The prompt's words come from the module the reading is of (as the reading shows them).
const SHARED = `SELECT r.id, r.assignment_id, r.client_id,
    coalesce(c.preferred_name, c.first_name) || ' ' || c.last_name AS client_name, m.title AS module_title,
    coalesce((SELECT p->>'text' FROM jsonb_array_elements(m.content->'reflectionPrompts') p
               WHERE p->>'id' = r.prompt_id LIMIT 1), '') AS prompt_text,
    r.body, r.shared_at
  FROM reflections r
  JOIN module_assignments a ON a.id = r.assignment_id
  JOIN modules m ON m.id = a.module_id
  JOIN clients c ON c.id = r.client_id`;

/** The reflections table (a client's answers to a reading's prompts). */
@Injectable()
export class ReflectionsRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** A reading's reflections in the order written: all of them, or only the shared ones. */
  forAssignment(assignmentId: string, sharedOnly: boolean): Promise<ReflectionRow[]> {
    return this.ds.query<ReflectionRow[]>(
      `SELECT ${COLUMNS} FROM reflections WHERE assignment_id = $1 AND (NOT $2 OR shared)
        ORDER BY created_at`,
      [assignmentId, sharedOnly],
    );
  }

  /**
   * One client's reflections shared, or changed while shared, since `since` (all shared ones when
   * null), newest first: never a private one. One query.
   */
  sharedSince(
    clientId: string,
    practiceId: string,
    since: Date | null,
    limit: number,
  ): Promise<SharedReflectionRow[]> {
    return this.ds.query<SharedReflectionRow[]>(
      `${SHARED} WHERE r.client_id = $1 AND r.practice_id = $2 AND r.shared
          AND ($3::timestamptz IS NULL OR r.shared_at >= $3 OR r.updated_at >= $3)
        ORDER BY r.shared_at DESC, r.id LIMIT $4`,
      [clientId, practiceId, since, limit],
    );
  }

  /** Reflections the scope's clients shared since `since`, newest first (a dashboard). One query. */
  recentlyShared(s: Scope, since: Date, limit: number): Promise<SharedReflectionRow[]> {
    return this.ds.query<SharedReflectionRow[]>(
      `${SHARED} WHERE r.practice_id = $1 AND ($2::uuid IS NULL OR c.primary_therapist_id = $2)
          AND ($3::uuid IS NULL OR c.id = $3) AND r.shared AND r.shared_at >= $4
        ORDER BY r.shared_at DESC, r.id LIMIT $5`,
      [s.practiceId, s.therapistId, s.clientId, since, limit],
    );
  }

  async forPrompt(
    m: EntityManager,
    assignmentId: string,
    promptId: string,
  ): Promise<ReflectionRow | null> {
    const [row] = await m.query<ReflectionRow[]>(
      `SELECT ${COLUMNS} FROM reflections WHERE assignment_id = $1 AND prompt_id = $2`,
      [assignmentId, promptId],
    );
    return row ?? null;
  }

  /** One reflection, held until the transaction ends. */
  async lock(m: EntityManager, id: string): Promise<ReflectionRow | null> {
    const [row] = await m.query<ReflectionRow[]>(
      `SELECT ${COLUMNS} FROM reflections WHERE id = $1 FOR UPDATE`,
      [id],
    );
    return row ?? null;
  }

  async insert(
    m: EntityManager,
    r: {
      practiceId: string;
      clientId: string;
      assignmentId: string;
      promptId: string;
      body: string;
      shared: boolean;
    },
  ): Promise<ReflectionRow> {
    const [row] = await m.query<[ReflectionRow]>(
      `INSERT INTO reflections (practice_id, client_id, assignment_id, prompt_id, body, shared, shared_at)
       VALUES ($1, $2, $3, $4, $5, $6, CASE WHEN $6 THEN now() END)
       RETURNING ${COLUMNS}`,
      [r.practiceId, r.clientId, r.assignmentId, r.promptId, r.body, r.shared],
    );
    return row;
  }

  /** Changes the text and/or sharing (undefined leaves it); sharing keeps its first time. */
  async update(
    m: EntityManager,
    id: string,
    d: { body?: string; shared?: boolean },
  ): Promise<ReflectionRow> {
    const [[row]] = await m.query<[[ReflectionRow], number]>(
      `UPDATE reflections SET body = coalesce($2, body), shared = coalesce($3, shared),
              shared_at = CASE WHEN coalesce($3, shared) THEN coalesce(shared_at, now()) END,
              version = version + 1, updated_at = now()
        WHERE id = $1 RETURNING ${COLUMNS}`,
      [id, d.body ?? null, d.shared ?? null],
    );
    return row;
  }
}
