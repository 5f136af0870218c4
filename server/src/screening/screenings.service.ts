import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  type Answers,
  checkAnswers,
  type DraftConflict,
  type DraftSaved,
  type FhirQuestionnaireResponse,
  type InstrumentDefinition,
  reliableChange,
  SCREENING_LIMITS,
  type ScoreResult,
  score,
  type ScreeningDetail,
  type ScreeningResultView,
  type ScreeningSubmitted,
  type ScreeningSummary,
  toFhirQuestionnaireResponse,
} from '@attune/shared';
import { createHash } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { AccessService } from '../common/access.service.js';
import { canonicalJson } from '../common/canonical-json.js';
import { type AuthContext, hasRole } from '../common/auth-context.js';
import { badField, conflict, notFound } from '../common/errors.js';
import type { AssignScreeningDto, SaveDraftDto, SubmitScreeningDto } from './dto/screening.dto.js';
import { InstrumentsService } from './instruments.service.js';
import { engineErrorToHttp, errors, STALE_DRAFT } from './screening.errors.js';
import { Screening } from './screening.entity.js';

/** The columns every screening listing needs, with its instrument and open alert count. */
export const SCREENING_COLUMNS = `s.id, s.client_id, s.status, s.due_at, s.note, s.created_at, s.submitted_at, s.result,
  i.id AS instrument_id, i.key AS instrument_key, i.version AS instrument_version, i.title AS instrument_title,
  (SELECT count(*)::int FROM alerts a WHERE a.screening_id = s.id AND a.acknowledged_at IS NULL) AS open_alerts`;

export interface ScreeningRow {
  id: string;
  client_id: string;
  status: ScreeningSummary['status'];
  due_at: Date | null;
  note: string | null;
  created_at: Date;
  submitted_at: Date | null;
  result: ScoreResult | null;
  instrument_id: string;
  instrument_key: string;
  instrument_version: number;
  instrument_title: string;
  open_alerts: number;
}

/** Clients never see scores or alert counts: their therapist reviews results with them. */
export function toScreeningSummary(r: ScreeningRow, staff: boolean): ScreeningSummary {
  return {
    id: r.id,
    clientId: r.client_id,
    instrument: {
      id: r.instrument_id,
      key: r.instrument_key,
      version: r.instrument_version,
      title: r.instrument_title,
    },
    status: r.status,
    dueAt: r.due_at?.toISOString() ?? null,
    note: r.note,
    createdAt: r.created_at.toISOString(),
    submittedAt: r.submitted_at?.toISOString() ?? null,
    result: staff ? r.result : null,
    openAlerts: staff ? r.open_alerts : 0,
  };
}

const isStaff = (auth: AuthContext) => hasRole(auth, 'admin') || hasRole(auth, 'therapist');

