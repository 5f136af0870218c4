import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  type AlertLevel,
  type Answers,
  checkAnswers,
  type ClientScreeningDetail,
  type ClientScreeningSummary,
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
  toClientInstrumentView,
  toFhirQuestionnaireResponse,
} from '@attune/shared';
import { createHash } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { AccessService } from '../common/access.service.js';
import { canonicalJson } from '../common/canonical-json.js';
import { type AuthContext, hasRole } from '../common/auth-context.js';
import { badField, conflict, notFound } from '../common/errors.js';
import { AlertsService } from './alerts.service.js';
import type { AssignScreeningDto, SaveDraftDto, SubmitScreeningDto } from './dto/screening.dto.js';
import { InstrumentsService } from './instruments.service.js';
import { engineErrorToHttp, errors, STALE_DRAFT } from './screening.errors.js';
import { Screening } from './screening.entity.js';

/** The columns every screening listing needs, with its instrument and open alerts (count, most urgent level). */
export const SCREENING_COLUMNS = `s.id, s.client_id, s.status, s.due_at, s.note, s.created_at, s.submitted_at, s.result,
  i.id AS instrument_id, i.key AS instrument_key, i.version AS instrument_version, i.title AS instrument_title,
  i.validated AS instrument_validated,
  (SELECT count(*)::int FROM alerts a WHERE a.screening_id = s.id AND a.acknowledged_at IS NULL) AS open_alerts,
  (SELECT a.level FROM alerts a WHERE a.screening_id = s.id AND a.acknowledged_at IS NULL
    ORDER BY CASE a.level WHEN 'immediate' THEN 0 WHEN 'urgent' THEN 1 ELSE 2 END LIMIT 1) AS open_alert_level`;

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
  instrument_validated: boolean;
  open_alerts: number;
  open_alert_level: AlertLevel | null;
}

/** Clients never see scores or alerts: their therapist reviews results with them. */
export function toClientScreeningSummary(r: ScreeningRow): ClientScreeningSummary {
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
  };
}

/** Staff see the result and the open alerts too. */
export function toScreeningSummary(r: ScreeningRow): ScreeningSummary {
  const base = toClientScreeningSummary(r);
  return {
    ...base,
    instrument: { ...base.instrument, validated: r.instrument_validated },
    result: r.result,
    openAlerts: r.open_alerts,
    openAlertLevel: r.open_alert_level,
  };
}

const isStaff = (auth: AuthContext) => hasRole(auth, 'admin') || hasRole(auth, 'therapist');

