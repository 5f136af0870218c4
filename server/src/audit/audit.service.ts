import { Injectable } from '@nestjs/common';
import type { AuditAction, AuditEventSummary, Page } from '@attune/shared';
import type { EntityManager } from 'typeorm';
import type { AuthContext } from '../common/auth-context.js';
import { decodeCursor, encodeCursor, type PageQueryDto, pageSize } from '../common/pagination.js';
import { type AuditInput, AuditRepository } from './audit.repository.js';
import { AuditTrail } from '../common/audit-trail.js';

export type { AuditInput } from './audit.repository.js';

/** Append-only audit trail. Pass the transaction's manager so the event commits with the change. */
@Injectable()
export class AuditService {
  constructor(private readonly events: AuditRepository) {}

  async record(input: AuditInput, manager?: EntityManager): Promise<void> {
    await this.events.insert(input, manager);
    AuditTrail.recorded(input.action);
  }

  /** Records an action taken by the signed-in caller. */
  async byCaller(
    auth: AuthContext,
    action: AuditAction,
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
    const { items, keys } = await this.events.page(
      auth.practiceId,
      q.clientId ?? null,
      decodeCursor(q.cursor, 2),
      limit + 1,
    );
    await this.byCaller(auth, 'audit.list', {
      entityType: 'audit_event',
      clientId: q.clientId ?? null,
    });
    return {
      items: items.slice(0, limit),
      nextCursor: items.length > limit ? encodeCursor(keys[limit - 1]!) : null,
    };
  }
}
