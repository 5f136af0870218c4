import { HttpStatus, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  type CriticalItem,
  type CriticalItemsSettings,
  DefinitionError,
  type FhirQuestionnaire,
  fromFhirQuestionnaire,
  type InstrumentDefinition,
  type InstrumentDetail,
  type InstrumentSummary,
  PERFECTIONISM_PATTERNS_CHECK,
  toFhirQuestionnaire,
  validateDefinition,
} from '@attune/shared';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import type { AuthContext } from '../common/auth-context.js';
import { canonicalJson } from '../common/canonical-json.js';
import { AppError, badField, conflict, notFound } from '../common/errors.js';
import type { FhirImportQueryDto, SaveCriticalItemsDto } from './dto/screening.dto.js';
import type { Instrument } from './instrument.entity.js';
import { InstrumentsRepository } from './instruments.repository.js';
import { engineErrorToHttp } from './screening.errors.js';

/** Instruments that ship with Attune, seeded at start-up (idempotent). */
export const BUILTIN_INSTRUMENTS: InstrumentDefinition[] = [PERFECTIONISM_PATTERNS_CHECK];

export function itemCount(def: InstrumentDefinition): number {
  return def.sections.reduce(
    (n, s) => n + s.items.filter((i) => i.type !== 'display' && !i.readOnly).length,
    0,
  );
}

export function toInstrumentSummary(i: Instrument): InstrumentSummary {
  return {
    id: i.id,
    key: i.key,
    version: i.version,
    title: i.title,
    description: i.definition.description,
    validated: i.validated,
    validationNote: i.definition.validationNote,
    licence: i.definition.licence,
    source: i.source,
    itemCount: itemCount(i.definition),
  };
}

/** An instrument as this practice scores it: with the practice's own critical items, if any. */
export interface EffectiveInstrument {
  instrument: Instrument;
  definition: InstrumentDefinition;
  criticalItemsSource: 'definition' | 'practice';
}

