import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  type Permission,
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
import { ClientsRepository } from '../clients/clients.repository.js';
import { AccessPolicy } from '../common/access/access.policy.js';
import { canonicalJson } from '../common/canonical-json.js';
import type { AuthContext } from '../common/auth-context.js';
import { PracticesRepository } from '../practices/practices.repository.js';
import { badField, conflict, notFound } from '../common/errors.js';
import { AlertsService } from './alerts.service.js';
import type { AssignScreeningDto, SaveDraftDto, SubmitScreeningDto } from './dto/screening.dto.js';
import { InstrumentsService } from './instruments.service.js';
import { engineErrorToHttp, errors, STALE_DRAFT } from './screening.errors.js';
import type { Screening } from './screening.entity.js';
import { ScreeningsRepository } from './screenings.repository.js';

@Injectable()
export class ScreeningsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly access: AccessPolicy,
    private readonly screenings: ScreeningsRepository,
    private readonly clients: ClientsRepository,
    private readonly practices: PracticesRepository,
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
      await this.access.requireAccess(auth, 'screenings.assign', clientId, m);
      const client = (await this.clients.record(clientId, m))!;
      if (client.status !== 'active')
        throw conflict(
          'client_inactive',
          'This client is inactive. Make them active before assigning.',
        );
      const instrument = await this.instruments
        .forAssignment(auth, dto.instrumentId, m)
        .catch(() =>
          Promise.reject(
            badField('instrumentId', 'instrumentId is not in your practice catalogue'),
          ),
        );
      const id = await this.screenings.insert(m, {
        practiceId: auth.practiceId,
        clientId,
        instrumentId: instrument.id,
        assignedByUserId: auth.userId,
        dueAt: dto.dueAt ? new Date(dto.dueAt) : null,
        note: dto.note || null,
      });
      await this.audit.byCaller(
        auth,
        'screening.assign',
        {
          entityType: 'screening',
          entityId: id,
          clientId,
          meta: { instrument: instrument.key },
        },
        m,
      );
      return this.screenings.summary(id, m);
    });
  }

  /** A client's screenings, newest first, with results for staff. One query whatever the count. */
  async listForClient(
    auth: AuthContext,
    clientId: string,
  ): Promise<ScreeningSummary[] | ClientScreeningSummary[]> {
    await this.access.requireAccess(auth, 'screenings.list', clientId);
    // Staff see results and withdrawn screeners too; a client only their own answers' list.
    const view = this.access.can(auth, 'screenings.review') ? 'staff' : 'client';
    const list = await this.screenings.forClient(clientId, auth.practiceId, view);
    await this.audit.byCaller(auth, 'screening.list', { entityType: 'screening', clientId });
    return list;
  }

  /** Checks the caller's access, then loads the screening (optionally holding its row). */
  private async load(
    auth: AuthContext,
    permission: Permission,
    id: string,
    m: EntityManager,
    lock = false,
  ): Promise<Screening> {
    await this.access.requireAccess(auth, permission, id, m);
    const found = await this.screenings.load(id, m, lock);
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
    const s = await this.load(auth, 'screenings.read', id, m);
    const staff = this.access.can(auth, 'screenings.review');
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
    if (!staff) {
      const practice = await this.practices.profile(s.practiceId, m);
      return {
        ...base,
        definition: toClientInstrumentView(definition),
        crisisText: practice.crisisText,
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
    throw conflict('stale_draft', STALE_DRAFT, current);
  }

  async saveDraft(auth: AuthContext, id: string, dto: SaveDraftDto): Promise<DraftSaved> {
    return this.ds.transaction(async (m) => {
      const s = await this.load(auth, 'screenings.answer', id, m, true);
      this.assertOpen(s);
      if (dto.version !== s.draftVersion) this.stale(s);
      const definition = await this.definitionOf(s, m);
      this.checked(definition, dto.answers);
      const row = await this.screenings.saveDraft(m, id, dto.answers);
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
          meta: { version: row.draft_version },
        },
        m,
      );
      return { draftVersion: row.draft_version, savedAt: row.updated_at.toISOString() };
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
      const s = await this.load(auth, 'screenings.answer', id, m, true);
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
      const submittedAt = await this.screenings.submit(m, id, {
        answers: dto.answers,
        result,
        userId: auth.userId,
        idempotencyKey: key,
        requestHash: hash,
      });
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
        submittedAt: submittedAt.toISOString(),
      };
    });
  }

  async cancel(auth: AuthContext, id: string): Promise<ScreeningSummary> {
    return this.ds.transaction(async (m) => {
      const s = await this.load(auth, 'screenings.cancel', id, m, true);
      if (s.status === 'submitted') throw errors.alreadySubmitted();
      if (s.status !== 'cancelled') {
        await this.screenings.cancel(m, id);
        await this.audit.byCaller(
          auth,
          'screening.cancel',
          { entityType: 'screening', entityId: id, clientId: s.clientId },
          m,
        );
      }
      return this.screenings.summary(id, m);
    });
  }

  /** The scored result with raw answers and the change since the previous administration. */
  async result(auth: AuthContext, id: string): Promise<ScreeningResultView> {
    const m = this.ds.manager;
    const s = await this.load(auth, 'screenings.review', id, m);
    if (s.status !== 'submitted' || !s.result) throw errors.notSubmitted();
    const definition = await this.definitionOf(s, m);
    const prev = await this.screenings.previousSubmitted(m, {
      clientId: s.clientId,
      instrumentKey: s.instrument.key,
      before: s.submittedAt!,
    });
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
      screening: await this.screenings.summary(id, m),
      definition,
      answers: s.answers,
      result: s.result,
      alerts: await this.alerts.forScreening(auth, id, m),
      previous,
    };
  }

  async fhirResponse(auth: AuthContext, id: string): Promise<FhirQuestionnaireResponse> {
    const s = await this.load(auth, 'screenings.review', id, this.ds.manager);
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
