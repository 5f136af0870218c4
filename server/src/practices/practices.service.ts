import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { PracticeSummary } from '@attune/shared';
import { DataSource, type EntityManager, QueryFailedError } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { hashPassword } from '../auth/passwords.js';
import type { User } from '../auth/user.entity.js';
import { UsersRepository } from '../auth/users.repository.js';
import type { AuthContext } from '../common/auth-context.js';
import { AppError, conflict } from '../common/errors.js';
import { APP_CONFIG, type AppConfig } from '../config.js';
import type { Membership } from '../members/membership.entity.js';
import { MembersRepository } from '../members/members.repository.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import type { CreatePracticeDto, UpdatePracticeDto } from './dto/practice.dto.js';
import type { Practice } from './practice.entity.js';
import { PracticesRepository, toPracticeSummary } from './practices.repository.js';
import { AppointmentTypesRepository } from '../scheduling/appointment-types.repository.js';

/** What every sign-up hears, whether or not its email already has an account. */
export const SIGNUP_ACCEPTED =
  'Thanks. If this email address is new to Attune, your practice is ready: sign in with it and ' +
  'the password you chose. Either way, we sent a message to that address.';

export const DEFAULT_CRISIS_TEXT =
  'If you need to reach us outside session times, leave a message on the practice line and we will call you back. ' +
  'We do not watch this portal around the clock, so for urgent help please use the numbers above.';

@Injectable()
export class PracticesService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly practices: PracticesRepository,
    private readonly users: UsersRepository,
    private readonly members: MembersRepository,
    private readonly appointmentTypes: AppointmentTypesRepository,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly notifications: NotificationsService,
  ) {}

  assertSignupAllowed(): void {
    if (!this.config.allowSignup)
      throw new AppError(
        HttpStatus.FORBIDDEN,
        'signup_disabled',
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
      const exists = await this.users.exists(dto.adminEmail.toLowerCase(), m);
      if (exists)
        throw conflict(
          'account_exists',
          'An Attune account with this email already exists. Try signing in instead.',
        );
      const practice = await this.practices.insert(m, {
        name: dto.practiceName,
        timeZone: dto.timeZone,
        crisisText: DEFAULT_CRISIS_TEXT,
      });
      const user = await this.users.insert(m, {
        email: dto.adminEmail.toLowerCase(),
        displayName: dto.adminDisplayName,
        passwordHash:
          'adminPasswordHash' in dto
            ? dto.adminPasswordHash
            : await hashPassword(dto.adminPassword),
      });
      const membership = await this.members.insert(
        m,
        practice.id,
        user.id,
        dto.adminIsTherapist ? ['admin', 'therapist'] : ['admin'],
      );
      // Sensible starting appointment types; admins rename or add their own.
      await this.appointmentTypes.insertDefaults(m, practice.id);
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
   * Sign-up. Answers the same whatever the email (no account enumeration), and does the same
   * work either way (one argon2id hash, one mail): a new address gets its practice at once and
   * signs in with the password it chose; an address that already has an account is told so by
   * email only, and nothing changes.
   */
  async signUp(dto: CreatePracticeDto, ip: string | null): Promise<string> {
    const email = dto.adminEmail.toLowerCase();
    const base = this.config.publicUrl.replace(/\/$/, '');
    const adminPasswordHash = await hashPassword(dto.adminPassword);
    const created = await this.createWithAdmin({ ...dto, adminEmail: email, adminPasswordHash }, ip)
      .then(() => true)
      .catch((e: unknown) => {
        // Known already, or taken by a parallel sign-up a moment ago: the same quiet answer.
        if (e instanceof AppError && e.getStatus() === (HttpStatus.CONFLICT as number))
          return false;
        if (e instanceof QueryFailedError && (e as { code?: string }).code === '23505')
          return false;
        throw e;
      });
    await this.notifications.enqueue(
      created
        ? {
            practiceId: null,
            kind: 'signup',
            to: email,
            subject: 'Your practice is ready on Attune',
            text:
              `Hello ${dto.adminDisplayName},\n\n"${dto.practiceName}" is set up on Attune, with you as ` +
              `its admin. Sign in at ${base}/login with this email address and the password you chose.\n\n` +
              `If you did not ask for this, please reply to this email so we can remove it.`,
          }
        : {
            practiceId: null,
            kind: 'signup_existing',
            to: email,
            subject: 'About your Attune sign-up',
            text:
              `Hello,\n\nSomeone asked to create a new practice, "${dto.practiceName}", on Attune with this ` +
              `email address. This address already has an Attune account, so no new practice was made ` +
              `and your account is unchanged.\n\nIf it was you, you can sign in at ${base}/login. ` +
              `If it was not you, you can ignore this email.`,
          },
    );
    return SIGNUP_ACCEPTED;
  }

  async get(auth: AuthContext): Promise<PracticeSummary> {
    return this.practices.summary(auth.practiceId);
  }

  async update(auth: AuthContext, dto: UpdatePracticeDto): Promise<PracticeSummary> {
    // An admin who requires a second step of the team has one first (and so can reset others').
    if (dto.requireStaffMfa === true && !auth.assurance?.mfaEnabled)
      throw conflict(
        'mfa_enrol_first',
        'Set up your own second sign-in step first (on your account page), then turn this on for the team.',
      );
    return this.ds.transaction(async (m) => {
      const practice = await this.practices.find(auth.practiceId, m);
      Object.assign(practice, dto);
      await this.practices.save(m, practice);
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
