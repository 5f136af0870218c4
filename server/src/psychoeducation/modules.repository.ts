import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  type ModuleContent,
  type ModuleDetail,
  type ModuleSummary,
  readingMinutes,
} from '@attune/shared';
import { DataSource, type EntityManager } from 'typeorm';

export interface ModuleRow {
  id: string;
  slug: string;
  version: number;
  title: string;
  summary: string;
  reading_minutes: number;
  sign_tags: ModuleSummary['signTags'];
  source: 'builtin' | 'practice';
  author_user_id: string | null;
  author_name: string | null;
  updated_at: Date;
}

export type ModuleWithContent = ModuleRow & { content: ModuleContent; practice_id: string | null };

// The columns every module listing needs (with its author's name), for this feature's queries.
export const MODULE_COLUMNS = `m.id, m.slug, m.version, m.title, m.summary, m.reading_minutes, m.sign_tags, m.source,
  m.author_user_id, au.display_name AS author_name, m.updated_at`;
const MODULE_FROM = `modules m LEFT JOIN users au ON au.id = m.author_user_id`;

export function toModuleSummary(r: ModuleRow): ModuleSummary {
  return {
    id: r.id,
    slug: r.slug,
    version: r.version,
    title: r.title,
    summary: r.summary,
    readingMinutes: r.reading_minutes,
    signTags: r.sign_tags,
    source: r.source,
    authorName: r.author_name,
    updatedAt: r.updated_at.toISOString(),
  };
}

/** A module with its content as the reader and editor get it; `canEdit` for its own author. */
export function toModuleDetail(
  r: ModuleRow & { content: ModuleContent },
  userId: string,
): ModuleDetail {
  return {
    ...toModuleSummary(r),
    // Modules saved before next steps existed carry none.
    content: { ...r.content, nextSteps: r.content.nextSteps ?? [] },
    canEdit: r.source === 'practice' && r.author_user_id === userId,
  };
}

const contentParams = (c: ModuleContent) => [
  c.title,
  c.summary,
  readingMinutes(c),
  c.signTags,
  JSON.stringify(c),
];

/** The modules table and its version history (module_versions). */
@Injectable()
export class ModulesRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** Stores a built-in the first time; returns its new id, or null when one is already stored. */
  async insertBuiltin(c: ModuleContent): Promise<string | null> {
    const inserted = await this.ds.query<{ id: string }[]>(
      `INSERT INTO modules (practice_id, slug, version, title, summary, reading_minutes, sign_tags, content, source)
       VALUES (NULL, $1, $2, $3, $4, $5, $6, $7, 'builtin')
       ON CONFLICT (slug) WHERE practice_id IS NULL DO NOTHING RETURNING id`,
      [c.slug, c.version, ...contentParams(c)],
    );
    return inserted[0]?.id ?? null;
  }

  async builtinVersion(slug: string): Promise<number | null> {
    const [stored] = await this.ds.query<{ version: number }[]>(
      `SELECT version FROM modules WHERE practice_id IS NULL AND slug = $1`,
      [slug],
    );
    return stored?.version ?? null;
  }

  /** Replaces a stored built-in with a newer version; returns its id. */
  async upgradeBuiltin(m: EntityManager, c: ModuleContent): Promise<string> {
    const [[row]] = await m.query<[[{ id: string }], number]>(
      `UPDATE modules SET version = $2, title = $3, summary = $4, reading_minutes = $5, sign_tags = $6,
              content = $7, updated_at = now()
        WHERE practice_id IS NULL AND slug = $1 RETURNING id`,
      [c.slug, c.version, ...contentParams(c)],
    );
    return row.id;
  }

  async addVersion(
    m: EntityManager | undefined,
    moduleId: string,
    c: ModuleContent,
    authorUserId: string | null,
  ): Promise<void> {
    await (m ?? this.ds.manager).query(
      `INSERT INTO module_versions (module_id, version, content, author_user_id) VALUES ($1, $2, $3, $4)
       ON CONFLICT DO NOTHING`,
      [moduleId, c.version, JSON.stringify(c), authorUserId],
    );
  }

  /** The modules assigned to a client (not withdrawn), in reading order. */
  async assignedTo(clientId: string): Promise<ModuleSummary[]> {
    const rows = await this.ds.query<ModuleRow[]>(
      `SELECT ${MODULE_COLUMNS} FROM ${MODULE_FROM}
         JOIN module_assignments a ON a.module_id = m.id AND a.client_id = $1 AND a.status <> 'withdrawn'
        ORDER BY a.position, a.created_at`,
      [clientId],
    );
    return rows.map(toModuleSummary);
  }

  /** The practice's library: built-ins and its own. */
  async library(practiceId: string): Promise<ModuleSummary[]> {
    const rows = await this.ds.query<ModuleRow[]>(
      `SELECT ${MODULE_COLUMNS} FROM ${MODULE_FROM}
        WHERE m.practice_id IS NULL OR m.practice_id = $1
        ORDER BY m.source, lower(m.title), m.id`,
      [practiceId],
    );
    return rows.map(toModuleSummary);
  }

  /** The library without what a client already has assigned, by title. */
  async notAssignedTo(practiceId: string, clientId: string): Promise<ModuleRow[]> {
    return this.ds.query<ModuleRow[]>(
      `SELECT ${MODULE_COLUMNS} FROM ${MODULE_FROM}
        WHERE (m.practice_id IS NULL OR m.practice_id = $1)
          AND NOT EXISTS (SELECT 1 FROM module_assignments a
                           WHERE a.module_id = m.id AND a.client_id = $2 AND a.status <> 'withdrawn')
        ORDER BY lower(m.title)`,
      [practiceId, clientId],
    );
  }

  /** How many of these ids are modules the practice can use. */
  async countVisible(m: EntityManager, ids: string[], practiceId: string): Promise<number> {
    const rows = await m.query<{ id: string }[]>(
      `SELECT id FROM modules WHERE id = ANY($1::uuid[]) AND (practice_id IS NULL OR practice_id = $2)`,
      [ids, practiceId],
    );
    return rows.length;
  }

  /** One module with its content (access already checked). */
  async find(id: string, m: EntityManager = this.ds.manager): Promise<ModuleWithContent | null> {
    const [row] = await m.query<ModuleWithContent[]>(
      `SELECT ${MODULE_COLUMNS}, m.content, m.practice_id FROM ${MODULE_FROM} WHERE m.id = $1`,
      [id],
    );
    return row ?? null;
  }

  async insert(
    m: EntityManager,
    practiceId: string,
    c: ModuleContent,
    authorUserId: string,
  ): Promise<string> {
    const [row] = await m.query<[{ id: string }]>(
      `INSERT INTO modules (practice_id, slug, version, title, summary, reading_minutes, sign_tags, content, source, author_user_id)
       VALUES ($1, $2, 1, $3, $4, $5, $6, $7, 'practice', $8) RETURNING id`,
      [practiceId, c.slug, ...contentParams(c), authorUserId],
    );
    return row.id;
  }

  /** Saves a new version if the stored one is still `expected`; false otherwise. */
  async update(m: EntityManager, id: string, c: ModuleContent, expected: number): Promise<boolean> {
    const [, changed] = await m.query<[unknown, number]>(
      `UPDATE modules SET version = $2, title = $3, summary = $4, reading_minutes = $5, sign_tags = $6, content = $7,
              updated_at = now()
        WHERE id = $1 AND version = $8`,
      [id, c.version, ...contentParams(c), expected],
    );
    return !!changed;
  }
}
