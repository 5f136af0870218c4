import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { AuditEventSummary, Page } from '@attune/shared';
import { DataSource, type EntityManager } from 'typeorm';
import type { AuthContext } from '../common/auth-context.js';
import { decodeCursor, type PageQueryDto, pageSize, toPage } from '../common/pagination.js';

export interface AuditInput {
  action: string;
  practiceId?: string | null;
  actorUserId?: string | null;
  entityType?: string | null;
  entityId?: string | null;
  clientId?: string | null;
  ip?: string | null;
  meta?: Record<string, unknown>;
}

/** Append-only audit trail. Pass the transaction's manager so the event commits with the change. */
@Injectable()
export class AuditService {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async record(input: AuditInput, manager: EntityManager = this.ds.manager): Promise<void> {
    await manager.query(
      `INSERT INTO audit_events (action, practice_id, actor_user_id, entity_type, entity_id, client_id, ip, meta)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        input.action,
        input.practiceId ?? null,
        input.actorUserId ?? null,
        input.entityType ?? null,
        input.entityId ?? null,
        input.clientId ?? null,
        input.ip ?? null,
        JSON.stringify(input.meta ?? {}),
      ],
    );
  }

  /** Records an action taken by the signed-in caller. */
  async byCaller(
    auth: AuthContext,
    action: string,
    target: {
      entityType?: string;
      entityId?: string | null;
      clientId?: string | null;
      meta?: Record<string, unknown>;
    },
    manager?: EntityManager,
  ): Promise<void> {
    await this.record(
      { action, practiceId: auth.practiceId, actorUserId: auth.userId, ip: auth.ip, ...target },
      manager,
    );
  }

  async list(
    auth: AuthContext,
    q: PageQueryDto & { clientId?: string },
  ): Promise<Page<AuditEventSummary>> {
    const limit = pageSize(q);
    const after = decodeCursor(q.cursor, 2);
    const params: unknown[] = [auth.practiceId, limit + 1];
    let where = 'e.practice_id = $1';
    if (q.clientId) {
      params.push(q.clientId);
      where += ` AND e.client_id = $${params.length}`;
    }
    if (after) {
      params.push(after[0], after[1]);
      where += ` AND (e.created_at, e.id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`;
    }
    const rows: {
      id: string;
      action: string;
      actor_user_id: string | null;
      actor_name: string | null;
      entity_type: string | null;
      entity_id: string | null;
      client_id: string | null;
      ip: string | null;
      created_at: Date;
    }[] = await this.ds.query(
      `SELECT e.id, e.action, e.actor_user_id, u.display_name AS actor_name, e.entity_type, e.entity_id,
              e.client_id, e.ip, e.created_at
         FROM audit_events e LEFT JOIN users u ON u.id = e.actor_user_id
        WHERE ${where}
        ORDER BY e.created_at DESC, e.id DESC
        LIMIT $2`,
      params,
    );
    await this.byCaller(auth, 'audit.list', {
      entityType: 'audit_event',
      clientId: q.clientId ?? null,
    });
    return toPage(
      rows,
      limit,
      (r) => ({
        id: r.id,
        action: r.action,
        actor: r.actor_user_id ? { id: r.actor_user_id, displayName: r.actor_name ?? '' } : null,
        entityType: r.entity_type,
        entityId: r.entity_id,
        clientId: r.client_id,
        ip: r.ip,
        createdAt: r.created_at.toISOString(),
      }),
      (r) => [r.created_at.toISOString(), r.id],
    );
  }
}
