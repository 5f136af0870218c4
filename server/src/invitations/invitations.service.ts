import { HttpStatus, Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  INVITATION_TTL_MS,
  type InvitationCreated,
  type InvitationPreview,
  type InvitationSummary,
  type Page,
} from '@attune/shared';
import type { FastifyRequest } from 'fastify';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { hashPassword } from '../auth/passwords.js';
import { hashToken, newToken } from '../auth/tokens.js';
import { User } from '../auth/user.entity.js';
import { AccessService } from '../common/access.service.js';
import { type AuthContext, hasRole } from '../common/auth-context.js';
import { AppError, badField, conflict, notFound } from '../common/errors.js';
import { decodeCursor, type PageQueryDto, pageSize, toPage } from '../common/pagination.js';
import { APP_CONFIG, type AppConfig } from '../config.js';
import { Membership } from '../members/membership.entity.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import type { AcceptInvitationDto, CreateInvitationDto } from './dto/invitation.dto.js';
import { Invitation } from './invitation.entity.js';

const GONE =
  'This invitation link has expired or was already used. If you already set your password, you can sign in. ' +
  'Otherwise, please ask your practice for a new link.';

function toSummary(i: Invitation): InvitationSummary {
  return {
    id: i.id,
    kind: i.kind,
    email: i.email,
    displayName: i.displayName,
    roles: i.roles,
    clientId: i.clientId,
    expiresAt: i.expiresAt.toISOString(),
    createdAt: i.createdAt.toISOString(),
    acceptedAt: i.acceptedAt?.toISOString() ?? null,
    revokedAt: i.revokedAt?.toISOString() ?? null,
  };
}

