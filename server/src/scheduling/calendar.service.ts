import { Injectable } from '@nestjs/common';
import {
  type AvailabilityRule,
  CALENDAR_LIMITS,
  type CalendarSession,
  type CalendarView,
  SCHEDULING_LIMITS,
  type UtilisationView,
} from '@attune/shared';
import { DateTime } from 'luxon';
import { AuditService } from '../audit/audit.service.js';
import { AccessPolicy } from '../common/access/access.policy.js';
import type { AuthContext } from '../common/auth-context.js';
import { badField } from '../common/errors.js';
import { PracticesRepository } from '../practices/practices.repository.js';
import { AppointmentTypesRepository } from './appointment-types.repository.js';
import { toView } from './appointments.repository.js';
import { freeSlots, mergeSpans, type Span, workingSpans } from './availability.js';
import {
  type CalendarRuleRow,
  CalendarRepository,
  type CalendarSessionRow,
} from './calendar.repository.js';
import type { CalendarQueryDto, UtilisationQueryDto } from './dto/calendar.dto.js';
import { utilisation } from './utilisation.js';

const DAY = 86_400_000;
const hhmm = (t: string) => t.slice(0, 5);
const iso = (ms: number) => new Date(ms).toISOString();

/** "Sam L.": the name the client goes by and their last initial, for blocks on a shared screen. */
export const shortName = (first: string, last: string, preferred: string | null) =>
  `${preferred || first} ${last.charAt(0).toUpperCase()}.`.trim();

/** Each therapist's weekly hours and the zone they are written in (the practice's until set). */
function schedules(rows: CalendarRuleRow[], practiceZone: string) {
  const out = new Map<string, { timeZone: string; rules: AvailabilityRule[] }>();
  for (const r of rows) {
    const s = out.get(r.therapist_id) ?? { timeZone: r.time_zone, rules: [] };
    s.rules.push({
      weekday: r.weekday,
      start: hhmm(r.start_time),
      end: r.end_time.startsWith('24') ? '24:00' : hhmm(r.end_time),
      validFrom: r.valid_from,
      validUntil: r.valid_until,
    });
    out.set(r.therapist_id, s);
  }
  return (id: string) => out.get(id) ?? { timeZone: practiceZone, rules: [] };
}

function toSession(r: CalendarSessionRow): CalendarSession {
  const view = toView(r);
  return {
    ...view,
    client: {
      ...view.client,
      shortName: shortName(r.client_first, r.client_last, r.client_preferred),
    },
    type: { ...view.type, kind: r.type_kind },
  };
}

/**
 * The practice calendar grid and the utilisation report. Each reads many therapists at once
 * through CalendarRepository: a fixed number of queries per request, whatever the practice size.
 */
@Injectable()
export class CalendarService {
  constructor(
    private readonly access: AccessPolicy,
    private readonly calendar: CalendarRepository,
    private readonly types: AppointmentTypesRepository,
    private readonly practices: PracticesRepository,
    private readonly audit: AuditService,
  ) {}

