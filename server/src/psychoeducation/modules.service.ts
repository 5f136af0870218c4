import { HttpStatus, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  BUILTIN_MODULES,
  type InstrumentDefinition,
  type ModuleContent,
  ModuleContentError,
  type ModuleDetail,
  type ModuleDraft,
  type ModuleSummary,
  readingMinutes,
  type Recommendation,
  type RecommendationsResponse,
  type ScoreResult,
  validateModuleContent,
} from '@attune/shared';
import { randomBytes } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { AccessService } from '../common/access.service.js';
import { type AuthContext, hasRole } from '../common/auth-context.js';
import { AppError, conflict, notFound } from '../common/errors.js';
import type { UpdateModuleDto } from './dto/psychoeducation.dto.js';

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

export const MODULE_COLUMNS = `m.id, m.slug, m.version, m.title, m.summary, m.reading_minutes, m.sign_tags, m.source,
  m.author_user_id, au.display_name AS author_name, m.updated_at`;
export const MODULE_FROM = `modules m LEFT JOIN users au ON au.id = m.author_user_id`;

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

function slugify(title: string): string {
  const base = title
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48);
  return `${base || 'module'}-${randomBytes(3).toString('hex')}`;
}

/** Validates with the shared rules and answers 400 naming the field. */
export function checkContent(content: unknown): ModuleContent {
  try {
    return validateModuleContent(content);
  } catch (e) {
    if (e instanceof ModuleContentError)
      throw new AppError(HttpStatus.BAD_REQUEST, e.message, { fields: { [e.field]: e.message } });
    throw e;
  }
}

