import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { AlertLevel, AlertSummary, Flag, FlagReason } from '@attune/shared';
import { DataSource, type EntityManager } from 'typeorm';
import type { Scope } from '../common/access/access.policy.js';

interface AlertRow {
  id: string;
  client_id: string;
  client_name: string;
  screening_id: string;
  instrument_title: string;
  link_id: string;
  level: AlertLevel;
  reason: FlagReason;
  message: string;
  raised_from: 'draft' | 'submission';
  created_at: Date;
  escalated_at: Date | null;
  escalated_from_id: string | null;
  escalated_from_level: AlertLevel | null;
  escalated_from_acknowledged_at: Date | null;
  acknowledged_at: Date | null;
  acknowledged_by: string | null;
  acknowledgement_note: string | null;
  open_rank: number;
  level_rank: number;
  created_key: string;
}

function toSummary(r: AlertRow): AlertSummary {
  return {
    id: r.id,
    client: { id: r.client_id, displayName: r.client_name },
    screeningId: r.screening_id,
    instrumentTitle: r.instrument_title,
    linkId: r.link_id,
    level: r.level,
    reason: r.reason,
    message: r.message,
    raisedFrom: r.raised_from,
    createdAt: r.created_at.toISOString(),
    escalatedAt: r.escalated_at?.toISOString() ?? null,
    escalatedFrom:
      r.escalated_from_id && r.escalated_from_level && r.escalated_from_acknowledged_at
        ? {
            id: r.escalated_from_id,
            level: r.escalated_from_level,
            acknowledgedAt: r.escalated_from_acknowledged_at.toISOString(),
          }
        : null,
    acknowledgedAt: r.acknowledged_at?.toISOString() ?? null,
    acknowledgedBy: r.acknowledged_by,
    acknowledgementNote: r.acknowledgement_note,
  };
}

// Open before acknowledged, IMMEDIATE before URGENT before CHECK-IN, newest first: the sort key
// is also the cursor.
const OPEN_RANK = '(CASE WHEN a.acknowledged_at IS NULL THEN 0 ELSE 1 END)';
const LEVEL_RANK = "(CASE a.level WHEN 'immediate' THEN 0 WHEN 'urgent' THEN 1 ELSE 2 END)";

/** What raising needs to know of the alerts already raised for one item of a screening. */
export interface ItemAlert {
  id: string;
  level: AlertLevel;
  rank: number;
  acknowledged_at: Date | null;
}

// Alerts on a scope's clients ($1 practice, $2 therapist or null, $3 client or null), with
// client, instrument and acknowledgement, in one fixed statement. The alert's own practice_id
// (equal to its client's, a composite key) lets the planner start from the practice's alerts.
const SELECT = `SELECT a.id, a.client_id, coalesce(c.preferred_name, c.first_name) || ' ' || c.last_name AS client_name,
    a.screening_id, i.title AS instrument_title, a.link_id, a.level, a.reason, a.message, a.raised_from,
    a.created_at, a.escalated_at, p.id AS escalated_from_id, p.level AS escalated_from_level,
    p.acknowledged_at AS escalated_from_acknowledged_at,
    a.acknowledged_at, u.display_name AS acknowledged_by, a.acknowledgement_note,
    ${OPEN_RANK} AS open_rank, ${LEVEL_RANK} AS level_rank,
    (-extract(epoch from a.created_at))::text AS created_key
  FROM alerts a
  JOIN clients c ON c.id = a.client_id
  JOIN screenings s ON s.id = a.screening_id
  JOIN instruments i ON i.id = s.instrument_id
  LEFT JOIN alerts p ON p.id = a.escalated_from_alert_id
  LEFT JOIN users u ON u.id = a.acknowledged_by_user_id
 WHERE a.practice_id = $1 AND c.practice_id = $1 AND ($2::uuid IS NULL OR c.primary_therapist_id = $2)
   AND ($3::uuid IS NULL OR c.id = $3)`;

const scope = (s: Scope) => [s.practiceId, s.therapistId, s.clientId];

const STATUS = {
  open: 'AND a.acknowledged_at IS NULL',
  acknowledged: 'AND a.acknowledged_at IS NOT NULL',
  all: '',
} as const;

