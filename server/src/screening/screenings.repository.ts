import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type {
  AlertLevel,
  Answers,
  ClientScreeningSummary,
  InstrumentDefinition,
  ScoreResult,
  ScreeningSummary,
} from '@attune/shared';
import { DataSource, type EntityManager } from 'typeorm';
import type { Scope } from '../common/access/access.policy.js';
import type { RowSource } from '../database/read-snapshot.js';
import { Screening } from './screening.entity.js';

// Every screening listing: its instrument and open alerts (count, most urgent level).
const COLUMNS = `s.id, s.client_id, s.status, s.due_at, s.note, s.created_at, s.submitted_at, s.result,
  i.id AS instrument_id, i.key AS instrument_key, i.version AS instrument_version, i.title AS instrument_title,
  i.validated AS instrument_validated,
  (SELECT count(*)::int FROM alerts a WHERE a.screening_id = s.id AND a.acknowledged_at IS NULL) AS open_alerts,
  (SELECT a.level FROM alerts a WHERE a.screening_id = s.id AND a.acknowledged_at IS NULL
    ORDER BY CASE a.level WHEN 'immediate' THEN 0 WHEN 'urgent' THEN 1 ELSE 2 END LIMIT 1) AS open_alert_level`;
const FROM = 'screenings s JOIN instruments i ON i.id = s.instrument_id';

