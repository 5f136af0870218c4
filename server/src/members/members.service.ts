import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { MemberSummary, Page } from '@attune/shared';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { MfaRepository } from '../auth/mfa.repository.js';
import { SessionsService } from '../auth/sessions.service.js';
import { UsersRepository } from '../auth/users.repository.js';
import { AccessPolicy } from '../common/access/access.policy.js';
import type { AuthContext } from '../common/auth-context.js';
import { AppError } from '../common/errors.js';
import { decodeCursor, type PageQueryDto, pageSize, toPage } from '../common/pagination.js';
import type { UpdateMemberDto } from './dto/member.dto.js';
import { MembersRepository, toMemberSummary } from './members.repository.js';

@Injectable()
export class MembersService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly access: AccessPolicy,
    private readonly members: MembersRepository,
    private readonly users: UsersRepository,
    private readonly sessions: SessionsService,
    private readonly audit: AuditService,
    private readonly mfa: MfaRepository,
  ) {}

  /** Two queries, whatever the practice size: members ordered by name, and who has a second step. */
  async list(auth: AuthContext, q: PageQueryDto): Promise<Page<MemberSummary>> {
    const limit = pageSize(q);
    const rows = await this.members.page(auth.practiceId, decodeCursor(q.cursor, 2), limit + 1);
    const withMfa = await this.mfa.enabledAmong(rows.map((r) => r.user_id));
    return toPage(
      rows,
      limit,
      (r) => ({ ...toMemberSummary(r), mfa: withMfa.has(r.user_id) }),
      (r) => [r.display_name.toLowerCase(), r.id],
    );
  }

  async update(auth: AuthContext, id: string, dto: UpdateMemberDto): Promise<MemberSummary> {
    return this.ds.transaction(async (m) => {
      await this.access.requireAccess(auth, 'members.update', id, m);
      const member = (await this.members.find(auth.practiceId, id, m))!;
      const self = member.id === auth.memberId;
      if (self && dto.active === false)
        throw new AppError(
          HttpStatus.CONFLICT,
          'cannot_deactivate_self',
          'You cannot deactivate your own account. Ask another admin to do it.',
        );
      if (self && dto.roles && !dto.roles.includes('admin'))
        throw new AppError(
          HttpStatus.CONFLICT,
          'cannot_drop_own_admin',
          'You cannot remove your own admin role. Ask another admin to do it.',
        );

      if (dto.roles) {
        await this.members.setRoles(m, id, dto.roles);
        member.roles = dto.roles;
      }
      if (dto.active !== undefined) {
        await this.users.setActive(m, member.user_id, dto.active);
        // Deactivation takes effect at once: every session of theirs ends now.
        if (!dto.active) await this.sessions.revokeAllForUser(member.user_id, m);
        member.disabled_at = dto.active ? null : (member.disabled_at ?? new Date());
      }
      await this.assertAnAdminRemains(auth, m);
      await this.audit.byCaller(
        auth,
        'member.update',
        { entityType: 'membership', entityId: id, meta: { roles: dto.roles, active: dto.active } },
        m,
      );
      return toMemberSummary(member);
    });
  }

  private async assertAnAdminRemains(auth: AuthContext, m: EntityManager): Promise<void> {
    const { admins } = await this.members.counts(auth.practiceId, m);
    if (admins < 1)
      throw new AppError(
        HttpStatus.CONFLICT,
        'last_admin',
        'A practice needs at least one active admin.',
      );
  }
}
