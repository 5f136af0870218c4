import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  type AppointmentTypeView,
  type AvailabilityRule,
  type AvailabilityView,
  SCHEDULING_LIMITS,
  type SlotsResponse,
  type TimeOffView,
} from '@attune/shared';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { AccessPolicy } from '../common/access/access.policy.js';
import { PracticesRepository } from '../practices/practices.repository.js';
import { AppointmentTypesRepository } from './appointment-types.repository.js';
import { AvailabilityRepository } from './availability.repository.js';
import type { AuthContext } from '../common/auth-context.js';
import { AppError, badField, notFound } from '../common/errors.js';
import {
  freeSlots,
  inZoneAll,
  ruleProblems,
  type Span,
  withinWorkingHours,
} from './availability.js';
import type {
  AppointmentTypeDto,
  SetAvailabilityDto,
  SlotsQueryDto,
  TimeOffDto,
  UpdateAppointmentTypeDto,
} from './dto/scheduling.dto.js';

const hhmm = (t: string) => t.slice(0, 5);

export interface Schedule {
  timeZone: string;
  rules: AvailabilityRule[];
}

/** Appointment types, weekly hours, time off and the free-slot search. */
@Injectable()
export class AvailabilityService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly access: AccessPolicy,
    private readonly types: AppointmentTypesRepository,
    private readonly availability: AvailabilityRepository,
    private readonly practices: PracticesRepository,
    private readonly audit: AuditService,
  ) {}

  async listTypes(auth: AuthContext): Promise<AppointmentTypeView[]> {
    return this.types.list(auth.practiceId);
  }

  async type(
    auth: AuthContext,
    id: string,
    m: EntityManager = this.ds.manager,
  ): Promise<AppointmentTypeView> {
    const found = await this.types.find(auth.practiceId, id, m);
    if (!found) throw notFound('That appointment type');
    return found;
  }

  async createType(auth: AuthContext, dto: AppointmentTypeDto): Promise<AppointmentTypeView> {
    return this.ds.transaction(async (m) => {
      if (dto.isDefault) await this.types.clearDefault(m, auth.practiceId, dto.kind, null);
      const row = await this.types.insert(m, auth.practiceId, {
        name: dto.name,
        durationMinutes: dto.durationMinutes,
        kind: dto.kind,
        isDefault: dto.isDefault ?? false,
      });
      await this.audit.byCaller(
        auth,
        'appointment_type.create',
        { entityType: 'appointment_type', entityId: row.id },
        m,
      );
      return row;
    });
  }

  async updateType(
    auth: AuthContext,
    id: string,
    dto: UpdateAppointmentTypeDto,
  ): Promise<AppointmentTypeView> {
    return this.ds.transaction(async (m) => {
      const current = await this.type(auth, id, m);
      const next = { ...current, ...dto };
      if (dto.isDefault) await this.types.clearDefault(m, auth.practiceId, next.kind, id);
      const row = await this.types.update(m, next);
      await this.audit.byCaller(
        auth,
        'appointment_type.update',
        { entityType: 'appointment_type', entityId: id },
        m,
      );
      return row;
    });
  }

  /** Weekly hours in the therapist's zone (the practice's zone until they set one). */
  async schedule(
    therapistId: string,
    practiceZone: string,
    m: EntityManager = this.ds.manager,
  ): Promise<Schedule> {
    const rows = await this.availability.rules(therapistId, m);
    return {
      timeZone: rows[0]?.time_zone ?? practiceZone,
      rules: rows.map((r) => ({
        weekday: r.weekday,
        start: hhmm(r.start_time),
        end: r.end_time.startsWith('24') ? '24:00' : hhmm(r.end_time),
        validFrom: r.valid_from,
        validUntil: r.valid_until,
      })),
    };
  }

  async practiceZone(auth: AuthContext, m: EntityManager = this.ds.manager): Promise<string> {
    return (await this.practices.profile(auth.practiceId, m)).timeZone;
  }

  async get(auth: AuthContext, therapistId: string): Promise<AvailabilityView> {
    await this.access.requireAccess(auth, 'therapists.read', therapistId);
    const schedule = await this.schedule(therapistId, await this.practiceZone(auth));
    const off = await this.availability.upcomingTimeOff(therapistId);
    return {
      therapistId,
      ...schedule,
      timeOff: off.map((o): TimeOffView => ({
        id: o.id,
        startsAt: o.starts_at.toISOString(),
        endsAt: o.ends_at.toISOString(),
        reason: o.reason,
      })),
    };
  }

  /** Replaces the therapist's weekly hours in one go. */
  async set(
    auth: AuthContext,
    therapistId: string,
    dto: SetAvailabilityDto,
  ): Promise<AvailabilityView> {
    const problem = ruleProblems(dto.rules);
    if (problem) throw badField(problem.field, problem.message);
    await this.ds.transaction(async (m) => {
      await this.access.requireAccess(auth, 'therapists.manage', therapistId, m);
      await this.availability.replaceRules(
        m,
        auth.practiceId,
        therapistId,
        dto.timeZone,
        dto.rules,
      );
      await this.audit.byCaller(
        auth,
        'availability.set',
        { entityType: 'membership', entityId: therapistId, meta: { rules: dto.rules.length } },
        m,
      );
    });
    return this.get(auth, therapistId);
  }

  async addTimeOff(auth: AuthContext, therapistId: string, dto: TimeOffDto): Promise<TimeOffView> {
    const start = new Date(dto.startsAt);
    const end = new Date(dto.endsAt);
    if (end <= start) throw badField('endsAt', 'endsAt must be after startsAt');
    return this.ds.transaction(async (m) => {
      await this.access.requireAccess(auth, 'therapists.manage', therapistId, m);
      const row = await this.availability.addTimeOff(m, {
        practiceId: auth.practiceId,
        therapistId,
        start,
        end,
        reason: dto.reason || null,
      });
      await this.audit.byCaller(
        auth,
        'time_off.create',
        { entityType: 'time_off', entityId: row.id },
        m,
      );
      return {
        id: row.id,
        startsAt: row.starts_at.toISOString(),
        endsAt: row.ends_at.toISOString(),
        reason: row.reason,
      };
    });
  }

  async removeTimeOff(auth: AuthContext, therapistId: string, id: string): Promise<void> {
    await this.access.requireAccess(auth, 'therapists.manage', therapistId);
    if (!(await this.availability.removeTimeOff(auth.practiceId, therapistId, id)))
      throw notFound('That time off');
    await this.audit.byCaller(auth, 'time_off.delete', { entityType: 'time_off', entityId: id });
  }

  /** Free start times: hours minus time off minus live appointments. Five queries for any range. */
  async slots(auth: AuthContext, q: SlotsQueryDto): Promise<SlotsResponse> {
    const from = new Date(q.from);
    const to = new Date(q.to);
    if (to <= from) throw badField('to', 'to must be after from');
    if (to.getTime() - from.getTime() > SCHEDULING_LIMITS.slotRangeMaxDays * 86_400_000)
      throw badField('to', `the range can be at most ${SCHEDULING_LIMITS.slotRangeMaxDays} days`);
    // A client sees only their own therapist's free times (never anyone's sessions), for a type
    // they may book, from the end of the notice window on; staff through their reach.
    const self = this.access.can(auth, 'appointments.selfBook')
      ? await this.access.requireSelfService(auth, 'appointments.selfBook', {
          therapistId: q.therapistId,
          typeId: q.typeId,
        })
      : null;
    if (!self) await this.access.requireAccess(auth, 'therapists.read', q.therapistId);
    const type = await this.type(auth, q.typeId).catch(() =>
      Promise.reject(badField('typeId', 'typeId is not an appointment type of your practice')),
    );
    const practiceZone = await this.practiceZone(auth);
    const schedule = await this.schedule(q.therapistId, practiceZone);
    const busy = await this.availability.busy(q.therapistId, from, to);
    const spans: Span[] = busy.map((b) => ({
      start: b.starts_at.getTime(),
      end: b.ends_at.getTime(),
    }));
    const zone = q.tz ?? schedule.timeZone;
    const free = freeSlots({
      rules: schedule.rules,
      zone: schedule.timeZone,
      from,
      to,
      durationMinutes: type.durationMinutes,
      busy: spans,
      notBefore: new Date(Date.now() + (self?.noticeHours ?? 0) * 3_600_000),
      stepMinutes: SCHEDULING_LIMITS.slotStepMinutes,
    });
    const slots = inZoneAll(free, zone);
    return {
      therapistId: q.therapistId,
      typeId: type.id,
      timeZone: zone,
      durationMinutes: type.durationMinutes,
      slots,
    };
  }

  /** Whether [start, end) is in working hours and clear of time off (for booking). */
  async fitsSchedule(
    therapistId: string,
    practiceZone: string,
    start: Date,
    end: Date,
    m: EntityManager,
  ) {
    const schedule = await this.schedule(therapistId, practiceZone, m);
    const off = await this.availability.timeOffDuring(m, therapistId, start, end);
    return {
      inHours: withinWorkingHours(schedule.rules, schedule.timeZone, start, end),
      timeOff: off,
      zone: schedule.timeZone,
    };
  }
}

export const outsideHours = (message: string) =>
  new AppError(HttpStatus.CONFLICT, 'outside_hours', message);
