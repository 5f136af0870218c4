import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type AlertSummary, type Flag, isWorse, type Page } from '@attune/shared';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { AccessPolicy } from '../common/access/access.policy.js';
import type { AuthContext } from '../common/auth-context.js';
import { notFound } from '../common/errors.js';
import { decodeCursor, encodeCursor, pageSize } from '../common/pagination.js';
import { AlertsRepository } from './alerts.repository.js';
import type { AcknowledgeAlertDto, AlertListQueryDto } from './dto/screening.dto.js';

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
    private readonly access: AccessPolicy,
    private readonly alerts: AlertsRepository,
    private readonly audit: AuditService,
  ) {}

  /** Every alert one screening raised, open first, most urgent first (the caller's access already checked). */
  forScreening(
    auth: AuthContext,
    screeningId: string,
    manager?: EntityManager,
  ): Promise<AlertSummary[]> {
    return this.alerts.forScreening(this.access.clientScope(auth), screeningId, manager);
  }

  /** Alerts on clients the caller may see, in one query (therapists: their caseload). */
  async list(auth: AuthContext, q: AlertListQueryDto): Promise<Page<AlertSummary>> {
    const limit = pageSize(q);
    const after = decodeCursor(q.cursor, 4);
    const { items, keys } = await this.alerts.page(
      this.access.clientScope(auth),
      { status: q.status ?? 'open', clientId: q.clientId ?? null, after },
      limit + 1,
    );
    await this.audit.byCaller(auth, 'alert.list', {
      entityType: 'alert',
      clientId: q.clientId ?? null,
    });
    return {
      items: items.slice(0, limit),
      nextCursor: items.length > limit ? encodeCursor(keys[limit - 1]!) : null,
    };
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
      const rows = await this.alerts.forItemLocked(m, s.id, f.linkId);
      const open = rows.find((r) => r.acknowledged_at === null);
      const lastAcknowledged = rows.find((r) => r.acknowledged_at !== null);
      const audit = (
        action: 'alert.raise' | 'alert.escalate',
        alertId: string,
        meta: Record<string, unknown>,
      ) =>
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
        await this.alerts.escalate(m, open.id, f, from);
        await audit('alert.escalate', open.id, { fromLevel: open.level, level: f.severity });
        continue;
      }
      if (
        lastAcknowledged &&
        !isWorse(f, { severity: lastAcknowledged.level, rank: lastAcknowledged.rank })
      )
        continue;
      const inserted = await this.alerts.insert(
        m,
        { practiceId: s.practiceId, clientId: s.clientId, screeningId: s.id },
        f,
        from,
        lastAcknowledged?.id ?? null,
      );
      if (lastAcknowledged)
        await audit('alert.escalate', inserted, {
          fromLevel: lastAcknowledged.level,
          level: f.severity,
          afterAcknowledged: lastAcknowledged.id,
        });
      else await audit('alert.raise', inserted, { level: f.severity });
    }
  }

  /** Records the clinician's acknowledgement and note. Acknowledging twice returns the first. */
  async acknowledge(
    auth: AuthContext,
    id: string,
    dto: AcknowledgeAlertDto,
  ): Promise<AlertSummary> {
    return this.ds.transaction(async (m) => {
      await this.access.requireAccess(auth, 'alerts.acknowledge', id, m);
      const scope = this.access.clientScope(auth);
      const row = await this.alerts.one(scope, id, m, true);
      if (!row) throw notFound('That alert');
      if (!row.acknowledgedAt) {
        await this.alerts.acknowledge(m, id, auth.userId, dto.note);
        await this.audit.byCaller(
          auth,
          'alert.acknowledge',
          { entityType: 'alert', entityId: id, clientId: row.client.id },
          m,
        );
      }
      return (await this.alerts.one(scope, id, m))!;
    });
  }
}
