import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { AuditAction, AuditEventSummary } from '@attune/shared';
import { DataSource, type EntityManager } from 'typeorm';
import { run, statement } from '../database/statements.js';

export interface AuditInput {
  action: AuditAction;
  practiceId?: string | null;
  actorUserId?: string | null;
  entityType?: string | null;
  entityId?: string | null;
  clientId?: string | null;
  ip?: string | null;
  meta?: Record<string, unknown>;
}

interface AuditRow {
  id: string;
  action: AuditAction;
  actor_user_id: string | null;
  actor_name: string | null;
  entity_type: string | null;
  entity_id: string | null;
  client_id: string | null;
  ip: string | null;
  created_at: Date;
}

export const AUDIT_INSERT = statement(
  'audit_insert',
  `INSERT INTO audit_events (action, practice_id, actor_user_id, entity_type, entity_id, client_id, ip, meta)
   VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
);

export function auditValues(input: AuditInput): unknown[] {
  return [
    input.action,
    input.practiceId ?? null,
    input.actorUserId ?? null,
    input.entityType ?? null,
    input.entityId ?? null,
    input.clientId ?? null,
    input.ip ?? null,
    JSON.stringify(input.meta ?? {}),
  ];
}

/** The audit_events table: INSERT and SELECT only (the app's role may do nothing else). */
@Injectable()
export class AuditRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async insert(input: AuditInput, m?: EntityManager): Promise<void> {
    await run(this.ds, AUDIT_INSERT, auditValues(input), m);
  }

  /** A page of the practice's trail, newest first (keyset on created_at, id). */
  async page(
    practiceId: string,
    clientId: string | null,
    after: (string | number)[] | null,
    limit: number,
  ): Promise<{ items: AuditEventSummary[]; keys: [string, string][] }> {
    const rows = await this.ds.query<AuditRow[]>(
      `SELECT e.id, e.action, e.actor_user_id, u.display_name AS actor_name, e.entity_type, e.entity_id,
              e.client_id, e.ip, e.created_at
         FROM audit_events e LEFT JOIN users u ON u.id = e.actor_user_id
        WHERE e.practice_id = $1 AND ($3::uuid IS NULL OR e.client_id = $3)
          AND ($4::timestamptz IS NULL OR (e.created_at, e.id) < ($4::timestamptz, $5::uuid))
        ORDER BY e.created_at DESC, e.id DESC
        LIMIT $2`,
      [practiceId, limit, clientId, after?.[0] ?? null, after?.[1] ?? null],
    );
    return {
      items: rows.map((r) => ({
        id: r.id,
        action: r.action,
        actor: r.actor_user_id ? { id: r.actor_user_id, displayName: r.actor_name ?? '' } : null,
        entityType: r.entity_type,
        entityId: r.entity_id,
        clientId: r.client_id,
        ip: r.ip,
        createdAt: r.created_at.toISOString(),
      })),
      keys: rows.map((r) => [r.created_at.toISOString(), r.id]),
    };
  }
}
