import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { AccountState, ClientStatus, ClientSummary, Page } from '@attune/shared';
import { DataSource, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { SessionsService } from '../auth/sessions.service.js';
import { AccessService } from '../common/access.service.js';
import { type AuthContext, hasRole } from '../common/auth-context.js';
import { AppError, badField, conflict, notFound } from '../common/errors.js';
import { decodeCursor, pageSize, toPage } from '../common/pagination.js';
import { Client } from './client.entity.js';
import type { ClientListQueryDto, CreateClientDto, UpdateClientDto } from './dto/client.dto.js';

interface ClientRow {
  id: string;
  first_name: string;
  last_name: string;
  preferred_name: string | null;
  pronouns: string | null;
  email: string | null;
  time_zone: string | null;
  status: ClientStatus;
  version: number;
  created_at: Date;
  therapist_id: string | null;
  therapist_name: string | null;
  user_id: string | null;
  user_disabled_at: Date | null;
  invited: boolean;
}

function accountState(r: ClientRow): AccountState {
  if (r.user_id) return r.user_disabled_at || r.status === 'inactive' ? 'disabled' : 'active';
  return r.invited ? 'invited' : 'none';
}

export function toClientSummary(r: ClientRow): ClientSummary {
  return {
    id: r.id,
    firstName: r.first_name,
    lastName: r.last_name,
    preferredName: r.preferred_name,
    pronouns: r.pronouns,
    email: r.email,
    timeZone: r.time_zone,
    status: r.status,
    account: accountState(r),
    primaryTherapist: r.therapist_id
      ? { id: r.therapist_id, displayName: r.therapist_name ?? '' }
      : null,
    createdAt: r.created_at.toISOString(),
    version: r.version,
  };
}

const COLUMNS = `c.id, c.first_name, c.last_name, c.preferred_name, c.pronouns, c.email, c.time_zone, c.status,
  c.version, c.created_at, c.primary_therapist_id AS therapist_id, tu.display_name AS therapist_name,
  c.user_id, cu.disabled_at AS user_disabled_at,
  EXISTS (SELECT 1 FROM invitations i WHERE i.client_id = c.id AND i.accepted_at IS NULL
           AND i.revoked_at IS NULL AND i.expires_at > now()) AS invited`;

@Injectable()
export class ClientsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly sessions: SessionsService,
  ) {}

  /** Client rows with therapist name and account state in a single query, scoped to the caller. */
  private summaries(
    auth: AuthContext,
    manager: EntityManager = this.ds.manager,
  ): SelectQueryBuilder<object> {
    const qb = manager
      .createQueryBuilder()
      .select(COLUMNS)
      .from('clients', 'c')
      .leftJoin('memberships', 'tm', 'tm.id = c.primary_therapist_id')
      .leftJoin('users', 'tu', 'tu.id = tm.user_id')
      .leftJoin('users', 'cu', 'cu.id = c.user_id');
    return this.access.scopeClients(qb, auth);
  }

  async list(auth: AuthContext, q: ClientListQueryDto): Promise<Page<ClientSummary>> {
    const limit = pageSize(q);
    const after = decodeCursor(q.cursor, 3);
    const qb = this.summaries(auth);
    if (q.q) {
      const like = `%${q.q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
      qb.andWhere(
        '(c.first_name ILIKE :like OR c.last_name ILIKE :like OR c.preferred_name ILIKE :like OR c.email ILIKE :like)',
        { like },
      );
    }
    if (q.status) qb.andWhere('c.status = :status', { status: q.status });
    if (after)
      qb.andWhere('(c.last_name, c.first_name, c.id) > (:a0, :a1, :a2::uuid)', {
        a0: after[0],
        a1: after[1],
        a2: after[2],
      });
    const rows = await qb
      // Matches the clients_practice_id_last_name_idx index, so a page costs the same at any size.
      .orderBy('c.last_name')
      .addOrderBy('c.first_name')
      .addOrderBy('c.id')
      .limit(limit + 1)
      .getRawMany<ClientRow>();
    await this.audit.byCaller(auth, 'client.list', {
      entityType: 'client',
      meta: { count: Math.min(rows.length, limit) },
    });
    return toPage(rows, limit, toClientSummary, (r) => [r.last_name, r.first_name, r.id]);
  }

  async summary(auth: AuthContext, id: string, manager?: EntityManager): Promise<ClientSummary> {
    const row = await this.summaries(auth, manager)
      .andWhere('c.id = :id', { id })
      .getRawOne<ClientRow>();
    if (!row) throw notFound('That client');
    return toClientSummary(row);
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
      const client = await m.save(
        m.create(Client, {
          practiceId: auth.practiceId,
          firstName: dto.firstName,
          lastName: dto.lastName,
          preferredName: dto.preferredName || null,
          pronouns: dto.pronouns || null,
          email: dto.email?.toLowerCase() || null,
          timeZone: dto.timeZone ?? null,
          primaryTherapistId: therapistId,
        }),
      );
      await this.audit.byCaller(
        auth,
        'client.create',
        { entityType: 'client', entityId: client.id, clientId: client.id },
        m,
      );
      return this.summary(auth, client.id, m);
    });
  }

  async update(auth: AuthContext, id: string, dto: UpdateClientDto): Promise<ClientSummary> {
    return this.ds.transaction(async (m) => {
      const client = await this.access.client(auth, id, m);
      const { version, ...changes } = dto;
      if (changes.primaryTherapistId !== undefined) {
        if (!hasRole(auth, 'admin'))
          throw new AppError(
            HttpStatus.FORBIDDEN,
            "Only a practice admin can change a client's therapist.",
          );
        if (changes.primaryTherapistId !== null)
          await this.assertTherapist(auth, changes.primaryTherapistId, m);
      }
      if (changes.email) changes.email = changes.email.toLowerCase();
      const set: Record<string, unknown> = { ...changes, version: () => 'version + 1' };
      const result = await m
        .createQueryBuilder()
        .update(Client)
        .set(set)
        .where('id = :id AND version = :version', { id, version })
        .execute();
      if (!result.affected) {
        throw conflict(
          'Someone else changed this client while you were editing. Here is the latest; please apply your change again.',
          await this.summary(auth, id, m),
        );
      }
      if (changes.status === 'inactive' && client.userId)
        await this.sessions.revokeAllForUser(client.userId, m);
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

  private async chooseTherapist(
    auth: AuthContext,
    requested: string | undefined,
    m: EntityManager,
  ): Promise<string | null> {
    if (!hasRole(auth, 'admin')) {
      // A therapist adds clients to their own caseload only.
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
    const [row] = await m.query<unknown[]>(
      `SELECT 1 FROM memberships m JOIN users u ON u.id = m.user_id
        WHERE m.id = $1 AND m.practice_id = $2 AND 'therapist' = ANY(m.roles) AND u.disabled_at IS NULL`,
      [memberId, auth.practiceId],
    );
    if (!row)
      throw badField(
        'primaryTherapistId',
        'primaryTherapistId is not an active therapist in your practice',
      );
  }
}
