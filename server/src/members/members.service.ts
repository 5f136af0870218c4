import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { MemberSummary, Page, StaffRole } from '@attune/shared';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { SessionsService } from '../auth/sessions.service.js';
import type { AuthContext } from '../common/auth-context.js';
import { AppError, notFound } from '../common/errors.js';
import { decodeCursor, type PageQueryDto, pageSize, toPage } from '../common/pagination.js';
import type { UpdateMemberDto } from './dto/member.dto.js';

interface MemberRow {
  id: string;
  user_id: string;
  email: string;
  display_name: string;
  roles: StaffRole[];
  disabled_at: Date | null;
  created_at: Date;
}

const SELECT = `SELECT m.id, m.user_id, u.email, u.display_name, m.roles, u.disabled_at, m.created_at
                  FROM memberships m JOIN users u ON u.id = m.user_id`;

function toSummary(r: MemberRow): MemberSummary {
  return {
    id: r.id,
    userId: r.user_id,
    email: r.email,
    displayName: r.display_name,
    roles: r.roles,
    account: r.disabled_at ? 'disabled' : 'active',
    createdAt: r.created_at.toISOString(),
  };
}

@Injectable()
export class MembersService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly sessions: SessionsService,
    private readonly audit: AuditService,
  ) {}

  /** One query, whatever the practice size: members ordered by name. */
  async list(auth: AuthContext, q: PageQueryDto): Promise<Page<MemberSummary>> {
    const limit = pageSize(q);
    const after = decodeCursor(q.cursor, 2);
    const params: unknown[] = [auth.practiceId, limit + 1];
    let where = 'm.practice_id = $1';
    if (after) {
      params.push(after[0], after[1]);
      where += ' AND (lower(u.display_name), m.id) > ($3, $4::uuid)';
    }
    const rows: MemberRow[] = await this.ds.query(
      `${SELECT} WHERE ${where} ORDER BY lower(u.display_name), m.id LIMIT $2`,
      params,
    );
    return toPage(rows, limit, toSummary, (r) => [r.display_name.toLowerCase(), r.id]);
  }

  async findInPractice(
    auth: AuthContext,
    id: string,
    manager: EntityManager = this.ds.manager,
  ): Promise<MemberRow> {
    const [row] = await manager.query<MemberRow[]>(
      `${SELECT} WHERE m.id = $1 AND m.practice_id = $2`,
      [id, auth.practiceId],
    );
    if (!row) throw notFound('That team member');
    return row;
  }

  async update(auth: AuthContext, id: string, dto: UpdateMemberDto): Promise<MemberSummary> {
    return this.ds.transaction(async (m) => {
      const member = await this.findInPractice(auth, id, m);
      const self = member.id === auth.memberId;
      if (self && dto.active === false)
        throw new AppError(
          HttpStatus.CONFLICT,
          'You cannot deactivate your own account. Ask another admin to do it.',
        );
      if (self && dto.roles && !dto.roles.includes('admin'))
        throw new AppError(
          HttpStatus.CONFLICT,
          'You cannot remove your own admin role. Ask another admin to do it.',
        );

      if (dto.roles) {
        await m.query('UPDATE memberships SET roles = $1 WHERE id = $2', [dto.roles, id]);
        member.roles = dto.roles;
      }
      if (dto.active !== undefined) {
        await m.query(
          `UPDATE users SET disabled_at = ${dto.active ? 'NULL' : 'coalesce(disabled_at, now())'}, updated_at = now() WHERE id = $1`,
          [member.user_id],
        );
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
      return toSummary(member);
    });
  }

  private async assertAnAdminRemains(auth: AuthContext, m: EntityManager): Promise<void> {
    const [row] = await m.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM memberships m JOIN users u ON u.id = m.user_id
        WHERE m.practice_id = $1 AND 'admin' = ANY(m.roles) AND u.disabled_at IS NULL`,
      [auth.practiceId],
    );
    if (!row || row.n < 1)
      throw new AppError(HttpStatus.CONFLICT, 'A practice needs at least one active admin.');
  }
}