  /**
   * One view of the calendar: sessions, working hours, time off and free start times for every
   * therapist shown (all of the practice's for an admin, or the one asked for). Seven queries
   * (eight with a therapistId, whose reach is checked).
   */
  async view(auth: AuthContext, q: CalendarQueryDto): Promise<CalendarView> {
    const from = new Date(q.from);
    const to = new Date(q.to);
    if (to <= from) throw badField('to', 'to must be after from');
    if (to.getTime() - from.getTime() > CALENDAR_LIMITS.rangeMaxDays * DAY)
      throw badField('to', `the range can be at most ${CALENDAR_LIMITS.rangeMaxDays} days`);
    await this.access.requireAccess(auth, 'calendar.read', q.therapistId ?? []);
    // A therapist who is not an admin sees their own column only.
    const scope = this.access.appointmentScope(auth);
    const only = q.therapistId ?? scope.therapistId;

    const [zone, types, therapistRows] = await Promise.all([
      this.practices.profile(auth.practiceId).then((p) => p.timeZone),
      this.types.list(auth.practiceId),
      this.calendar.therapists(auth.practiceId, only),
    ]);
    const active = types.filter((t) => t.active);
    const type = q.typeId
      ? active.find((t) => t.id === q.typeId)
      : (active.find((t) => t.isDefault && t.kind === 'ongoing') ??
        active.find((t) => t.isDefault) ??
        active[0]);
    if (q.typeId && !type)
      throw badField('typeId', 'typeId is not an active appointment type of your practice');

    // Deactivated therapists keep their past sessions on the grid, but get no column otherwise.
    const ids = therapistRows.map((t) => t.id);
    const [rules, timeOff, sessionRows] = await Promise.all([
      this.calendar.rules(auth.practiceId, ids),
      this.calendar.timeOff(auth.practiceId, ids, from, to),
      this.calendar.sessions(scope, ids, from, to, q.includeCancelled === 'true'),
    ]);
    const shown = therapistRows.filter(
      (t) => t.active || sessionRows.some((s) => s.therapist_id === t.id),
    );
    const scheduleOf = schedules(rules, zone);
    const now = new Date();

    const therapists = shown.map((t) => {
      const schedule = scheduleOf(t.id);
      const off = timeOff.filter((o) => o.therapist_id === t.id);
      const busy: Span[] = [
        ...off.map((o) => ({ start: o.starts_at.getTime(), end: o.ends_at.getTime() })),
        ...sessionRows
          .filter((s) => s.therapist_id === t.id && s.status !== 'cancelled')
          .map((s) => ({ start: s.starts_at.getTime(), end: s.ends_at.getTime() })),
      ];
      return {
        id: t.id,
        displayName: t.display_name,
        timeZone: schedule.timeZone,
        workingHours: mergeSpans(workingSpans(schedule.rules, schedule.timeZone, from, to)).map(
          (s) => ({ startsAt: iso(s.start), endsAt: iso(s.end) }),
        ),
        timeOff: off.map((o) => ({
          id: o.id,
          startsAt: o.starts_at.toISOString(),
          endsAt: o.ends_at.toISOString(),
          reason: o.reason,
        })),
        freeSlots:
          type && t.active
            ? freeSlots({
                rules: schedule.rules,
                zone: schedule.timeZone,
                from,
                to,
                durationMinutes: type.durationMinutes,
                busy,
                notBefore: now,
                stepMinutes: SCHEDULING_LIMITS.slotStepMinutes,
              }).map((d) => d.toISOString())
            : [],
      };
    });
    const sessions = sessionRows.map(toSession);

    // Client names are on the screen: the read is on the trail, with whose.
    await this.audit.byCaller(auth, 'calendar.read', {
      entityType: 'appointment',
      meta: {
        from: from.toISOString(),
        to: to.toISOString(),
        therapistId: q.therapistId ?? null,
        clientIds: [...new Set(sessions.map((s) => s.client.id))],
      },
    });
    return {
      timeZone: zone,
      from: from.toISOString(),
      to: to.toISOString(),
      now: now.toISOString(),
      type: type ? { id: type.id, name: type.name, durationMinutes: type.durationMinutes } : null,
      therapists,
      sessions,
    };
  }

  /**
   * Per therapist and week: sessions booked, attended, no-show and late-cancelled, and free
   * hours. Five queries for any number of weeks and therapists (six with a therapistId).
   */
  async utilisation(auth: AuthContext, q: UtilisationQueryDto): Promise<UtilisationView> {
    await this.access.requireAccess(auth, 'utilisation.read', q.therapistId ?? []);
    const weeksCount = q.weeks ?? 4;
    const [zone, therapistRows] = await Promise.all([
      this.practices.profile(auth.practiceId).then((p) => p.timeZone),
      this.calendar.therapists(auth.practiceId, q.therapistId ?? null),
    ]);
    const first = DateTime.fromISO(q.from, { zone });
    if (!first.isValid) throw badField('from', 'from must be a real date like 2026-03-09');
    const monday = first.startOf('week');
    const weeks = Array.from({ length: weeksCount }, (_, i) =>
      monday.plus({ weeks: i }).toISODate(),
    );
    const from = monday.toJSDate();
    const to = monday.plus({ weeks: weeksCount }).toJSDate();
    const ids = therapistRows.map((t) => t.id);
    const [rules, timeOff, sessions] = await Promise.all([
      this.calendar.rules(auth.practiceId, ids),
      this.calendar.timeOff(auth.practiceId, ids, from, to),
      this.calendar.utilisationSessions(auth.practiceId, from, to),
    ]);
    // A deactivated therapist appears only for weeks they still had sessions in the range.
    const shown = therapistRows.filter(
      (t) => t.active || sessions.some((s) => s.therapist_id === t.id),
    );
    const scheduleOf = schedules(rules, zone);
    return {
      timeZone: zone,
      weeks,
      therapists: shown.map((t) => ({ id: t.id, displayName: t.display_name })),
      rows: utilisation({
        zone,
        weeks,
        therapists: shown.map((t) => ({ id: t.id, ...scheduleOf(t.id) })),
        timeOff: timeOff.map((o) => ({
          therapistId: o.therapist_id,
          start: o.starts_at.getTime(),
          end: o.ends_at.getTime(),
        })),
        sessions: sessions.map((s) => ({
          therapistId: s.therapist_id,
          start: s.starts_at.getTime(),
          end: s.ends_at.getTime(),
          status: s.status,
          lateCancel: s.late_cancel,
        })),
      }),
    };
  }
}
