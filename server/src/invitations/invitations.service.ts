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
import { UsersRepository } from '../auth/users.repository.js';
import { ClientsRepository } from '../clients/clients.repository.js';
import { AccessPolicy } from '../common/access/access.policy.js';
import type { AuthContext } from '../common/auth-context.js';
import { AppError, badField, conflict, notFound } from '../common/errors.js';
import { decodeCursor, type PageQueryDto, pageSize, toPage } from '../common/pagination.js';
import { APP_CONFIG, type AppConfig } from '../config.js';
import { MembersRepository } from '../members/members.repository.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import type { AcceptInvitationDto, CreateInvitationDto } from './dto/invitation.dto.js';
import type { Invitation } from './invitation.entity.js';
import { InvitationsRepository } from './invitations.repository.js';
import { PracticesRepository } from '../practices/practices.repository.js';

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
    private readonly access: AccessPolicy,
    private readonly invitations: InvitationsRepository,
    private readonly clients: ClientsRepository,
    private readonly users: UsersRepository,
    private readonly members: MembersRepository,
    private readonly practices: PracticesRepository,
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
          ? await this.memberTarget(auth, dto)
          : await this.clientTarget(auth, dto, m);
      // An address that already has an account is invited like any other (the answer must not
      // tell a stranger that this person uses Attune): the email itself tells its owner. The
      // invitation stays pending until it expires or is revoked; its link cannot be used.
      const known = await this.users.exists(target.email, m);
      await this.invitations.revokePendingFor(m, auth.practiceId, target.email);
      const saved = await this.invitations.insert(m, {
        practiceId: auth.practiceId,
        tokenHash: hashToken(token),
        kind: dto.kind,
        email: target.email,
        displayName: target.displayName,
        roles: target.roles,
        clientId: target.clientId,
        invitedByUserId: auth.userId,
        expiresAt: new Date(Date.now() + INVITATION_TTL_MS),
      });
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
      const practice = await this.practices.profile(auth.practiceId, m);
      await this.notifications.enqueue(
        known
          ? {
              practiceId: auth.practiceId,
              kind: 'invitation_existing',
              to: target.email,
              subject: `You're invited to ${practice.name} on Attune`,
              text:
                `Hello ${target.displayName},\n\n${auth.displayName} invited you to ${practice.name} on Attune.\n` +
                `This email address already has an Attune account, and for now one account can belong ` +
                `to only one practice. If you would like to join ${practice.name}, please ask them to ` +
                `invite a different email address of yours.\n\n` +
                `If you did not expect this, you can ignore this email.`,
            }
          : {
              practiceId: auth.practiceId,
              kind: 'invitation',
              to: target.email,
              subject: `You're invited to ${practice.name} on Attune`,
              text:
                `Hello ${target.displayName},\n\n${auth.displayName} invited you to ${practice.name} on Attune.\n` +
                `Open this link to choose your password. It works once and expires in 7 days:\n\n${link}\n\n` +
                `If you did not expect this, you can ignore this email.`,
            },
        m,
      );
      return saved;
    });
    if (this.config.logInvitationLinks)
      this.logger.log(`Invitation for ${invitation.email}: ${link}`);
    // Say what really happens to the email: sent by the server's mail, or kept in the Mail page.
    return { ...toSummary(invitation), link, delivery: this.config.smtpUrl ? 'email' : 'mailbox' };
  }

  private async memberTarget(auth: AuthContext, dto: CreateInvitationDto) {
    await this.access.requireAccess(auth, 'members.invite');
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
    await this.access.requireAccess(auth, 'clients.invite', dto.clientId, m);
    const client = (await this.clients.record(dto.clientId!, m))!;
    if (client.userId) throw conflict('client_has_account', 'This client already has an account.');
    if (client.status !== 'active')
      throw conflict(
        'client_inactive',
        'This client is inactive. Make them active before inviting them.',
      );
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
    const rows = await this.invitations.page(this.access.invitationScope(auth), after, limit + 1);
    // A client invitation names the client and their email: listing them is on the trail.
    await this.audit.byCaller(auth, 'invitation.list', {
      entityType: 'invitation',
      meta: { count: Math.min(rows.length, limit) },
    });
    return toPage(rows, limit, toSummary, (i) => [i.createdAt.toISOString(), i.id]);
  }

  async revoke(auth: AuthContext, id: string): Promise<void> {
    await this.access.requireAccess(auth, 'invitations.revoke', id);
    const inv = (await this.invitations.find(id, auth.practiceId))!;
    await this.ds.transaction(async (m) => {
      await this.invitations.revoke(m, id);
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
    const inv = await this.invitations.pending(hashToken(token), m, lock);
    if (!inv) throw new AppError(HttpStatus.NOT_FOUND, 'invitation_gone', GONE);
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
    if (await this.users.exists(inv.email, m))
      throw new AppError(HttpStatus.NOT_FOUND, 'invitation_gone', GONE);
    const user = await this.users.insert(m, {
      email: inv.email,
      displayName: dto.displayName ?? inv.displayName,
      passwordHash: await hashPassword(dto.password),
    });
    if (inv.kind === 'member') {
      await this.members.insert(m, inv.practiceId, user.id, inv.roles);
    } else {
      const linked = await this.clients.linkUser(m, inv.clientId!, inv.practiceId, user.id);
      if (!linked) throw new AppError(HttpStatus.NOT_FOUND, 'invitation_gone', GONE);
    }
    await this.invitations.markAccepted(m, inv.id);
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