@Injectable()
export class InvitationsService {
  private readonly logger = new Logger('Invitations');

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly notifications: NotificationsService,
  ) {}

  async create(
    auth: AuthContext,
    dto: CreateInvitationDto,
    req: FastifyRequest,
  ): Promise<InvitationCreated> {
    const token = newToken();
    const link = `${this.baseUrl(req)}/invite/${token}`;
    const invitation = await this.ds.transaction(async (m) => {
      const target =
        dto.kind === 'member'
          ? this.memberTarget(auth, dto)
          : await this.clientTarget(auth, dto, m);
      // An address that already has an account is invited like any other (the answer must not
      // tell a stranger that this person uses Attune): the email itself tells its owner. The
      // invitation stays pending until it expires or is revoked; its link cannot be used.
      const known = await m.existsBy(User, { email: target.email });
      // A fresh invitation replaces any earlier unused one for the same person.
      await m.query(
        `UPDATE invitations SET revoked_at = now()
          WHERE practice_id = $1 AND email = $2 AND accepted_at IS NULL AND revoked_at IS NULL`,
        [auth.practiceId, target.email],
      );
      const saved = await m.save(
        m.create(Invitation, {
          practiceId: auth.practiceId,
          tokenHash: hashToken(token),
          kind: dto.kind,
          email: target.email,
          displayName: target.displayName,
          roles: target.roles,
          clientId: target.clientId,
          invitedByUserId: auth.userId,
          expiresAt: new Date(Date.now() + INVITATION_TTL_MS),
        }),
      );
      await this.audit.byCaller(
        auth,
        'invitation.create',
        {
          entityType: 'invitation',
          entityId: saved.id,
          clientId: target.clientId,
          meta: { kind: dto.kind, roles: target.roles },
        },
        m,
      );
      const [practice] = await m.query<
        {
          name: string;
        }[]
      >('SELECT name FROM practices WHERE id = $1', [auth.practiceId]);
      await this.notifications.enqueue(
        known
          ? {
              practiceId: auth.practiceId,
              kind: 'invitation_existing',
              to: target.email,
              subject: `You're invited to ${practice!.name} on Attune`,
              text:
                `Hello ${target.displayName},\n\n${auth.displayName} invited you to ${practice!.name} on Attune.\n` +
                `This email address already has an Attune account, and for now one account can belong ` +
                `to only one practice. If you would like to join ${practice!.name}, please ask them to ` +
                `invite a different email address of yours.\n\n` +
                `If you did not expect this, you can ignore this email.`,
            }
          : {
              practiceId: auth.practiceId,
              kind: 'invitation',
              to: target.email,
              subject: `You're invited to ${practice!.name} on Attune`,
              text:
                `Hello ${target.displayName},\n\n${auth.displayName} invited you to ${practice!.name} on Attune.\n` +
                `Open this link to choose your password. It works once and expires in 7 days:\n\n${link}\n\n` +
                `If you did not expect this, you can ignore this email.`,
            },
        m,
      );
      return saved;
    });
    if (this.config.logInvitationLinks)
      this.logger.log(`Invitation for ${invitation.email}: ${link}`);
    return { ...toSummary(invitation), link };
  }

  private memberTarget(auth: AuthContext, dto: CreateInvitationDto) {
    if (!hasRole(auth, 'admin'))
      throw new AppError(HttpStatus.FORBIDDEN, 'Only a practice admin can invite team members.');
    if (dto.clientId !== undefined)
      throw badField('clientId', 'clientId is only for client invitations');
    return {
      email: dto.email!.toLowerCase(),
      displayName: dto.displayName!,
      roles: dto.roles!,
      clientId: null,
    };
  }

  private async clientTarget(auth: AuthContext, dto: CreateInvitationDto, m: EntityManager) {
    for (const f of ['email', 'displayName', 'roles'] as const)
      if (dto[f] !== undefined)
        throw badField(f, `${f} is taken from the client record for client invitations`);
    const client = await this.access.client(auth, dto.clientId!, m);
    if (client.userId) throw conflict('This client already has an account.');
    if (client.status !== 'active')
      throw conflict('This client is inactive. Make them active before inviting them.');
    if (!client.email)
      throw badField('clientId', "Add an email address to this client's record first");
    return {
      email: client.email.toLowerCase(),
      displayName: client.preferredName || client.firstName,
      roles: [],
      clientId: client.id,
    };
  }

  async list(auth: AuthContext, q: PageQueryDto): Promise<Page<InvitationSummary>> {
    const limit = pageSize(q);
    const after = decodeCursor(q.cursor, 2);
    const qb = this.ds
      .createQueryBuilder(Invitation, 'i')
      .where('i.practice_id = :p', { p: auth.practiceId })
      .andWhere('i.accepted_at IS NULL AND i.revoked_at IS NULL AND i.expires_at > now()');
    if (!hasRole(auth, 'admin')) {
      qb.andWhere(
        '(i.invited_by_user_id = :u OR i.client_id IN (SELECT id FROM clients WHERE primary_therapist_id = :mem))',
        { u: auth.userId, mem: auth.memberId },
      );
    }
    if (after)
      qb.andWhere('(i.created_at, i.id) < (:c0::timestamptz, :c1::uuid)', {
        c0: after[0],
        c1: after[1],
      });
    const rows = await qb
      .orderBy('i.created_at', 'DESC')
      .addOrderBy('i.id', 'DESC')
      .limit(limit + 1)
      .getMany();
    return toPage(rows, limit, toSummary, (i) => [i.createdAt.toISOString(), i.id]);
  }

  async revoke(auth: AuthContext, id: string): Promise<void> {
    const inv = await this.ds.manager.findOneBy(Invitation, { id, practiceId: auth.practiceId });
    if (!inv) throw notFound('That invitation');
    if (!hasRole(auth, 'admin')) {
      const ownClient = inv.clientId
        ? await this.access.client(auth, inv.clientId).then(
            () => true,
            () => false,
          )
        : false;
      if (inv.invitedByUserId !== auth.userId && !ownClient) throw notFound('That invitation');
    }
    await this.ds.transaction(async (m) => {
      await m.query(
        'UPDATE invitations SET revoked_at = coalesce(revoked_at, now()) WHERE id = $1',
        [id],
      );
      await this.audit.byCaller(
        auth,
        'invitation.revoke',
        { entityType: 'invitation', entityId: id, clientId: inv.clientId },
        m,
      );
    });
  }

  private async pending(token: string, m: EntityManager, lock: boolean): Promise<Invitation> {
    if (token.length > 200) throw notFound();
    const qb = m
      .createQueryBuilder(Invitation, 'i')
      .innerJoinAndSelect('i.practice', 'p')
      .where('i.token_hash = :h', { h: hashToken(token) })
      .andWhere('i.accepted_at IS NULL AND i.revoked_at IS NULL AND i.expires_at > now()');
    if (lock) qb.setLock('pessimistic_write', undefined, ['i']);
    const inv = await qb.getOne();
    if (!inv) throw new AppError(HttpStatus.NOT_FOUND, GONE);
    return inv;
  }

  async preview(token: string): Promise<InvitationPreview> {
    const inv = await this.pending(token, this.ds.manager, false);
    return {
      kind: inv.kind,
      email: inv.email,
      displayName: inv.displayName,
      practiceName: inv.practice.name,
      expiresAt: inv.expiresAt.toISOString(),
    };
  }

  /** Sets the password and links the new account; single use (row lock), inside the caller's transaction. */
  async accept(token: string, dto: AcceptInvitationDto, ip: string | null, m: EntityManager) {
    const inv = await this.pending(token, m, true);
    // Answered like a used link: whoever holds it learns nothing about the address's owner.
    if (await m.existsBy(User, { email: inv.email }))
      throw new AppError(HttpStatus.NOT_FOUND, GONE);
    const user = await m.save(
      m.create(User, {
        email: inv.email,
        displayName: dto.displayName ?? inv.displayName,
        passwordHash: await hashPassword(dto.password),
      }),
    );
    if (inv.kind === 'member') {
      await m.save(
        m.create(Membership, { practiceId: inv.practiceId, userId: user.id, roles: inv.roles }),
      );
    } else {
      const [, linked] = await m.query<[unknown[], number]>(
        `UPDATE clients SET user_id = $1, version = version + 1, updated_at = now()
          WHERE id = $2 AND practice_id = $3 AND user_id IS NULL AND status = 'active' RETURNING id`,
        [user.id, inv.clientId, inv.practiceId],
      );
      if (!linked) throw new AppError(HttpStatus.NOT_FOUND, GONE);
    }
    await m.update(Invitation, { id: inv.id }, { acceptedAt: () => 'now()' });
    await this.audit.record(
      {
        action: 'invitation.accept',
        practiceId: inv.practiceId,
        actorUserId: user.id,
        entityType: 'invitation',
        entityId: inv.id,
        clientId: inv.clientId,
        ip,
      },
      m,
    );
    return { id: user.id, practiceId: inv.practiceId };
  }

  /** PUBLIC_URL (or the server's own address in development), never a request's Host header. */
  private baseUrl(_req: FastifyRequest): string {
    return this.config.publicUrl;
  }
}
