import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { AlertSummary, Page } from '@attune/shared';
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
  severity: 'urgent' | 'review';
  reason: 'answered' | 'declined';
  message: string;
  raised_from: 'draft' | 'submission';
  created_at: Date;
  acknowledged_at: Date | null;
  acknowledged_by: string | null;
  acknowledgement_note: string | null;
  open_rank: number;
  severity_rank: number;
  created_key: string;
}

function toSummary(r: AlertRow): AlertSummary {
  return {
    id: r.id,
    client: { id: r.client_id, displayName: r.client_name },
    screeningId: r.screening_id,
    instrumentTitle: r.instrument_title,
    linkId: r.link_id,
    severity: r.severity,
    reason: r.reason,
    message: r.message,
    raisedFrom: r.raised_from,
    createdAt: r.created_at.toISOString(),
    acknowledgedAt: r.acknowledged_at?.toISOString() ?? null,
    acknowledgedBy: r.acknowledged_by,
    acknowledgementNote: r.acknowledgement_note,
  };
}

// Open before acknowledged, urgent before review, newest first: the sort key is also the cursor.
const OPEN_RANK = '(CASE WHEN a.acknowledged_at IS NULL THEN 0 ELSE 1 END)';
const SEVERITY_RANK = "(CASE a.severity WHEN 'urgent' THEN 0 ELSE 1 END)";

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
         a.screening_id, i.title AS instrument_title, a.link_id, a.severity, a.reason, a.message, a.raised_from,
         a.created_at, a.acknowledged_at, u.display_name AS acknowledged_by, a.acknowledgement_note,
         ${OPEN_RANK} AS open_rank, ${SEVERITY_RANK} AS severity_rank,
         (-extract(epoch from a.created_at))::text AS created_key`,
      )
      .from('alerts', 'a')
      .innerJoin('clients', 'c', 'c.id = a.client_id')
      .innerJoin('screenings', 's', 's.id = a.screening_id')
      .innerJoin('instruments', 'i', 'i.id = s.instrument_id')
      .leftJoin('users', 'u', 'u.id = a.acknowledged_by_user_id');
    return this.access.scopeClients(qb, auth, 'c');
  }

  async openAlerts(auth: AuthContext, limit: number): Promise<AlertSummary[]> {
    const rows = await this.query(auth)
      .andWhere('a.acknowledged_at IS NULL')
      .orderBy(SEVERITY_RANK)
      .addOrderBy('a.created_at', 'DESC')
      .limit(limit)
      .getRawMany<AlertRow>();
    return rows.map(toSummary);
  }

  async list(auth: AuthContext, q: AlertListQueryDto): Promise<Page<AlertSummary>> {
    const limit = pageSize(q);
    const after = decodeCursor(q.cursor, 4);
    const qb = this.query(auth);
    if (q.status === 'open' || !q.status) qb.andWhere('a.acknowledged_at IS NULL');
    if (q.status === 'acknowledged') qb.andWhere('a.acknowledged_at IS NOT NULL');
    if (after)
      qb.andWhere(
        `(${OPEN_RANK}, ${SEVERITY_RANK}, -extract(epoch from a.created_at), a.id) > (:r0, :r1, :r2::numeric, :r3::uuid)`,
        {
          r0: after[0],
          r1: after[1],
          r2: after[2],
          r3: after[3],
        },
      );
    const rows = await qb
      .orderBy(OPEN_RANK)
      .addOrderBy(SEVERITY_RANK)
      .addOrderBy('a.created_at', 'DESC')
      .addOrderBy('a.id')
      .limit(limit + 1)
      .getRawMany<AlertRow>();
    await this.audit.byCaller(auth, 'alert.list', { entityType: 'alert' });
    return toPage(rows, limit, toSummary, (r) => [
      r.open_rank,
      r.severity_rank,
      r.created_key,
      r.id,
    ]);
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