@Injectable()
export class ScreeningsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly access: AccessService,
    private readonly instruments: InstrumentsService,
    private readonly alerts: AlertsService,
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
        .forAssignment(auth, dto.instrumentId, m)
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
      return this.summary(saved.id, m);
    });
  }

  /** A client's screenings, newest first, with results for staff. One query whatever the count. */
  async listForClient(
    auth: AuthContext,
    clientId: string,
  ): Promise<ScreeningSummary[] | ClientScreeningSummary[]> {
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
    return staff ? rows.map(toScreeningSummary) : rows.map(toClientScreeningSummary);
  }

  /** Staff only: the summary of one screening (with result and open alerts). */
  private async summary(id: string, m: EntityManager): Promise<ScreeningSummary> {
    const [row] = await m.query<ScreeningRow[]>(
      `SELECT ${SCREENING_COLUMNS} FROM screenings s JOIN instruments i ON i.id = s.instrument_id WHERE s.id = $1`,
      [id],
    );
    return toScreeningSummary(row!);
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

  /** The definition this practice scores the screening by (its own critical items applied). */
  private async definitionOf(s: Screening, m: EntityManager): Promise<InstrumentDefinition> {
    return (await this.instruments.effective(s.practiceId, s.instrument, m)).definition;
  }

  /**
   * One screening. A client gets only the questions, their own answers and the crisis text
   * (no scores, bands, cut-offs or clinician messages); staff get the full definition.
   */
  async detail(auth: AuthContext, id: string): Promise<ScreeningDetail | ClientScreeningDetail> {
    const m = this.ds.manager;
    const s = await this.load(auth, id, m);
    if (!isStaff(auth) && s.status === 'cancelled') throw notFound('That screener');
    const definition = await this.definitionOf(s, m);
    await this.audit.byCaller(auth, 'screening.read', {
      entityType: 'screening',
      entityId: id,
      clientId: s.clientId,
    });
    const base = {
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
      answers: s.answers,
      draftVersion: s.draftVersion,
      updatedAt: s.updatedAt.toISOString(),
    };
    if (!isStaff(auth)) {
      const [practice] = await m.query<{ crisis_text: string | null }[]>(
        `SELECT crisis_text FROM practices WHERE id = $1`,
        [s.practiceId],
      );
      return {
        ...base,
        definition: toClientInstrumentView(definition),
        crisisText: practice?.crisis_text ?? '',
      };
    }
    return {
      ...base,
      instrument: { ...base.instrument, validated: s.instrument.validated },
      definition,
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

  async saveDraft(auth: AuthContext, id: string, dto: SaveDraftDto): Promise<DraftSaved> {
    return this.ds.transaction(async (m) => {
      const s = await this.load(auth, id, m, true);
      this.assertOpen(s);
      if (dto.version !== s.draftVersion) this.stale(s);
      const definition = await this.definitionOf(s, m);
      this.checked(definition, dto.answers);
      const [row] = await m
        .query(
          `UPDATE screenings SET answers = $2, draft_version = draft_version + 1, status = 'in_progress', updated_at = now()
          WHERE id = $1 RETURNING draft_version, updated_at`,
          [id, JSON.stringify(dto.answers)],
        )
        .then(([rows]: [{ draft_version: number; updated_at: Date }[]]) => rows);
      // Alerts are raised as answers are saved: a client who stops halfway must not leave a
      // critical answer unseen.
      await this.alerts.raise(s, score(definition, dto.answers).flags, 'draft', m);
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
      const definition = await this.definitionOf(s, m);
      this.checked(definition, dto.answers);
      // `submitted`: a critical item left blank is recorded and raises a CHECK-IN, whatever the
      // client sent (the runner asks once more, but an API-only submit must flag too).
      const result = score(definition, dto.answers, { submitted: true });
      const [row] = await m
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
        .then(([rows]: [{ submitted_at: Date }[]]) => rows);
      await this.alerts.raise(s, result.flags, 'submission', m);
      await this.audit.byCaller(
        auth,
        'screening.submit',
        {
          entityType: 'screening',
          entityId: id,
          clientId: s.clientId,
          meta: {
            flags: result.flags.map((f) => ({
              linkId: f.linkId,
              level: f.severity,
              reason: f.reason,
            })),
            unansweredCritical: result.unansweredCritical,
          },
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
      return this.summary(id, m);
    });
  }

  /** The scored result with raw answers and the change since the previous administration. */
  async result(auth: AuthContext, id: string): Promise<ScreeningResultView> {
    const m = this.ds.manager;
    const s = await this.load(auth, id, m);
    if (s.status !== 'submitted' || !s.result) throw errors.notSubmitted();
    const definition = await this.definitionOf(s, m);
    const [prev] = await m.query<{ id: string; submitted_at: Date; result: ScoreResult }[]>(
      `SELECT s.id, s.submitted_at, s.result FROM screenings s JOIN instruments i ON i.id = s.instrument_id
        WHERE s.client_id = $1 AND s.status = 'submitted' AND i.key = $2 AND s.submitted_at < $3
        ORDER BY s.submitted_at DESC LIMIT 1`,
      [s.clientId, s.instrument.key, s.submittedAt],
    );
    let previous: ScreeningResultView['previous'] = null;
    if (prev) {
      try {
        previous = {
          screeningId: prev.id,
          submittedAt: prev.submitted_at.toISOString(),
          change: reliableChange(definition, prev.result, s.result),
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
      screening: await this.summary(id, m),
      definition,
      answers: s.answers,
      result: s.result,
      alerts: await this.alerts.forScreening(auth, id, m),
      previous,
    };
  }

  async fhirResponse(auth: AuthContext, id: string): Promise<FhirQuestionnaireResponse> {
    const s = await this.load(auth, id, this.ds.manager);
    const def = await this.definitionOf(s, this.ds.manager);
    await this.audit.byCaller(auth, 'screening.fhir.export', {
      entityType: 'screening',
      entityId: id,
      clientId: s.clientId,
    });
    // Points to the Questionnaire's own canonical, url|version, as exported by GET /instruments/:id/fhir.
    return toFhirQuestionnaireResponse(def, s.answers, {
      id: s.id,
      authored: (s.submittedAt ?? s.updatedAt).toISOString(),
      status: s.status === 'submitted' ? 'completed' : 'in-progress',
    });
  }
}
