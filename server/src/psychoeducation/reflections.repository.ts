import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';

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

const COLUMNS = 'id, assignment_id, prompt_id, body, shared, shared_at, version, updated_at';

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