@Injectable()
export class ModulesService implements OnApplicationBootstrap {
  private readonly logger = new Logger('Modules');

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly access: AccessService,
    private readonly audit: AuditService,
  ) {}

  /** Seeds the built-in library (idempotent; a stored version is never overwritten). */
  async onApplicationBootstrap(): Promise<void> {
    for (const content of BUILTIN_MODULES) {
      const m = validateModuleContent(content);
      const inserted = await this.ds.query<{ id: string }[]>(
        `INSERT INTO modules (practice_id, slug, version, title, summary, reading_minutes, sign_tags, content, source)
         VALUES (NULL, $1, $2, $3, $4, $5, $6, $7, 'builtin')
         ON CONFLICT (slug) WHERE practice_id IS NULL DO NOTHING RETURNING id`,
        [m.slug, m.version, m.title, m.summary, readingMinutes(m), m.signTags, JSON.stringify(m)],
      );
      if (inserted[0]) {
        await this.ds.query(
          `INSERT INTO module_versions (module_id, version, content) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
          [inserted[0].id, m.version, JSON.stringify(m)],
        );
      } else {
        const [stored] = await this.ds.query<{ version: number }[]>(
          `SELECT version FROM modules WHERE practice_id IS NULL AND slug = $1`,
          [m.slug],
        );
        if (stored && stored.version < m.version) await this.upgradeBuiltin(m);
      }
    }
  }

  /** A newer built-in version replaces the stored one and joins the history. */
  private async upgradeBuiltin(m: ModuleContent): Promise<void> {
    await this.ds.transaction(async (t) => {
      const [row] = await t
        .query(
          `UPDATE modules SET version = $2, title = $3, summary = $4, reading_minutes = $5, sign_tags = $6,
                content = $7, updated_at = now()
          WHERE practice_id IS NULL AND slug = $1 RETURNING id`,
          [m.slug, m.version, m.title, m.summary, readingMinutes(m), m.signTags, JSON.stringify(m)],
        )
        .then(([rows]: [{ id: string }[]]) => rows);
      await t.query(
        `INSERT INTO module_versions (module_id, version, content) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
        [row!.id, m.version, JSON.stringify(m)],
      );
      this.logger.log(`Built-in module ${m.slug} upgraded to v${m.version}.`);
    });
  }

  /** Staff: the practice library. Clients: the modules assigned to them. One query. */
  async list(auth: AuthContext): Promise<ModuleSummary[]> {
    if (hasRole(auth, 'client')) {
      const rows: ModuleRow[] = await this.ds.query(
        `SELECT ${MODULE_COLUMNS} FROM ${MODULE_FROM}
           JOIN module_assignments a ON a.module_id = m.id AND a.client_id = $1 AND a.status <> 'withdrawn'
          ORDER BY a.position, a.created_at`,
        [auth.clientId],
      );
      return rows.map(toModuleSummary);
    }
    const rows: ModuleRow[] = await this.ds.query(
      `SELECT ${MODULE_COLUMNS} FROM ${MODULE_FROM}
        WHERE m.practice_id IS NULL OR m.practice_id = $1
        ORDER BY m.source, lower(m.title), m.id`,
      [auth.practiceId],
    );
    return rows.map(toModuleSummary);
  }

  /** A module the caller may read (clients: only assigned ones), or 404. */
  async find(auth: AuthContext, id: string, manager: EntityManager = this.ds.manager) {
    const params: unknown[] = [id, auth.practiceId];
    let where = 'm.id = $1 AND (m.practice_id IS NULL OR m.practice_id = $2)';
    if (hasRole(auth, 'client')) {
      params.push(auth.clientId);
      where += ` AND EXISTS (SELECT 1 FROM module_assignments a WHERE a.module_id = m.id AND a.client_id = $3 AND a.status <> 'withdrawn')`;
    }
    const [row] = await manager.query<
      (ModuleRow & { content: ModuleContent; practice_id: string | null })[]
    >(
      `SELECT ${MODULE_COLUMNS}, m.content, m.practice_id FROM ${MODULE_FROM} WHERE ${where}`,
      params,
    );
    if (!row) throw notFound('That module');
    return row;
  }

  async get(auth: AuthContext, id: string): Promise<ModuleDetail> {
    const row = await this.find(auth, id);
    return {
      ...toModuleSummary(row),
      // Modules saved before next steps existed carry none.
      content: { ...row.content, nextSteps: row.content.nextSteps ?? [] },
      canEdit: row.source === 'practice' && row.author_user_id === auth.userId,
    };
  }

  private build(draft: ModuleDraft, slug: string, version: number): ModuleContent {
    const content = checkContent({
      slug,
      version,
      title: draft.title,
      summary: draft.summary,
      readingMinutes: 1,
      signTags: draft.signTags,
      sections: draft.sections,
      exercise: draft.exercise,
      reflectionPrompts: draft.reflectionPrompts,
      nextSteps: draft.nextSteps,
      furtherReading: draft.furtherReading,
    });
    return { ...content, readingMinutes: readingMinutes(content) };
  }

  async create(auth: AuthContext, draft: ModuleDraft): Promise<ModuleDetail> {
    const content = this.build(draft, slugify(draft.title ?? ''), 1);
    const id = await this.ds.transaction(async (m) => {
      const [row] = await m.query<{ id: string }[]>(
        `INSERT INTO modules (practice_id, slug, version, title, summary, reading_minutes, sign_tags, content, source, author_user_id)
         VALUES ($1, $2, 1, $3, $4, $5, $6, $7, 'practice', $8) RETURNING id`,
        [
          auth.practiceId,
          content.slug,
          content.title,
          content.summary,
          content.readingMinutes,
          content.signTags,
          JSON.stringify(content),
          auth.userId,
        ],
      );
      await m.query(
        `INSERT INTO module_versions (module_id, version, content, author_user_id) VALUES ($1, 1, $2, $3)`,
        [row!.id, JSON.stringify(content), auth.userId],
      );
      await this.audit.byCaller(
        auth,
        'module.create',
        { entityType: 'module', entityId: row!.id },
        m,
      );
      return row!.id;
    });
    return this.get(auth, id);
  }

  /** Saves a new version of a module the caller wrote. Built-ins are read-only. */
  async update(auth: AuthContext, id: string, dto: UpdateModuleDto): Promise<ModuleDetail> {
    await this.ds.transaction(async (m) => {
      const row = await this.find(auth, id, m);
      if (row.source === 'builtin')
        throw new AppError(
          HttpStatus.FORBIDDEN,
          'Built-in modules cannot be edited. You can write your own module instead.',
        );
      if (row.author_user_id !== auth.userId)
        throw new AppError(
          HttpStatus.FORBIDDEN,
          'Only the therapist who wrote this module can edit it.',
        );
      const { version, ...draft } = dto;
      if (version !== row.version) {
        const current = await this.get(auth, id);
        throw conflict(
          'This module was changed since you opened it. Here is the latest version.',
          current,
        );
      }
      const content = this.build(draft, row.slug, row.version + 1);
      const [, changed] = await m.query<[unknown, number]>(
        `UPDATE modules SET version = $2, title = $3, summary = $4, reading_minutes = $5, sign_tags = $6, content = $7,
                updated_at = now()
          WHERE id = $1 AND version = $8`,
        [
          id,
          content.version,
          content.title,
          content.summary,
          content.readingMinutes,
          content.signTags,
          JSON.stringify(content),
          version,
        ],
      );
      if (!changed)
        throw conflict('This module was changed since you opened it. Please reload it.');
      await m.query(
        `INSERT INTO module_versions (module_id, version, content, author_user_id) VALUES ($1, $2, $3, $4)`,
        [id, content.version, JSON.stringify(content), auth.userId],
      );
      await this.audit.byCaller(
        auth,
        'module.update',
        { entityType: 'module', entityId: id, meta: { version: content.version } },
        m,
      );
    });
    return this.get(auth, id);
  }

  /**
   * Modules ranked from the client's latest screening result: the higher the matching domain
   * scored, the higher the module. Already assigned modules are left out. Three queries.
   */
  async recommendations(auth: AuthContext, clientId: string): Promise<RecommendationsResponse> {
    await this.access.client(auth, clientId);
    const [latest] = await this.ds.query<
      {
        id: string;
        submitted_at: Date;
        result: ScoreResult;
        title: string;
        definition: InstrumentDefinition;
      }[]
    >(
      `SELECT s.id, s.submitted_at, s.result, i.title, i.definition
         FROM screenings s JOIN instruments i ON i.id = s.instrument_id
        WHERE s.client_id = $1 AND s.practice_id = $2 AND s.status = 'submitted'
        ORDER BY s.submitted_at DESC LIMIT 1`,
      [clientId, auth.practiceId],
    );
    const rows: ModuleRow[] = await this.ds.query(
      `SELECT ${MODULE_COLUMNS} FROM ${MODULE_FROM}
        WHERE (m.practice_id IS NULL OR m.practice_id = $1)
          AND NOT EXISTS (SELECT 1 FROM module_assignments a
                           WHERE a.module_id = m.id AND a.client_id = $2 AND a.status <> 'withdrawn')
        ORDER BY lower(m.title)`,
      [auth.practiceId, clientId],
    );
    await this.audit.byCaller(auth, 'recommendations.read', {
      entityType: 'client',
      entityId: clientId,
      clientId,
    });

    // Domain score by tag, with the scale's top score for a plain "x of y" reason.
    const domains = new Map<string, { key: string; title: string; score: number; max: number }>();
    if (latest) {
      const defScales = new Map(latest.definition.scales.map((s) => [s.key, s]));
      for (const s of latest.result.scales) {
        const def = defScales.get(s.key);
        if (s.score === null || !def) continue;
        const tag = def.domainTag ?? def.key;
        const max = this.scaleMax(latest.definition, def);
        const prev = domains.get(tag);
        if (!prev || s.score > prev.score)
          domains.set(tag, { key: s.key, title: def.title, score: s.score, max });
      }
    }
    const items: Recommendation[] = rows.map((r) => {
      const best = r.sign_tags
        .map((t) => domains.get(t))
        .filter((d): d is NonNullable<typeof d> => !!d)
        .sort((a, b) => b.score - a.score)[0];
      if (best)
        return {
          module: toModuleSummary(r),
          score: best.score,
          domainKey: best.key,
          reason: `${best.title} scored ${best.score.toFixed(1)} of ${best.max}`,
        };
      return {
        module: toModuleSummary(r),
        score: null,
        domainKey: null,
        reason: latest
          ? 'Background reading; not tied to a screener result'
          : 'No screener results yet: general reading',
      };
    });
    // Highest domain scores first; general reading after the elevated ones (score >= 1.5).
    const rank = (x: Recommendation) => x.score ?? 1.45;
    items.sort((a, b) => rank(b) - rank(a) || a.module.title.localeCompare(b.module.title));
    return {
      basedOn: latest
        ? {
            screeningId: latest.id,
            instrumentTitle: latest.title,
            submittedAt: latest.submitted_at.toISOString(),
            validated: latest.definition.validated,
          }
        : null,
      items,
    };
  }

  /** The highest score a scale can reach: the top item weight for a mean, their sum for a sum. */
  private scaleMax(
    def: InstrumentDefinition,
    scale: InstrumentDefinition['scales'][number],
  ): number {
    const items = def.sections
      .flatMap((s) => s.items)
      .filter((i) => scale.items.includes(i.linkId));
    const maxes = items.map((i) =>
      Math.max(...(i.options ?? []).map((o) => o.weight ?? 0), i.max ?? 0),
    );
    if (!maxes.length) return 4;
    return scale.method === 'sum' ? maxes.reduce((a, b) => a + b, 0) : Math.max(...maxes);
  }
}
