import { HttpStatus, Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { PracticeSummary } from '@attune/shared';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { hashPassword } from '../auth/passwords.js';
import { hashToken, newToken } from '../auth/tokens.js';
import { User } from '../auth/user.entity.js';
import type { AuthContext } from '../common/auth-context.js';
import { AppError, conflict } from '../common/errors.js';
import { APP_CONFIG, type AppConfig } from '../config.js';
import { Membership } from '../members/membership.entity.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import type { CreatePracticeDto, UpdatePracticeDto } from './dto/practice.dto.js';
import { Practice } from './practice.entity.js';
import { SignupRequest } from './signup-request.entity.js';

/** How long a sign-up confirmation link works. */
export const SIGNUP_TTL_MS = 24 * 60 * 60 * 1000;

/** What every sign-up hears, whether or not its email already has an account. */
export const SIGNUP_ACCEPTED =
  'Thanks. Check your email: we sent a message to that address about your new practice. ' +
  'A link in it finishes the set-up and works for 24 hours.';

const SIGNUP_GONE =
  'This sign-up link has expired or was already used. If you finished setting up, you can sign in. ' +
  'Otherwise, please sign up again.';

export function toPracticeSummary(p: Practice): PracticeSummary {
  return {
    id: p.id,
    name: p.name,
    timeZone: p.timeZone,
    crisisText: p.crisisText,
    cancellationWindowHours: p.cancellationWindowHours,
  };
}

export const DEFAULT_CRISIS_TEXT =
  'If you need to reach us outside session times, leave a message on the practice line and we will call you back. ' +
  'We do not watch this portal around the clock, so for urgent help please use the numbers above.';

@Injectable()
export class PracticesService {
  private readonly logger = new Logger('Signup');

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly notifications: NotificationsService,
  ) {}

  assertSignupAllowed(): void {
    if (!this.config.allowSignup)
      throw new AppError(
        HttpStatus.FORBIDDEN,
        'Creating practices from the web is turned off on this server. An administrator can run: ' +
          'npm run cli -w server -- create-practice',
      );
  }

  /** Creates a practice with its first admin (used by sign-up, the CLI and the demo seed). */
  async createWithAdmin(
    dto: Omit<CreatePracticeDto, 'adminPassword'> &
      ({ adminPassword: string } | { adminPasswordHash: string }),
    ip: string | null,
    manager?: EntityManager,
  ): Promise<{ practice: Practice; user: User; membership: Membership }> {
    const run = async (m: EntityManager) => {
      const exists = await m.existsBy(User, { email: dto.adminEmail.toLowerCase() });
      if (exists)
        throw conflict('An Attune account with this email already exists. Try signing in instead.');
      const practice = await m.save(
        m.create(Practice, {
          name: dto.practiceName,
          timeZone: dto.timeZone,
          crisisText: DEFAULT_CRISIS_TEXT,
        }),
      );
      const user = await m.save(
        m.create(User, {
          email: dto.adminEmail.toLowerCase(),
          displayName: dto.adminDisplayName,
          passwordHash:
            'adminPasswordHash' in dto
              ? dto.adminPasswordHash
              : await hashPassword(dto.adminPassword),
        }),
      );
      const membership = await m.save(
        m.create(Membership, {
          practiceId: practice.id,
          userId: user.id,
          roles: dto.adminIsTherapist ? ['admin', 'therapist'] : ['admin'],
        }),
      );
      // Sensible starting appointment types; admins rename or add their own.
      await m.query(
        `INSERT INTO appointment_types (practice_id, name, duration_minutes, kind, is_default)
         VALUES ($1, 'Intake session', 60, 'intake', true), ($1, 'Ongoing session', 50, 'ongoing', true)`,
        [practice.id],
      );
      await this.audit.record(
        {
          action: 'practice.create',
          practiceId: practice.id,
          actorUserId: user.id,
          entityType: 'practice',
          entityId: practice.id,
          ip,
        },
        m,
      );
      return { practice, user, membership };
    };
    return manager ? run(manager) : this.ds.transaction(run);
  }

  /**
   * Sign-up, step one. Answers the same whatever the email (no account enumeration): the work done
   * is the same too (one argon2id hash, one mail). A new address gets a link that creates the
   * practice; an address that already has an account is told so, by email only.
   */
  async requestSignup(dto: CreatePracticeDto, base: string): Promise<string> {
    const email = dto.adminEmail.toLowerCase();
    const passwordHash = await hashPassword(dto.adminPassword);
    const token = newToken();
    const link = `${base}/signup/${token}`;
    const known = await this.ds.transaction(async (m) => {
      const exists = await m.existsBy(User, { email });
      if (!exists)
        await m.insert(SignupRequest, {
          tokenHash: hashToken(token),
          email,
          practiceName: dto.practiceName,
          timeZone: dto.timeZone,
          displayName: dto.adminDisplayName,
          passwordHash,
          adminIsTherapist: dto.adminIsTherapist ?? false,
          expiresAt: new Date(Date.now() + SIGNUP_TTL_MS),
        });
      await this.notifications.enqueue(
        exists
          ? {
              practiceId: null,
              kind: 'signup_existing',
              to: email,
              subject: 'About your Attune sign-up',
              text:
                `Hello,\n\nSomeone asked to create a new practice, "${dto.practiceName}", on Attune with this ` +
                `email address. This address already has an Attune account, so no new practice was made ` +
                `and your account is unchanged.\n\nIf it was you, you can sign in at ${base}/login. ` +
                `If it was not you, you can ignore this email.`,
            }
          : {
              practiceId: null,
              kind: 'signup',
              to: email,
              subject: 'Finish setting up your practice on Attune',
              text:
                `Hello ${dto.adminDisplayName},\n\nOpen this link to finish creating "${dto.practiceName}" ` +
                `on Attune. It works once and expires in 24 hours:\n\n${link}\n\n` +
                `If you did not ask for this, you can ignore this email.`,
            },
        m,
      );
      return exists;
    });
    if (this.config.logInvitationLinks && !known)
      this.logger.log(`Sign-up link for ${email}: ${link}`);
    return SIGNUP_ACCEPTED;
  }

  /** Sign-up, step two: the emailed link creates the practice and its admin (single use). */
  async confirmSignup(token: string, ip: string | null) {
    if (token.length > 200) throw new AppError(HttpStatus.NOT_FOUND, SIGNUP_GONE);
    return this.ds.transaction(async (m) => {
      const pending = await m
        .createQueryBuilder(SignupRequest, 's')
        .where('s.token_hash = :h', { h: hashToken(token) })
        .andWhere('s.used_at IS NULL AND s.expires_at > now()')
        .setLock('pessimistic_write')
        .getOne();
      // An account made with this address since (another sign-up, an invitation) wins.
      if (!pending || (await m.existsBy(User, { email: pending.email })))
        throw new AppError(HttpStatus.NOT_FOUND, SIGNUP_GONE);
      await m.update(SignupRequest, { id: pending.id }, { usedAt: () => 'now()' });
      return this.createWithAdmin(
        {
          practiceName: pending.practiceName,
          timeZone: pending.timeZone,
          adminEmail: pending.email,
          adminDisplayName: pending.displayName,
          adminPasswordHash: pending.passwordHash,
          adminIsTherapist: pending.adminIsTherapist,
        },
        ip,
        m,
      );
    });
  }

  async get(auth: AuthContext): Promise<PracticeSummary> {
    return toPracticeSummary(
      await this.ds.manager.findOneByOrFail(Practice, { id: auth.practiceId }),
    );
  }

  async update(auth: AuthContext, dto: UpdatePracticeDto): Promise<PracticeSummary> {
    return this.ds.transaction(async (m) => {
      const practice = await m.findOneByOrFail(Practice, { id: auth.practiceId });
      Object.assign(practice, dto);
      await m.save(practice);
      await this.audit.byCaller(
        auth,
        'practice.update',
        { entityType: 'practice', entityId: practice.id, meta: { fields: Object.keys(dto) } },
        m,
      );
      return toPracticeSummary(practice);
    });
  }
}