interface ScreeningRow {
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
function toClientScreeningSummary(r: ScreeningRow): ClientScreeningSummary {
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
function toScreeningSummary(r: ScreeningRow): ScreeningSummary {
  const base = toClientScreeningSummary(r);
  return {
    ...base,
    instrument: { ...base.instrument, validated: r.instrument_validated },
    result: r.result,
    openAlerts: r.open_alerts,
    openAlertLevel: r.open_alert_level,
  };
}

/** One submission of an instrument among the latest two (see `latestPairs`). */
export interface LatestPairRow {
  id: string;
  instrument_id: string;
  instrument_key: string;
  instrument_title: string;
  instrument_validated: boolean;
  submitted_at: Date;
  result: ScoreResult;
  rn: number;
  /** Only on the latest (rn = 1). */
  definition: InstrumentDefinition | null;
}

/** One screening as a client's export writes it, with its alerts when the copy is the practice's. */
export interface ScreeningExportRow {
  id: string;
  instrument_id: string;
  title: string;
  status: 'assigned' | 'in_progress' | 'submitted' | 'cancelled';
  answers: Answers;
  result: ScoreResult | null;
  due_at: Date | null;
  created_at: Date;
  updated_at: Date;
  submitted_at: Date | null;
  alerts: {
    link_id: string;
    level: AlertLevel;
    reason: 'answered' | 'declined' | 'unanswered';
    created_at: string;
    acknowledged_at: string | null;
    acknowledged_by: string | null;
    acknowledgement_note: string | null;
  }[];
}

/** The screenings table and its listings (staff and client views). */
@Injectable()
export class ScreeningsRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async insert(
    m: EntityManager,
    s: Pick<
      Screening,
      'practiceId' | 'clientId' | 'instrumentId' | 'assignedByUserId' | 'dueAt' | 'note'
    >,
  ): Promise<string> {
    return (await m.save(m.create(Screening, s))).id;
  }

  /** A client's screenings, newest first, in one query whatever the count. */
  async forClient(
    clientId: string,
    practiceId: string,
    view: 'staff' | 'client',
  ): Promise<ScreeningSummary[] | ClientScreeningSummary[]> {
    const rows = await this.ds.query<ScreeningRow[]>(
      `SELECT ${COLUMNS} FROM ${FROM}
        WHERE s.client_id = $1 AND s.practice_id = $2 AND ($3 OR s.status <> 'cancelled')
        ORDER BY s.created_at DESC, s.id DESC`,
      [clientId, practiceId, view === 'staff'],
    );
    return view === 'staff' ? rows.map(toScreeningSummary) : rows.map(toClientScreeningSummary);
  }

  /** Staff's summary of one screening (with result and open alerts). */
  async summary(id: string, m: EntityManager = this.ds.manager): Promise<ScreeningSummary> {
    const [row] = await m.query<[ScreeningRow]>(`SELECT ${COLUMNS} FROM ${FROM} WHERE s.id = $1`, [
      id,
    ]);
    return toScreeningSummary(row);
  }

  /** The screenings the scope's clients submitted lately, newest first (a dashboard). */
  async recentlySubmitted(s: Scope, days: number, limit: number): Promise<ScreeningSummary[]> {
    const rows = await this.ds.query<ScreeningRow[]>(
      `SELECT ${COLUMNS} FROM ${FROM} JOIN clients c ON c.id = s.client_id
        WHERE s.practice_id = $1 AND ($2::uuid IS NULL OR c.primary_therapist_id = $2)
          AND ($3::uuid IS NULL OR c.id = $3) AND s.status = 'submitted'
          AND s.submitted_at > now() - make_interval(days => $4)
        ORDER BY s.submitted_at DESC LIMIT $5`,
      [s.practiceId, s.therapistId, s.clientId, days, limit],
    );
    return rows.map(toScreeningSummary);
  }

  /**
   * Every screening of a client, oldest first, streamed: one statement however many. Alerts come
   * along (in the same row) only when `withAlerts`: clients never see them.
   */
  forExport(
    src: RowSource,
    clientId: string,
    withAlerts: boolean,
  ): AsyncIterable<ScreeningExportRow> {
    return src.rows<ScreeningExportRow>(
      `SELECT s.id, s.instrument_id, i.title, s.status, s.answers, s.result, s.due_at, s.created_at,
              s.updated_at, s.submitted_at,
              CASE WHEN $2 THEN coalesce((
                SELECT json_agg(json_build_object(
                         'link_id', a.link_id, 'level', a.level, 'reason', a.reason,
                         'created_at', a.created_at, 'acknowledged_at', a.acknowledged_at,
                         'acknowledged_by', au.display_name,
                         'acknowledgement_note', a.acknowledgement_note) ORDER BY a.created_at)
                  FROM alerts a LEFT JOIN users au ON au.id = a.acknowledged_by_user_id
                 WHERE a.screening_id = s.id), '[]'::json) ELSE '[]'::json END AS alerts
         FROM screenings s JOIN instruments i ON i.id = s.instrument_id
        WHERE s.client_id = $1
        ORDER BY s.created_at, s.id`,
      [clientId, withAlerts],
    );
  }

  /** A client's screeners still to answer, oldest first (their dashboard). */
  async toDo(clientId: string, practiceId: string): Promise<ClientScreeningSummary[]> {
    const rows = await this.ds.query<ScreeningRow[]>(
      `SELECT ${COLUMNS} FROM ${FROM}
        WHERE s.client_id = $1 AND s.practice_id = $2 AND s.status IN ('assigned', 'in_progress')
        ORDER BY s.created_at`,
      [clientId, practiceId],
    );
    return rows.map(toClientScreeningSummary);
  }

  /**
   * For each instrument the client sent in, the latest two submissions (newest first), the newest
   * instrument first; the latest carries its definition (for reliable change). One query, however
   * long the history.
   */
  async latestPairs(
    clientId: string,
    practiceId: string,
    instruments: number,
  ): Promise<LatestPairRow[]> {
    return this.ds.query<LatestPairRow[]>(
      `SELECT x.id, x.instrument_id, x.instrument_key, x.instrument_title, x.instrument_validated,
              x.submitted_at, x.result, x.rn, CASE WHEN x.rn = 1 THEN i.definition END AS definition
         FROM (SELECT s.id, s.instrument_id, i.key AS instrument_key, i.title AS instrument_title,
                      i.validated AS instrument_validated, s.submitted_at, s.result,
                      row_number() OVER (PARTITION BY i.key ORDER BY s.submitted_at DESC, s.id DESC)::int AS rn,
                      max(s.submitted_at) OVER (PARTITION BY i.key) AS latest_at
                 FROM ${FROM}
                WHERE s.client_id = $1 AND s.practice_id = $2 AND s.status = 'submitted') x
         JOIN instruments i ON i.id = x.instrument_id
        WHERE x.rn <= 2
        ORDER BY x.latest_at DESC, x.instrument_key, x.rn
        LIMIT $3`,
      [clientId, practiceId, instruments * 2],
    );
  }

  /** Which of these clients have a screener assigned or in progress. One query. */
  async clientsWithOpen(
    clientIds: readonly string[],
    m: EntityManager = this.ds.manager,
  ): Promise<Set<string>> {
    if (clientIds.length === 0) return new Set();
    const rows = await m.query<{ client_id: string }[]>(
      `SELECT DISTINCT client_id FROM screenings
        WHERE client_id = ANY($1::uuid[]) AND status IN ('assigned', 'in_progress')`,
      [clientIds],
    );
    return new Set(rows.map((r) => r.client_id));
  }

  /** One screening with its instrument, optionally holding its row until the transaction ends. */
  async load(id: string, m: EntityManager, lock = false): Promise<Screening | null> {
    const qb = m
      .createQueryBuilder(Screening, 's')
      .innerJoinAndSelect('s.instrument', 'i')
      .where('s.id = :id', { id });
    if (lock) qb.setLock('pessimistic_write', undefined, ['s']);
    return qb.getOne();
  }

  async saveDraft(
    m: EntityManager,
    id: string,
    answers: Answers,
  ): Promise<{ draft_version: number; updated_at: Date }> {
    const [[row]] = await m.query<[[{ draft_version: number; updated_at: Date }], number]>(
      `UPDATE screenings SET answers = $2, draft_version = draft_version + 1, status = 'in_progress', updated_at = now()
        WHERE id = $1 RETURNING draft_version, updated_at`,
      [id, JSON.stringify(answers)],
    );
    return row;
  }

  async submit(
    m: EntityManager,
    id: string,
    s: {
      answers: Answers;
      result: ScoreResult;
      userId: string;
      idempotencyKey: string;
      requestHash: string;
    },
  ): Promise<Date> {
    const [[row]] = await m.query<[[{ submitted_at: Date }], number]>(
      `UPDATE screenings SET answers = $2, result = $3, engine_version = $4, status = 'submitted',
              submitted_at = now(), submitted_by_user_id = $5, idempotency_key = $6, request_hash = $7,
              draft_version = draft_version + 1, updated_at = now()
        WHERE id = $1 RETURNING submitted_at`,
      [
        id,
        JSON.stringify(s.answers),
        JSON.stringify(s.result),
        s.result.engineVersion,
        s.userId,
        s.idempotencyKey,
        s.requestHash,
      ],
    );
    return row.submitted_at;
  }

  async cancel(m: EntityManager, id: string): Promise<void> {
    await m.query(`UPDATE screenings SET status = 'cancelled', updated_at = now() WHERE id = $1`, [
      id,
    ]);
  }

  /** The client's submission of the same instrument before this one, if any. */
  async previousSubmitted(
    m: EntityManager,
    s: { clientId: string; instrumentKey: string; before: Date },
  ): Promise<{ id: string; submitted_at: Date; result: ScoreResult } | null> {
    const [prev] = await m.query<{ id: string; submitted_at: Date; result: ScoreResult }[]>(
      `SELECT s.id, s.submitted_at, s.result FROM ${FROM}
        WHERE s.client_id = $1 AND s.status = 'submitted' AND i.key = $2 AND s.submitted_at < $3
        ORDER BY s.submitted_at DESC LIMIT 1`,
      [s.clientId, s.instrumentKey, s.before],
    );
    return prev ?? null;
  }

  /** The client's latest submitted screening with its definition (recommendations read it). */
  async latestSubmitted(
    clientId: string,
    practiceId: string,
  ): Promise<{
    id: string;
    submitted_at: Date;
    result: ScoreResult;
    title: string;
    definition: InstrumentDefinition;
  } | null> {
    const [latest] = await this.ds.query<
      {
        id: string;
        submitted_at: Date;
        result: ScoreResult;
        title: string;
        definition: InstrumentDefinition;
      }[]
    >(
      `SELECT s.id, s.submitted_at, s.result, i.title, i.definition FROM ${FROM}
        WHERE s.client_id = $1 AND s.practice_id = $2 AND s.status = 'submitted'
        ORDER BY s.submitted_at DESC LIMIT 1`,
      [clientId, practiceId],
    );
    return latest ?? null;
  }
}