@Injectable()
export class InstrumentsService implements OnApplicationBootstrap {
  private readonly logger = new Logger('Instruments');

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly instruments: InstrumentsRepository,
    private readonly audit: AuditService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    for (const def of BUILTIN_INSTRUMENTS) {
      validateDefinition(def);
      const stored = await this.instruments.seedBuiltin(def);
      if (stored && canonicalJson(stored) !== canonicalJson(def)) {
        // Stored versions are immutable; changed wording needs a new version number.
        this.logger.warn(
          `${def.key} v${def.version} differs from the stored copy: bump its version.`,
        );
      }
    }
  }

  /**
   * The practice's catalogue: the latest version of each built-in, plus what it imported. One
   * query.
   */
  async list(auth: AuthContext): Promise<InstrumentSummary[]> {
    const rows = await this.instruments.catalogue(auth.practiceId);
    return rows.map(toInstrumentSummary);
  }

  /** An instrument the caller's practice can use, or 404. */
  async find(
    auth: AuthContext,
    id: string,
    manager: EntityManager = this.ds.manager,
  ): Promise<Instrument> {
    const found = await this.instruments.find(auth.practiceId, id, manager);
    if (!found) throw notFound('That instrument');
    return found;
  }

  /**
   * The instrument to assign for an id from the catalogue: a built-in always in its latest
   * version (an older id, e.g. from a page loaded before an upgrade, gets the current one).
   */
  async forAssignment(auth: AuthContext, id: string, manager: EntityManager): Promise<Instrument> {
    const chosen = await this.find(auth, id, manager);
    if (chosen.source !== 'builtin') return chosen;
    const latest = await this.instruments.latestBuiltin(chosen.key, manager);
    return latest ?? chosen;
  }

  /** The definition with this practice's critical items applied (one query). */
  async effective(
    practiceId: string,
    instrument: Instrument,
    manager: EntityManager = this.ds.manager,
  ): Promise<EffectiveInstrument> {
    if (instrument.source === 'builtin')
      return { instrument, definition: instrument.definition, criticalItemsSource: 'definition' };
    const row = await this.instruments.criticalItems(instrument.id, practiceId, manager);
    if (!row) {
      return { instrument, definition: instrument.definition, criticalItemsSource: 'definition' };
    }
    return {
      instrument,
      definition: { ...instrument.definition, criticalItems: row.items },
      criticalItemsSource: 'practice',
    };
  }

  async get(auth: AuthContext, id: string): Promise<InstrumentDetail> {
    const e = await this.effective(auth.practiceId, await this.find(auth, id));
    return {
      ...toInstrumentSummary(e.instrument),
      definition: e.definition,
      criticalItemsSource: e.criticalItemsSource,
    };
  }

  async exportFhir(auth: AuthContext, id: string): Promise<FhirQuestionnaire> {
    const e = await this.effective(auth.practiceId, await this.find(auth, id));
    await this.audit.byCaller(auth, 'instrument.export', {
      entityType: 'instrument',
      entityId: id,
    });
    return toFhirQuestionnaire(e.definition);
  }

  /** Imports a FHIR R4 Questionnaire as the next version of its key in this practice. */
  async importFhir(
    auth: AuthContext,
    body: unknown,
    q: FhirImportQueryDto,
  ): Promise<InstrumentDetail> {
    if (typeof body !== 'object' || body === null || Array.isArray(body))
      throw badField('resourceType', 'the body must be a FHIR Questionnaire resource');
    if ((body as { resourceType?: unknown }).resourceType !== 'Questionnaire')
      throw badField('resourceType', 'resourceType must be Questionnaire');
    let def: InstrumentDefinition;
    try {
      def = fromFhirQuestionnaire(body, { key: q.key, minAnsweredShare: q.minAnsweredShare });
    } catch (e) {
      engineErrorToHttp(e, 'item');
    }
    const published = (body as { version?: unknown }).version;
    return this.ds.transaction(async (m) => {
      // Serialise imports of one key so two at once get consecutive versions.
      const next = await this.instruments.nextVersion(m, auth.practiceId, def.key);
      // Attune numbers the practice's imports; the Questionnaire keeps its own version for exchange.
      const keepPublished =
        def.publishedVersion === undefined && typeof published === 'string' && published.trim()
          ? { publishedVersion: published.trim() }
          : {};
      const versioned = validateDefinition({ ...def, ...keepPublished, version: next });
      const saved = await this.instruments.insert(m, {
        practiceId: auth.practiceId,
        key: versioned.key,
        version: versioned.version,
        title: versioned.title,
        validated: versioned.validated,
        source: 'fhir',
        definition: versioned,
        createdByUserId: auth.userId,
      });
      await this.audit.byCaller(
        auth,
        'instrument.import',
        {
          entityType: 'instrument',
          entityId: saved.id,
          meta: {
            key: saved.key,
            version: saved.version,
            criticalItems: versioned.criticalItems.map((c) => c.linkId),
          },
        },
        m,
      );
      return {
        ...toInstrumentSummary(saved),
        definition: saved.definition,
        criticalItemsSource: 'definition' as const,
      };
    });
  }

  /** The critical items this practice applies to an instrument, and where they come from. */
  async criticalItems(
    auth: AuthContext,
    id: string,
    manager: EntityManager = this.ds.manager,
  ): Promise<CriticalItemsSettings> {
    const instrument = await this.find(auth, id, manager);
    const row = await this.instruments.criticalItems(instrument.id, auth.practiceId, manager);
    return row
      ? {
          instrumentId: instrument.id,
          items: row.items,
          source: 'practice',
          version: row.version,
          updatedAt: row.updated_at.toISOString(),
          updatedBy: row.updated_by,
        }
      : {
          instrumentId: instrument.id,
          items: instrument.definition.criticalItems,
          source: 'definition',
          version: 0,
          updatedAt: null,
          updatedBy: null,
        };
  }

  /**
   * Sets which items and answers of an imported instrument are critical for this practice, with
   * the clinician's message and level. Applied from then on whenever answers are scored,
   * drafts in progress included. A stale version gets 409 with the current settings.
   */
  async saveCriticalItems(
    auth: AuthContext,
    id: string,
    dto: SaveCriticalItemsDto,
  ): Promise<CriticalItemsSettings> {
    return this.ds.transaction(async (m) => {
      const instrument = await this.find(auth, id, m);
      if (instrument.source === 'builtin') {
        throw new AppError(
          HttpStatus.CONFLICT,
          'builtin_critical_items',
          "The built-in screener's safety question is part of its design and cannot be changed here.",
        );
      }
      await this.instruments.lockCriticalItems(m, instrument.id);
      const current = await this.criticalItems(auth, id, m);
      if (dto.version !== current.version)
        throw conflict(
          'critical_items_changed',
          'Someone else changed these critical items. Here are the current ones.',
          current,
        );
      const items = this.toCriticalItems(instrument.definition, dto);
      const versioned = current.version + 1;
      await this.instruments.saveCriticalItems(m, {
        practiceId: auth.practiceId,
        instrumentId: instrument.id,
        items,
        version: versioned,
        userId: auth.userId,
      });
      await this.audit.byCaller(
        auth,
        'instrument.critical-items.update',
        {
          entityType: 'instrument',
          entityId: instrument.id,
          meta: {
            version: versioned,
            items: items.map((c) => ({
              linkId: c.linkId,
              answerCodes: c.answerCodes,
              level: c.severity,
            })),
          },
        },
        m,
      );
      return this.criticalItems(auth, id, m);
    });
  }

  /** Checks the admin's choices against the instrument (400 naming items.<n>.<field>). */
  private toCriticalItems(def: InstrumentDefinition, dto: SaveCriticalItemsDto): CriticalItem[] {
    const byId = new Map(def.sections.flatMap((s) => s.items).map((i) => [i.linkId, i]));
    const seen = new Set<string>();
    const items = dto.items.map((setting, n): CriticalItem => {
      const item = byId.get(setting.linkId);
      if (!item || item.type !== 'choice' || item.readOnly)
        throw badField(
          `items.${n}.linkId`,
          `'${setting.linkId}' is not a question with answer options in this instrument`,
        );
      if (seen.has(setting.linkId))
        throw badField(`items.${n}.linkId`, `'${setting.linkId}' is listed twice`);
      seen.add(setting.linkId);
      for (const code of setting.answerCodes) {
        const option = item.options?.find((o) => o.code === code);
        if (!option || option.declines)
          throw badField(
            `items.${n}.answerCodes`,
            `'${code}' is not an answer of '${setting.linkId}' ("Prefer not to answer" always brings a check-in)`,
          );
      }
      const earlier = def.criticalItems.find((c) => c.linkId === setting.linkId);
      const critical: CriticalItem = {
        linkId: setting.linkId,
        answerCodes: [...new Set(setting.answerCodes)],
        severity: setting.level,
        message: setting.message,
        declinedCountsAsPositive: true,
      };
      // A follow-up that came with the instrument keeps working.
      if (earlier?.followUp) critical.followUp = earlier.followUp;
      return critical;
    });
    try {
      validateDefinition({ ...def, criticalItems: items });
    } catch (e) {
      if (e instanceof DefinitionError) throw badField('items', e.problems.join('; '));
      throw e;
    }
    return items;
  }
}