@Injectable()
export class ScreeningsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly access: AccessService,
    private readonly instruments: InstrumentsService,
    private readonly audit: AuditService,
  ) {}

  async assign(
    auth: AuthContext,
    clientId: string,
    dto: AssignScreeningDto,
  ): Promise<ScreeningSummary> {
    return this.ds.transaction(async (m) => {
      const client = await this.access.client(auth, clientId, m);
      if (client.status !== 'active')
        throw conflict('This client is inactive. Make them active before assigning.');
      const instrument = await this.instruments
        .find(auth, dto.instrumentId, m)
        .catch(() =>
          Promise.reject(
            badField('instrumentId', 'instrumentId is not in your practice catalogue'),
          ),
        );
      const saved = await m.save(
        m.create(Screening, {
          practiceId: auth.practiceId,
          clientId,
          instrumentId: instrument.id,
          assignedByUserId: auth.userId,
          dueAt: dto.dueAt ? new Date(dto.dueAt) : null,
          note: dto.note || null,
        }),
      );
      await this.audit.byCaller(
        auth,
        'screening.assign',
        {
          entityType: 'screening',
          entityId: saved.id,
          clientId,
          meta: { instrument: instrument.key },
        },
        m,
      );
      return this.summary(auth, saved.id, m);
    });
  }

  /** A client's screenings, newest first, with results for staff. One query whatever the count. */
  async listForClient(auth: AuthContext, clientId: string): Promise<ScreeningSummary[]> {
    await this.access.client(auth, clientId);
    const staff = isStaff(auth);
    const rows: ScreeningRow[] = await this.ds.query(
      `SELECT ${SCREENING_COLUMNS}
         FROM screenings s JOIN instruments i ON i.id = s.instrument_id
        WHERE s.client_id = $1 AND s.practice_id = $2 ${staff ? '' : "AND s.status <> 'cancelled'"}
        ORDER BY s.created_at DESC, s.id DESC`,
      [clientId, auth.practiceId],
    );
    await this.audit.byCaller(auth, 'screening.list', { entityType: 'screening', clientId });
    return rows.map((r) => toScreeningSummary(r, staff));
  }

  private async summary(
    auth: AuthContext,
    id: string,
    m: EntityManager,
  ): Promise<ScreeningSummary> {
    const [row] = (await m.query(
      `SELECT ${SCREENING_COLUMNS} FROM screenings s JOIN instruments i ON i.id = s.instrument_id WHERE s.id = $1`,
      [id],
    )) as ScreeningRow[];
    return toScreeningSummary(row!, isStaff(auth));
  }

  /** Loads a screening whose client the caller may see (404 otherwise), optionally locking its row. */
  private async load(
    auth: AuthContext,
    id: string,
    m: EntityManager,
    lock = false,
  ): Promise<Screening> {
    const qb = m
      .createQueryBuilder(Screening, 's')
      .innerJoinAndSelect('s.instrument', 'i')
      .innerJoin('s.client', 'c')
      .where('s.id = :id', { id });
    this.access.scopeClients(qb, auth, 'c');
    if (lock) qb.setLock('pessimistic_write', undefined, ['s']);
    const found = await qb.getOne();
    if (!found) throw notFound('That screener');
    return found;
  }

  async detail(auth: AuthContext, id: string): Promise<ScreeningDetail> {
    const s = await this.load(auth, id, this.ds.manager);
    if (!isStaff(auth) && s.status === 'cancelled') throw notFound('That screener');
    await this.audit.byCaller(auth, 'screening.read', {
      entityType: 'screening',
      entityId: id,
      clientId: s.clientId,
    });
    return {
      id: s.id,
      clientId: s.clientId,
      instrument: {
        id: s.instrument.id,
        key: s.instrument.key,
        version: s.instrument.version,
        title: s.instrument.title,
      },
      status: s.status,
      dueAt: s.dueAt?.toISOString() ?? null,
      note: s.note,
      createdAt: s.createdAt.toISOString(),
      submittedAt: s.submittedAt?.toISOString() ?? null,
      definition: s.instrument.definition,
      answers: s.answers,
      draftVersion: s.draftVersion,
      updatedAt: s.updatedAt.toISOString(),
    };
  }

  private checked(def: InstrumentDefinition, answers: Answers): void {
    for (const [linkId, a] of Object.entries(answers)) {
      const v = (a as { value?: unknown })?.value;
      if (typeof v === 'string' && v.length > SCREENING_LIMITS.textAnswerMax)
        throw badField(
          `answers.${linkId}`,
          `answers.${linkId} is longer than ${SCREENING_LIMITS.textAnswerMax} characters`,
        );
    }
    try {
      checkAnswers(def, answers);
    } catch (e) {
      engineErrorToHttp(e, 'answers');
    }
  }

  private assertOpen(s: Screening): void {
    if (s.status === 'submitted') throw errors.alreadySubmitted();
    if (s.status === 'cancelled') throw errors.cancelled();
  }

  private stale(s: Screening): never {
    const current: DraftConflict = {
      draftVersion: s.draftVersion,
      answers: s.answers,
      status: s.status,
    };
    throw conflict(STALE_DRAFT, current);
  }

  /**
   * Raises an alert for each positive critical item, once per screening and item. Done on every
   * save, not only on submit: a client who stops halfway must not leave a risk answer unseen.
   */
  private async raiseAlerts(
    s: Screening,
    result: ScoreResult,
    from: 'draft' | 'submission',
    m: EntityManager,
  ) {
    for (const f of result.flags) {
      const [, inserted] = (await m
        .query(
          `INSERT INTO alerts (practice_id, client_id, screening_id, link_id, severity, reason, message, raised_from)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         ON CONFLICT (screening_id, link_id) DO NOTHING RETURNING id`,
          [s.practiceId, s.clientId, s.id, f.linkId, f.severity, f.reason, f.message, from],
        )
        .then((rows: { id: string }[]) => [rows, rows.length])) as [unknown, number];
      if (inserted)
        await this.audit.record(
          {
            action: 'alert.raise',
            practiceId: s.practiceId,
            entityType: 'screening',
            entityId: s.id,
            clientId: s.clientId,
            meta: { linkId: f.linkId, severity: f.severity, reason: f.reason, from },
          },
          m,
        );
    }
  }

  async saveDraft(auth: AuthContext, id: string, dto: SaveDraftDto): Promise<DraftSaved> {
    return this.ds.transaction(async (m) => {
      const s = await this.load(auth, id, m, true);
      this.assertOpen(s);
      if (dto.version !== s.draftVersion) this.stale(s);
      this.checked(s.instrument.definition, dto.answers);
      const [row] = (await m
        .query(
          `UPDATE screenings SET answers = $2, draft_version = draft_version + 1, status = 'in_progress', updated_at = now()
          WHERE id = $1 RETURNING draft_version, updated_at`,
          [id, JSON.stringify(dto.answers)],
        )
        .then(([rows]: [{ draft_version: number; updated_at: Date }[]]) => rows)) as {
        draft_version: number;
        updated_at: Date;
      }[];
      await this.raiseAlerts(s, score(s.instrument.definition, dto.answers), 'draft', m);
      await this.audit.byCaller(
        auth,
        'screening.draft.save',
        {
          entityType: 'screening',
          entityId: id,
          clientId: s.clientId,
          meta: { version: row!.draft_version },
        },
        m,
      );
      return { draftVersion: row!.draft_version, savedAt: row!.updated_at.toISOString() };
    });
  }

  /** Scores and stores a submission. Retries with the same Idempotency-Key and body get the same answer. */
  async submit(
    auth: AuthContext,
    id: string,
    key: string | undefined,
    dto: SubmitScreeningDto,
  ): Promise<ScreeningSubmitted> {
    if (!key || !key.trim())
      throw badField('Idempotency-Key', 'the Idempotency-Key header is required');
    if (key.length > SCREENING_LIMITS.idempotencyKeyMax)
      throw badField(
        'Idempotency-Key',
        `Idempotency-Key must be at most ${SCREENING_LIMITS.idempotencyKeyMax} characters`,
      );
    const hash = createHash('sha256')
      .update(canonicalJson({ version: dto.version, answers: dto.answers }))
      .digest('hex');
    return this.ds.transaction(async (m) => {
      // The row lock makes parallel retries queue up; each then sees the first one's outcome.
      const s = await this.load(auth, id, m, true);
      if (s.status === 'submitted' && s.idempotencyKey === key) {
        if (s.requestHash !== hash) throw errors.keyReused();
        return {
          id: s.id,
          status: 'submitted' as const,
          submittedAt: s.submittedAt!.toISOString(),
        };
      }
      this.assertOpen(s);
      if (dto.version !== s.draftVersion) this.stale(s);
      this.checked(s.instrument.definition, dto.answers);
      const result = score(s.instrument.definition, dto.answers);
      const [row] = (await m
        .query(
          `UPDATE screenings SET answers = $2, result = $3, engine_version = $4, status = 'submitted',
                submitted_at = now(), submitted_by_user_id = $5, idempotency_key = $6, request_hash = $7,
                draft_version = draft_version + 1, updated_at = now()
          WHERE id = $1 RETURNING submitted_at`,
          [
            id,
            JSON.stringify(dto.answers),
            JSON.stringify(result),
            result.engineVersion,
            auth.userId,
            key,
            hash,
          ],
        )
        .then(([rows]: [{ submitted_at: Date }[]]) => rows)) as { submitted_at: Date }[];
      await this.raiseAlerts(s, result, 'submission', m);
      await this.audit.byCaller(
        auth,
        'screening.submit',
        {
          entityType: 'screening',
          entityId: id,
          clientId: s.clientId,
          meta: { flags: result.flags.length },
        },
        m,
      );
      return {
        id: s.id,
        status: 'submitted' as const,
        submittedAt: row!.submitted_at.toISOString(),
      };
    });
  }

  async cancel(auth: AuthContext, id: string): Promise<ScreeningSummary> {
    return this.ds.transaction(async (m) => {
      const s = await this.load(auth, id, m, true);
      if (s.status === 'submitted') throw errors.alreadySubmitted();
      if (s.status !== 'cancelled') {
        await m.query(
          `UPDATE screenings SET status = 'cancelled', updated_at = now() WHERE id = $1`,
          [id],
        );
        await this.audit.byCaller(
          auth,
          'screening.cancel',
          { entityType: 'screening', entityId: id, clientId: s.clientId },
          m,
        );
      }
      return this.summary(auth, id, m);
    });
  }

  /** The scored result with raw answers and the change since the previous administration. */
  async result(auth: AuthContext, id: string): Promise<ScreeningResultView> {
    const m = this.ds.manager;
    const s = await this.load(auth, id, m);
    if (s.status !== 'submitted' || !s.result) throw errors.notSubmitted();
    const [prev] = (await m.query(
      `SELECT s.id, s.submitted_at, s.result FROM screenings s JOIN instruments i ON i.id = s.instrument_id
        WHERE s.client_id = $1 AND s.status = 'submitted' AND i.key = $2 AND s.submitted_at < $3
        ORDER BY s.submitted_at DESC LIMIT 1`,
      [s.clientId, s.instrument.key, s.submittedAt],
    )) as { id: string; submitted_at: Date; result: ScoreResult }[];
    let previous: ScreeningResultView['previous'] = null;
    if (prev) {
      try {
        previous = {
          screeningId: prev.id,
          submittedAt: prev.submitted_at.toISOString(),
          change: reliableChange(s.instrument.definition, prev.result, s.result),
        };
      } catch {
        previous = null; // a different version with other scales: raw trend only
      }
    }
    await this.audit.byCaller(auth, 'screening.result.read', {
      entityType: 'screening',
      entityId: id,
      clientId: s.clientId,
    });
    return {
      screening: await this.summary(auth, id, m),
      definition: s.instrument.definition,
      answers: s.answers,
      result: s.result,
      previous,
    };
  }

  async fhirResponse(auth: AuthContext, id: string): Promise<FhirQuestionnaireResponse> {
    const s = await this.load(auth, id, this.ds.manager);
    const def = s.instrument.definition;
    await this.audit.byCaller(auth, 'screening.fhir.export', {
      entityType: 'screening',
      entityId: id,
      clientId: s.clientId,
    });
    return toFhirQuestionnaireResponse(def, s.answers, {
      id: s.id,
      questionnaireUrl: def.url ?? `urn:attune:instrument:${def.key}|${def.version}`,
      authored: (s.submittedAt ?? s.updatedAt).toISOString(),
      status: s.status === 'submitted' ? 'completed' : 'in-progress',
    });
  }
}
