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
  validateModuleContent,
} from '@attune/shared';
import { randomBytes } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { AccessPolicy } from '../common/access/access.policy.js';
import type { AuthContext } from '../common/auth-context.js';
import { ScreeningsRepository } from '../screening/screenings.repository.js';
import { ModulesRepository, toModuleDetail, toModuleSummary } from './modules.repository.js';
import { AppError, conflict, notFound } from '../common/errors.js';
import type { UpdateModuleDto } from './dto/psychoeducation.dto.js';

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
      throw new AppError(HttpStatus.BAD_REQUEST, 'validation_failed', e.message, {
        fields: { [e.field]: e.message },
      });
    throw e;
  }
}

@Injectable()
export class ModulesService implements OnApplicationBootstrap {
  private readonly logger = new Logger('Modules');

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly access: AccessPolicy,
    private readonly modules: ModulesRepository,
    private readonly screenings: ScreeningsRepository,
    private readonly audit: AuditService,
  ) {}

  /** Seeds the built-in library (idempotent; a stored version is never overwritten). */
  async onApplicationBootstrap(): Promise<void> {
    for (const content of BUILTIN_MODULES) {
      const m = validateModuleContent(content);
      const inserted = await this.modules.insertBuiltin(m);
      if (inserted) {
        await this.modules.addVersion(undefined, inserted, m, null);
      } else {
        const stored = await this.modules.builtinVersion(m.slug);
        if (stored !== null && stored < m.version) await this.upgradeBuiltin(m);
      }
    }
  }

  /** A newer built-in version replaces the stored one and joins the history. */
  private async upgradeBuiltin(m: ModuleContent): Promise<void> {
    await this.ds.transaction(async (t) => {
      const id = await this.modules.upgradeBuiltin(t, m);
      await this.modules.addVersion(t, id, m, null);
      this.logger.log(`Built-in module ${m.slug} upgraded to v${m.version}.`);
    });
  }

  /** Staff: the practice library. Clients: the modules assigned to them. One query. */
  async list(auth: AuthContext): Promise<ModuleSummary[]> {
    return this.access.can(auth, 'modules.browse')
      ? this.modules.library(auth.practiceId)
      : this.modules.assignedTo(auth.clientId!);
  }

  /** A module the caller may read (clients: only assigned ones), or 404. */
  async find(auth: AuthContext, id: string, manager: EntityManager = this.ds.manager) {
    await this.access.requireAccess(auth, 'modules.read', id, manager);
    const row = await this.modules.find(id, manager);
    if (!row) throw notFound('That module');
    return row;
  }

  async get(auth: AuthContext, id: string): Promise<ModuleDetail> {
    return toModuleDetail(await this.find(auth, id), auth.userId);
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
      const id = await this.modules.insert(m, auth.practiceId, content, auth.userId);
      await this.modules.addVersion(m, id, content, auth.userId);
      await this.audit.byCaller(auth, 'module.create', { entityType: 'module', entityId: id }, m);
      return id;
    });
    return this.get(auth, id);
  }

  /** Saves a new version of a module the caller wrote. Built-ins are read-only. */
  async update(auth: AuthContext, id: string, dto: UpdateModuleDto): Promise<ModuleDetail> {
    await this.ds.transaction(async (m) => {
      await this.access.requireAccess(auth, 'modules.edit', id, m);
      const row = (await this.modules.find(id, m))!;
      const { version, ...draft } = dto;
      if (version !== row.version) {
        const current = await this.get(auth, id);
        throw conflict(
          'module_changed',
          'This module was changed since you opened it. Here is the latest version.',
          current,
        );
      }
      const content = this.build(draft, row.slug, row.version + 1);
      if (!(await this.modules.update(m, id, content, version)))
        throw conflict(
          'module_changed',
          'This module was changed since you opened it. Please reload it.',
        );
      await this.modules.addVersion(m, id, content, auth.userId);
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
    await this.access.requireAccess(auth, 'recommendations.read', clientId);
    const latest = await this.screenings.latestSubmitted(clientId, auth.practiceId);
    const rows = await this.modules.notAssignedTo(auth.practiceId, clientId);
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
