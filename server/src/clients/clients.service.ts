import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { ClientSummary, Page } from '@attune/shared';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { SessionsService } from '../auth/sessions.service.js';
import { UsersRepository } from '../auth/users.repository.js';
import { AccessPolicy } from '../common/access/access.policy.js';
import type { AuthContext } from '../common/auth-context.js';
import { badField, conflict, notFound } from '../common/errors.js';
import { decodeCursor, encodeCursor, pageSize } from '../common/pagination.js';
import { MembersRepository } from '../members/members.repository.js';
import { AppointmentsService } from '../scheduling/appointments.service.js';
import { ClientsRepository } from './clients.repository.js';
import type {
  ClientListQueryDto,
  CreateClientDto,
  DeactivateClientDto,
  UpdateClientDto,
} from './dto/client.dto.js';

@Injectable()
export class ClientsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly access: AccessPolicy,
    private readonly clients: ClientsRepository,
    private readonly members: MembersRepository,
    private readonly audit: AuditService,
    private readonly sessions: SessionsService,
    private readonly users: UsersRepository,
    private readonly appointments: AppointmentsService,
  ) {}

  async list(auth: AuthContext, q: ClientListQueryDto): Promise<Page<ClientSummary>> {
    const limit = pageSize(q);
    const after = decodeCursor(q.cursor, 3);
    const like = q.q ? `%${q.q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%` : null;
    const { rows, keys } = await this.clients.page(
      this.access.clientScope(auth),
      { like, status: q.status ?? null, pastRetention: q.pastRetention === 'true', after },
      limit + 1,
    );
    await this.audit.byCaller(auth, 'client.list', {
      entityType: 'client',
      meta: { count: Math.min(rows.length, limit) },
    });
    const more = rows.length > limit;
    return {
      items: rows.slice(0, limit),
      nextCursor: more ? encodeCursor(keys[limit - 1]!) : null,
    };
  }

  /** The caller's view of one client (404 when out of reach). */
  private async summary(
    auth: AuthContext,
    id: string,
    manager?: EntityManager,
  ): Promise<ClientSummary> {
    const found = await this.clients.summary(this.access.clientScope(auth), id, manager);
    if (!found) throw notFound('That client');
    return found;
  }

  async get(auth: AuthContext, id: string): Promise<ClientSummary> {
    const summary = await this.summary(auth, id);
    await this.audit.byCaller(auth, 'client.read', {
      entityType: 'client',
      entityId: id,
      clientId: id,
    });
    return summary;
  }

  async create(auth: AuthContext, dto: CreateClientDto): Promise<ClientSummary> {
    return this.ds.transaction(async (m) => {
      const therapistId = await this.chooseTherapist(auth, dto.primaryTherapistId, m);
      const id = await this.clients.insert(m, {
        practiceId: auth.practiceId,
        firstName: dto.firstName,
        lastName: dto.lastName,
        preferredName: dto.preferredName || null,
        pronouns: dto.pronouns || null,
        email: dto.email?.toLowerCase() || null,
        timeZone: dto.timeZone ?? null,
        primaryTherapistId: therapistId,
      });
      await this.audit.byCaller(
        auth,
        'client.create',
        { entityType: 'client', entityId: id, clientId: id },
        m,
      );
      return this.summary(auth, id, m);
    });
  }

  async update(auth: AuthContext, id: string, dto: UpdateClientDto): Promise<ClientSummary> {
    return this.ds.transaction(async (m) => {
      await this.access.requireAccess(auth, 'clients.update', id, m);
      const { version, ...changes } = dto;
      if (changes.primaryTherapistId !== undefined) {
        await this.access.requireAccess(auth, 'clients.reassign');
        if (changes.primaryTherapistId !== null)
          await this.assertTherapist(auth, changes.primaryTherapistId, m);
      }
      if (changes.email) changes.email = changes.email.toLowerCase();
      if (!(await this.clients.update(m, id, version, changes))) {
        throw conflict(
          'client_changed',
          'Someone else changed this client while you were editing. Here is the latest; please apply your change again.',
          await this.summary(auth, id, m),
        );
      }
      await this.audit.byCaller(
        auth,
        'client.update',
        {
          entityType: 'client',
          entityId: id,
          clientId: id,
          meta: { fields: Object.keys(changes) },
        },
        m,
      );
      return this.summary(auth, id, m);
    });
  }

  /**
   * Closes a client's record: they can no longer sign in, their sessions end at once, and their
   * upcoming sessions are cancelled (only the ones the admin was shown, see
   * `cancelUpcomingForClient`). Nothing clinical is deleted or changed; open screeners and
   * readings simply stay where they are, out of the client's reach while the record is closed.
   * Closing a closed record changes nothing.
   */
  async deactivate(
    auth: AuthContext,
    id: string,
    dto: DeactivateClientDto,
  ): Promise<ClientSummary> {
    return this.ds.transaction(async (m) => {
      await this.access.requireAccess(auth, 'clients.close', id, m);
      await this.clients.lock(id, m);
      const client = (await this.clients.record(id, m))!;
      if (client.status === 'inactive') return this.summary(auth, id, m);
      const cancelled = await this.appointments.cancelUpcomingForClient(
        auth,
        id,
        dto.cancelSessionIds,
        m,
      );
      await this.clients.setOpen(m, id, false);
      if (client.userId) {
        await this.users.setActive(m, client.userId, false);
        await this.sessions.revokeAllForUser(client.userId, m);
      }
      await this.audit.byCaller(
        auth,
        'client.deactivate',
        {
          entityType: 'client',
          entityId: id,
          clientId: id,
          meta: { cancelledSessions: cancelled },
        },
        m,
      );
      return this.summary(auth, id, m);
    });
  }

  /** Reopens a closed record: the client may sign in again (with the password they had). */
  async reactivate(auth: AuthContext, id: string): Promise<ClientSummary> {
    return this.ds.transaction(async (m) => {
      await this.access.requireAccess(auth, 'clients.close', id, m);
      await this.clients.lock(id, m);
      const client = (await this.clients.record(id, m))!;
      if (client.status === 'active') return this.summary(auth, id, m);
      await this.clients.setOpen(m, id, true);
      if (client.userId) await this.users.setActive(m, client.userId, true);
      await this.audit.byCaller(
        auth,
        'client.reactivate',
        { entityType: 'client', entityId: id, clientId: id },
        m,
      );
      return this.summary(auth, id, m);
    });
  }

  /** A therapist adds clients to their own caseload only; an admin picks any active therapist. */
  private async chooseTherapist(
    auth: AuthContext,
    requested: string | undefined,
    m: EntityManager,
  ): Promise<string | null> {
    if (!this.access.can(auth, 'clients.reassign')) {
      if (requested && requested !== auth.memberId)
        throw badField('primaryTherapistId', 'primaryTherapistId can only be yourself');
      return auth.memberId;
    }
    if (!requested) return null;
    await this.assertTherapist(auth, requested, m);
    return requested;
  }

  private async assertTherapist(
    auth: AuthContext,
    memberId: string,
    m: EntityManager,
  ): Promise<void> {
    const therapist = await this.members.therapist(auth.practiceId, memberId, m);
    if (!therapist?.active)
      throw badField(
        'primaryTherapistId',
        'primaryTherapistId is not an active therapist in your practice',
      );
  }
}
