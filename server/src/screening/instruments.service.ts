import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
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
import { badField, notFound } from '../common/errors.js';
import type { FhirImportQueryDto } from './dto/screening.dto.js';
import { Instrument } from './instrument.entity.js';
import { engineErrorToHttp } from './screening.errors.js';

/** Instruments that ship with Attune, seeded at start-up (idempotent). */
export const BUILTIN_INSTRUMENTS: InstrumentDefinition[] = [PERFECTIONISM_PATTERNS_CHECK];

export function itemCount(def: InstrumentDefinition): number {
  return def.sections.reduce((n, s) => n + s.items.filter((i) => i.type !== 'display').length, 0);
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

@Injectable()
export class InstrumentsService implements OnApplicationBootstrap {
  private readonly logger = new Logger('Instruments');

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly audit: AuditService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    for (const def of BUILTIN_INSTRUMENTS) {
      validateDefinition(def);
      await this.ds.query(
        `INSERT INTO instruments (practice_id, key, version, title, validated, source, definition)
         VALUES (NULL, $1, $2, $3, $4, 'builtin', $5)
         ON CONFLICT (key, version) WHERE practice_id IS NULL DO NOTHING`,
        [def.key, def.version, def.title, def.validated, JSON.stringify(def)],
      );
      const [stored] = (await this.ds.query(
        `SELECT definition FROM instruments WHERE practice_id IS NULL AND key = $1 AND version = $2`,
        [def.key, def.version],
      )) as { definition: InstrumentDefinition }[];
      if (stored && canonicalJson(stored.definition) !== canonicalJson(def)) {
        // Stored versions are immutable; changed wording needs a new version number.
        this.logger.warn(
          `${def.key} v${def.version} differs from the stored copy: bump its version.`,
        );
      }
    }
  }

  /** The practice's catalogue: built-ins plus what it imported. One query. */
  async list(auth: AuthContext): Promise<InstrumentSummary[]> {
    const rows = await this.ds
      .createQueryBuilder(Instrument, 'i')
      .where('(i.practice_id IS NULL OR i.practice_id = :p)', { p: auth.practiceId })
      .orderBy('i.source')
      .addOrderBy('i.title')
      .addOrderBy('i.version', 'DESC')
      .getMany();
    return rows.map(toInstrumentSummary);
  }

  /** An instrument the caller's practice can use, or 404. */
  async find(
    auth: AuthContext,
    id: string,
    manager: EntityManager = this.ds.manager,
  ): Promise<Instrument> {
    const found = await manager
      .createQueryBuilder(Instrument, 'i')
      .where('i.id = :id', { id })
      .andWhere('(i.practice_id IS NULL OR i.practice_id = :p)', { p: auth.practiceId })
      .getOne();
    if (!found) throw notFound('That instrument');
    return found;
  }

  async get(auth: AuthContext, id: string): Promise<InstrumentDetail> {
    const i = await this.find(auth, id);
    return { ...toInstrumentSummary(i), definition: i.definition };
  }

  async exportFhir(auth: AuthContext, id: string): Promise<FhirQuestionnaire> {
    const i = await this.find(auth, id);
    await this.audit.byCaller(auth, 'instrument.export', {
      entityType: 'instrument',
      entityId: id,
    });
    return toFhirQuestionnaire(i.definition);
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
    return this.ds.transaction(async (m) => {
      // Serialise imports of one key so two at once get consecutive versions.
      await m.query('SELECT pg_advisory_xact_lock(hashtext($1 || $2))', [auth.practiceId, def.key]);
      const [{ next }] = (await m.query(
        `SELECT coalesce(max(version), 0) + 1 AS next FROM instruments WHERE practice_id = $1 AND key = $2`,
        [auth.practiceId, def.key],
      )) as { next: number }[];
      const versioned = validateDefinition({ ...def, version: next });
      const saved = await m.save(
        m.create(Instrument, {
          practiceId: auth.practiceId,
          key: versioned.key,
          version: versioned.version,
          title: versioned.title,
          validated: versioned.validated,
          source: 'fhir',
          definition: versioned,
          createdByUserId: auth.userId,
        }),
      );
      await this.audit.byCaller(
        auth,
        'instrument.import',
        {
          entityType: 'instrument',
          entityId: saved.id,
          meta: { key: saved.key, version: saved.version },
        },
        m,
      );
      return { ...toInstrumentSummary(saved), definition: saved.definition };
    });
  }
}
