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
import { AccessService } from '../common/access.service.js';
import type { AuthContext } from '../common/auth-context.js';
import { AppError, badField, notFound } from '../common/errors.js';
import { freeSlots, inZone, ruleProblems, type Span, withinWorkingHours } from './availability.js';
import type {
  AppointmentTypeDto,
  SetAvailabilityDto,
  SlotsQueryDto,
  TimeOffDto,
  UpdateAppointmentTypeDto,
} from './dto/scheduling.dto.js';

interface TypeRow {
  id: string;
  name: string;
  duration_minutes: number;
  kind: AppointmentTypeView['kind'];
  is_default: boolean;
  active: boolean;
}

const toType = (r: TypeRow): AppointmentTypeView => ({
  id: r.id,
  name: r.name,
  durationMinutes: r.duration_minutes,
  kind: r.kind,
  isDefault: r.is_default,
  active: r.active,
});

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
    private readonly access: AccessService,
    private readonly audit: AuditService,
  ) {}

  async listTypes(auth: AuthContext): Promise<AppointmentTypeView[]> {
    const rows: TypeRow[] = await this.ds.query(
      `SELECT id, name, duration_minutes, kind, is_default, active FROM appointment_types
        WHERE practice_id = $1 ORDER BY active DESC, kind, name`,
      [auth.practiceId],
    );
    return rows.map(toType);
  }

  async type(
    auth: AuthContext,
    id: string,
    m: EntityManager = this.ds.manager,
  ): Promise<AppointmentTypeView> {
    const [row] = await m.query<TypeRow[]>(
      `SELECT id, name, duration_minutes, kind, is_default, active FROM appointment_types WHERE id = $1 AND practice_id = $2`,
      [id, auth.practiceId],
    );
    if (!row) throw notFound('That appointment type');
    return toType(row);
  }

  async createType(auth: AuthContext, dto: AppointmentTypeDto): Promise<AppointmentTypeView> {
    return this.ds.transaction(async (m) => {
      if (dto.isDefault)
        await m.query(
          `UPDATE appointment_types SET is_default = false WHERE practice_id = $1 AND kind = $2`,
          [auth.practiceId, dto.kind],
        );
      const [row] = await m.query<TypeRow[]>(
        `INSERT INTO appointment_types (practice_id, name, duration_minutes, kind, is_default)
         VALUES ($1, $2, $3, $4, $5) RETURNING id, name, duration_minutes, kind, is_default, active`,
        [auth.practiceId, dto.name, dto.durationMinutes, dto.kind, dto.isDefault ?? false],
      );
      await this.audit.byCaller(
        auth,
        'appointment_type.create',
        { entityType: 'appointment_type', entityId: row!.id },
        m,
      );
      return toType(row!);
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
      if (dto.isDefault)
        await m.query(
          `UPDATE appointment_types SET is_default = false WHERE practice_id = $1 AND kind = $2 AND id <> $3`,
          [auth.practiceId, next.kind, id],
        );
      const [row] = await m
        .query(
          `UPDATE appointment_types SET name = $2, duration_minutes = $3, kind = $4, is_default = $5, active = $6
          WHERE id = $1 RETURNING id, name, duration_minutes, kind, is_default, active`,
          [
            id,
            next.name,
            next.durationMinutes,
            next.kind,
            next.isDefault && next.active,
            next.active,
          ],
        )
        .then(([rows]: [TypeRow[]]) => rows);
      await this.audit.byCaller(
        auth,
        'appointment_type.update',
        { entityType: 'appointment_type', entityId: id },
        m,
      );
      return toType(row!);
    });
  }

  /** Weekly hours in the therapist's zone (the practice's zone until they set one). */
  async schedule(
    therapistId: string,
    practiceZone: string,
    m: EntityManager = this.ds.manager,
  ): Promise<Schedule> {
    const rows = await m.query<
      {
        time_zone: string;
        weekday: number;
        start_time: string;
        end_time: string;
        valid_from: string | null;
        valid_until: string | null;
      }[]
    >(
      `SELECT time_zone, weekday, start_time::text AS start_time, end_time::text AS end_time,
              valid_from::text AS valid_from, valid_until::text AS valid_until
         FROM availability_rules WHERE therapist_id = $1 ORDER BY weekday, start_time`,
      [therapistId],
    );
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
    const [p] = await m.query<{ time_zone: string }[]>(
      'SELECT time_zone FROM practices WHERE id = $1',
      [auth.practiceId],
    );
    return p!.time_zone;
  }

  async get(auth: AuthContext, therapistId: string): Promise<AvailabilityView> {
    await this.access.therapist(auth, therapistId);
    const schedule = await this.schedule(therapistId, await this.practiceZone(auth));
    const off = await this.ds.query<
      { id: string; starts_at: Date; ends_at: Date; reason: string | null }[]
    >(
      `SELECT id, starts_at, ends_at, reason FROM time_off WHERE therapist_id = $1 AND ends_at > now() - interval '1 day'
        ORDER BY starts_at`,
      [therapistId],
    );
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
      await this.access.therapist(auth, therapistId, m);
      await m.query('DELETE FROM availability_rules WHERE therapist_id = $1', [therapistId]);
      for (const r of dto.rules)
        await m.query(
          `INSERT INTO availability_rules (practice_id, therapist_id, time_zone, weekday, start_time, end_time, valid_from, valid_until)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
          [
            auth.practiceId,
            therapistId,
            dto.timeZone,
            r.weekday,
            r.start,
            r.end,
            r.validFrom ?? null,
            r.validUntil ?? null,
          ],
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
      await this.access.therapist(auth, therapistId, m);
      const [row] = await m.query<
        { id: string; starts_at: Date; ends_at: Date; reason: string | null }[]
      >(
        `INSERT INTO time_off (practice_id, therapist_id, starts_at, ends_at, reason) VALUES ($1, $2, $3, $4, $5)
         RETURNING id, starts_at, ends_at, reason`,
        [auth.practiceId, therapistId, start, end, dto.reason || null],
      );
      await this.audit.byCaller(
        auth,
        'time_off.create',
        { entityType: 'time_off', entityId: row!.id },
        m,
      );
      return {
        id: row!.id,
        startsAt: row!.starts_at.toISOString(),
        endsAt: row!.ends_at.toISOString(),
        reason: row!.reason,
      };
    });
  }

  async removeTimeOff(auth: AuthContext, therapistId: string, id: string): Promise<void> {
    await this.access.therapist(auth, therapistId);
    const [, n] = await this.ds.query<[unknown, number]>(
      'DELETE FROM time_off WHERE id = $1 AND therapist_id = $2 AND practice_id = $3',
      [id, therapistId, auth.practiceId],
    );
    if (!n) throw notFound('That time off');
    await this.audit.byCaller(auth, 'time_off.delete', { entityType: 'time_off', entityId: id });
  }

  /** Free start times: hours minus time off minus live appointments. Five queries for any range. */
  async slots(auth: AuthContext, q: SlotsQueryDto): Promise<SlotsResponse> {
    const from = new Date(q.from);
    const to = new Date(q.to);
    if (to <= from) throw badField('to', 'to must be after from');
    if (to.getTime() - from.getTime() > SCHEDULING_LIMITS.slotRangeMaxDays * 86_400_000)
      throw badField('to', `the range can be at most ${SCHEDULING_LIMITS.slotRangeMaxDays} days`);
    await this.access.therapist(auth, q.therapistId);
    const type = await this.type(auth, q.typeId).catch(() =>
      Promise.reject(badField('typeId', 'typeId is not an appointment type of your practice')),
    );
    const practiceZone = await this.practiceZone(auth);
    const schedule = await this.schedule(q.therapistId, practiceZone);
    const busy = await this.ds.query<{ starts_at: Date; ends_at: Date }[]>(
      `SELECT starts_at, ends_at FROM time_off WHERE therapist_id = $1 AND starts_at < $3 AND ends_at > $2
       UNION ALL
       SELECT starts_at, ends_at FROM appointments WHERE therapist_id = $1 AND status <> 'cancelled' AND starts_at < $3 AND ends_at > $2`,
      [q.therapistId, from, to],
    );
    const spans: Span[] = busy.map((b) => ({
      start: b.starts_at.getTime(),
      end: b.ends_at.getTime(),
    }));
    const zone = q.tz ?? schedule.timeZone;
    const slots = freeSlots({
      rules: schedule.rules,
      zone: schedule.timeZone,
      from,
      to,
      durationMinutes: type.durationMinutes,
      busy: spans,
      notBefore: new Date(),
      stepMinutes: SCHEDULING_LIMITS.slotStepMinutes,
    }).map((d) => inZone(d, zone));
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
    const [off] = await m.query<{ starts_at: Date; ends_at: Date }[]>(
      `SELECT starts_at, ends_at FROM time_off WHERE therapist_id = $1 AND starts_at < $3 AND ends_at > $2 LIMIT 1`,
      [therapistId, start, end],
    );
    return {
      inHours: withinWorkingHours(schedule.rules, schedule.timeZone, start, end),
      timeOff: off ?? null,
      zone: schedule.timeZone,
    };
  }
}

export const outsideHours = (message: string) =>
  new AppError(HttpStatus.CONFLICT, message, { code: 'outside_hours' });
