import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  type AlertLevel,
  type AlertSummary,
  type Flag,
  type FlagReason,
  isWorse,
  type Page,
} from '@attune/shared';
import { DataSource, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { AccessService } from '../common/access.service.js';
import type { AuthContext } from '../common/auth-context.js';
import { notFound } from '../common/errors.js';
import { decodeCursor, pageSize, toPage } from '../common/pagination.js';
import type { AcknowledgeAlertDto, AlertListQueryDto } from './dto/screening.dto.js';

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

/** The subject of the alerts raised for one screening. */
export interface AlertTarget {
  id: string;
  practiceId: string;
  clientId: string;
}

@Injectable()
export class AlertsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly access: AccessService,
    private readonly audit: AuditService,
  ) {}

  /** Alerts on clients the caller may see, in one query (therapists: their caseload). */
  query(auth: AuthContext, manager: EntityManager = this.ds.manager): SelectQueryBuilder<object> {
    const qb = manager
      .createQueryBuilder()
      .select(
        `a.id, a.client_id, coalesce(c.preferred_name, c.first_name) || ' ' || c.last_name AS client_name,
         a.screening_id, i.title AS instrument_title, a.link_id, a.level, a.reason, a.message, a.raised_from,
         a.created_at, a.escalated_at, p.id AS escalated_from_id, p.level AS escalated_from_level,
         p.acknowledged_at AS escalated_from_acknowledged_at,
         a.acknowledged_at, u.display_name AS acknowledged_by, a.acknowledgement_note,
         ${OPEN_RANK} AS open_rank, ${LEVEL_RANK} AS level_rank,
         (-extract(epoch from a.created_at))::text AS created_key`,
      )
      .from('alerts', 'a')
      .innerJoin('clients', 'c', 'c.id = a.client_id')
      .innerJoin('screenings', 's', 's.id = a.screening_id')
      .innerJoin('instruments', 'i', 'i.id = s.instrument_id')
      .leftJoin('alerts', 'p', 'p.id = a.escalated_from_alert_id')
      .leftJoin('users', 'u', 'u.id = a.acknowledged_by_user_id');
    return this.access.scopeClients(qb, auth, 'c');
  }

  async openAlerts(auth: AuthContext, limit: number): Promise<AlertSummary[]> {
    const rows = await this.query(auth)
      .andWhere('a.acknowledged_at IS NULL')
      .orderBy(LEVEL_RANK)
      .addOrderBy('a.created_at', 'DESC')
      .limit(limit)
      .getRawMany<AlertRow>();
    return rows.map(toSummary);
  }

  /** Every alert one screening raised, open first, most urgent first (the caller's access already checked). */
  async forScreening(
    auth: AuthContext,
    screeningId: string,
    manager: EntityManager = this.ds.manager,
  ): Promise<AlertSummary[]> {
    const rows = await this.query(auth, manager)
      .andWhere('a.screening_id = :screeningId', { screeningId })
      .orderBy(OPEN_RANK)
      .addOrderBy(LEVEL_RANK)
      .addOrderBy('a.created_at', 'DESC')
      .getRawMany<AlertRow>();
    return rows.map(toSummary);
  }

  async list(auth: AuthContext, q: AlertListQueryDto): Promise<Page<AlertSummary>> {
    const limit = pageSize(q);
    const after = decodeCursor(q.cursor, 4);
    const qb = this.query(auth);
    if (q.status === 'open' || !q.status) qb.andWhere('a.acknowledged_at IS NULL');
    if (q.status === 'acknowledged') qb.andWhere('a.acknowledged_at IS NOT NULL');
    if (q.clientId) qb.andWhere('a.client_id = :clientId', { clientId: q.clientId });
    if (after)
      qb.andWhere(
        `(${OPEN_RANK}, ${LEVEL_RANK}, -extract(epoch from a.created_at), a.id) > (:r0, :r1, :r2::numeric, :r3::uuid)`,
        {
          r0: after[0],
          r1: after[1],
          r2: after[2],
          r3: after[3],
        },
      );
    const rows = await qb
      .orderBy(OPEN_RANK)
      .addOrderBy(LEVEL_RANK)
      .addOrderBy('a.created_at', 'DESC')
      .addOrderBy('a.id')
      .limit(limit + 1)
      .getRawMany<AlertRow>();
    await this.audit.byCaller(auth, 'alert.list', {
      entityType: 'alert',
      clientId: q.clientId ?? null,
    });
    return toPage(rows, limit, toSummary, (r) => [r.open_rank, r.level_rank, r.created_key, r.id]);
  }

  /**
   * Turns a screening's flags into alerts, as answers are saved and on submit. The caller holds
   * the screening's row lock, so saves of one screening never race here, and locks the item's
   * alerts, so an acknowledgement cannot slip between reading and raising. Per critical item:
   * - no alert yet: raise one at the flag's level;
   * - an open alert: a worse answer (higher level, or a worse option at the same level) raises
   *   its level in place; anything else leaves it as it is (a milder answer never closes it);
   * - only acknowledged alerts: a worse answer than the last acknowledged one raises a new
   *   alert at the new level, pointing back to it; anything else was already seen.
   * Every raise and escalation is audited.
   */
  async raise(
    s: AlertTarget,
    flags: readonly Flag[],
    from: 'draft' | 'submission',
    m: EntityManager,
  ): Promise<void> {
    for (const f of flags) {
      const rows = await m.query<
        { id: string; level: AlertLevel; rank: number; acknowledged_at: Date | null }[]
      >(
        `SELECT id, level, answer_rank::float8 AS rank, acknowledged_at FROM alerts
          WHERE screening_id = $1 AND link_id = $2
          ORDER BY (acknowledged_at IS NULL) DESC, created_at DESC
          FOR UPDATE`,
        [s.id, f.linkId],
      );
      const open = rows.find((r) => r.acknowledged_at === null);
      const lastAcknowledged = rows.find((r) => r.acknowledged_at !== null);
      const audit = (action: string, alertId: string, meta: Record<string, unknown>) =>
        this.audit.record(
          {
            action,
            practiceId: s.practiceId,
            entityType: 'alert',
            entityId: alertId,
            clientId: s.clientId,
            meta: { screeningId: s.id, linkId: f.linkId, reason: f.reason, from, ...meta },
          },
          m,
        );
      if (open) {
        if (!isWorse(f, { severity: open.level, rank: open.rank })) continue;
        await m.query(
          `UPDATE alerts SET level = $2, answer_rank = $3, reason = $4, message = $5, raised_from = $6,
                  escalated_at = now() WHERE id = $1`,
          [open.id, f.severity, f.rank, f.reason, f.message, from],
        );
        await audit('alert.escalate', open.id, { fromLevel: open.level, level: f.severity });
        continue;
      }
      if (
        lastAcknowledged &&
        !isWorse(f, { severity: lastAcknowledged.level, rank: lastAcknowledged.rank })
      )
        continue;
      const [inserted] = await m.query<{ id: string }[]>(
        `INSERT INTO alerts (practice_id, client_id, screening_id, link_id, level, answer_rank, reason, message,
                             raised_from, escalated_from_alert_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
        [
          s.practiceId,
          s.clientId,
          s.id,
          f.linkId,
          f.severity,
          f.rank,
          f.reason,
          f.message,
          from,
          lastAcknowledged?.id ?? null,
        ],
      );
      if (lastAcknowledged)
        await audit('alert.escalate', inserted!.id, {
          fromLevel: lastAcknowledged.level,
          level: f.severity,
          afterAcknowledged: lastAcknowledged.id,
        });
      else await audit('alert.raise', inserted!.id, { level: f.severity });
    }
  }

  /** Records the clinician's acknowledgement and note. Acknowledging twice returns the first. */
  async acknowledge(
    auth: AuthContext,
    id: string,
    dto: AcknowledgeAlertDto,
  ): Promise<AlertSummary> {
    return this.ds.transaction(async (m) => {
      const row = await this.query(auth, m)
        .andWhere('a.id = :id', { id })
        .setLock('pessimistic_write', undefined, ['a'])
        .getRawOne<AlertRow>();
      if (!row) throw notFound('That alert');
      if (!row.acknowledged_at) {
        await m.query(
          `UPDATE alerts SET acknowledged_at = now(), acknowledged_by_user_id = $2, acknowledgement_note = $3 WHERE id = $1`,
          [id, auth.userId, dto.note],
        );
        await this.audit.byCaller(
          auth,
          'alert.acknowledge',
          { entityType: 'alert', entityId: id, clientId: row.client_id },
          m,
        );
      }
      const fresh = await this.query(auth, m).andWhere('a.id = :id', { id }).getRawOne<AlertRow>();
      return toSummary(fresh!);
    });
  }
}