/** The alerts table. */
@Injectable()
export class AlertsRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** The most urgent open alerts, newest first. */
  async open(s: Scope, limit: number): Promise<AlertSummary[]> {
    const rows = await this.ds.query<AlertRow[]>(
      `${SELECT} AND a.acknowledged_at IS NULL ORDER BY ${LEVEL_RANK}, a.created_at DESC LIMIT $4`,
      [...scope(s), limit],
    );
    return rows.map(toSummary);
  }

  /**
   * One client's open alerts and those raised or acknowledged since `recentSince`: open first,
   * most urgent first, newest first, with who acknowledged each, when and the note. One query.
   */
  async openAndRecent(
    s: Scope,
    clientId: string,
    recentSince: Date,
    limit: number,
  ): Promise<AlertSummary[]> {
    const rows = await this.ds.query<AlertRow[]>(
      `${SELECT} AND a.client_id = $4
          AND (a.acknowledged_at IS NULL OR a.created_at >= $5 OR a.acknowledged_at >= $5)
        ORDER BY ${OPEN_RANK}, ${LEVEL_RANK}, a.created_at DESC, a.id LIMIT $6`,
      [...scope(s), clientId, recentSince, limit],
    );
    return rows.map(toSummary);
  }

  /** The most urgent open alert level of each of these clients (absent: none open). One query. */
  async openLevels(s: Scope, clientIds: readonly string[]): Promise<Map<string, AlertLevel>> {
    if (clientIds.length === 0) return new Map();
    const rows = await this.ds.query<{ client_id: string; level: AlertLevel }[]>(
      `SELECT DISTINCT ON (a.client_id) a.client_id, a.level FROM alerts a JOIN clients c ON c.id = a.client_id
        WHERE a.client_id = ANY($1::uuid[]) AND a.acknowledged_at IS NULL AND c.practice_id = $2
          AND ($3::uuid IS NULL OR c.primary_therapist_id = $3) AND ($4::uuid IS NULL OR c.id = $4)
        ORDER BY a.client_id, ${LEVEL_RANK}`,
      [clientIds, s.practiceId, s.therapistId, s.clientId],
    );
    return new Map(rows.map((r) => [r.client_id, r.level]));
  }

  /** Every alert one screening raised, open first, most urgent first. */
  async forScreening(
    s: Scope,
    screeningId: string,
    m: EntityManager = this.ds.manager,
  ): Promise<AlertSummary[]> {
    const rows = await m.query<AlertRow[]>(
      `${SELECT} AND a.screening_id = $4 ORDER BY ${OPEN_RANK}, ${LEVEL_RANK}, a.created_at DESC`,
      [...scope(s), screeningId],
    );
    return rows.map(toSummary);
  }

  /** A page in the order open, level, newest; the sort key is the cursor. */
  async page(
    s: Scope,
    q: {
      status: 'open' | 'acknowledged' | 'all';
      clientId: string | null;
      after: (string | number)[] | null;
    },
    limit: number,
  ): Promise<{ items: AlertSummary[]; keys: (string | number)[][] }> {
    const rows = await this.ds.query<AlertRow[]>(
      `${SELECT} ${STATUS[q.status]} AND ($4::uuid IS NULL OR a.client_id = $4)
         AND ($5::int IS NULL
              OR (${OPEN_RANK}, ${LEVEL_RANK}, -extract(epoch from a.created_at), a.id) > ($5, $6::int, $7::numeric, $8::uuid))
       ORDER BY ${OPEN_RANK}, ${LEVEL_RANK}, a.created_at DESC, a.id
       LIMIT $9`,
      [
        ...scope(s),
        q.clientId,
        q.after?.[0] ?? null,
        q.after?.[1] ?? null,
        q.after?.[2] ?? null,
        q.after?.[3] ?? null,
        limit,
      ],
    );
    return {
      items: rows.map(toSummary),
      keys: rows.map((r) => [r.open_rank, r.level_rank, r.created_key, r.id]),
    };
  }

  /** One alert in the scope, optionally holding its row; null when out of reach. */
  async one(s: Scope, id: string, m: EntityManager, lock = false): Promise<AlertSummary | null> {
    const [row] = await m.query<AlertRow[]>(
      `${SELECT} AND a.id = $4 ${lock ? 'FOR UPDATE OF a' : ''}`,
      [...scope(s), id],
    );
    return row ? toSummary(row) : null;
  }

  /** The alerts raised for one item of a screening, open first, locked until the transaction ends. */
  forItemLocked(m: EntityManager, screeningId: string, linkId: string): Promise<ItemAlert[]> {
    return m.query<ItemAlert[]>(
      `SELECT id, level, answer_rank::float8 AS rank, acknowledged_at FROM alerts
        WHERE screening_id = $1 AND link_id = $2
        ORDER BY (acknowledged_at IS NULL) DESC, created_at DESC
        FOR UPDATE`,
      [screeningId, linkId],
    );
  }

  /** Raises an open alert's level (or rank) in place. */
  async escalate(
    m: EntityManager,
    id: string,
    f: Flag,
    from: 'draft' | 'submission',
  ): Promise<void> {
    await m.query(
      `UPDATE alerts SET level = $2, answer_rank = $3, reason = $4, message = $5, raised_from = $6,
              escalated_at = now() WHERE id = $1`,
      [id, f.severity, f.rank, f.reason, f.message, from],
    );
  }

  async insert(
    m: EntityManager,
    s: { practiceId: string; clientId: string; screeningId: string },
    f: Flag,
    from: 'draft' | 'submission',
    escalatedFrom: string | null,
  ): Promise<string> {
    const [inserted] = await m.query<[{ id: string }]>(
      `INSERT INTO alerts (practice_id, client_id, screening_id, link_id, level, answer_rank, reason, message,
                           raised_from, escalated_from_alert_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
      [
        s.practiceId,
        s.clientId,
        s.screeningId,
        f.linkId,
        f.severity,
        f.rank,
        f.reason,
        f.message,
        from,
        escalatedFrom,
      ],
    );
    return inserted.id;
  }

  async acknowledge(m: EntityManager, id: string, userId: string, note: string): Promise<void> {
    await m.query(
      `UPDATE alerts SET acknowledged_at = now(), acknowledged_by_user_id = $2, acknowledgement_note = $3 WHERE id = $1`,
      [id, userId, note],
    );
  }
}
