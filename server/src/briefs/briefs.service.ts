import { Injectable } from '@nestjs/common';
import {
  type BriefDueItem,
  type BriefReading,
  type BriefScoreChange,
  type BriefSession,
  type ClientBrief,
  reliableChange,
  type ReliableChangeResult,
} from '@attune/shared';
import { AuditService } from '../audit/audit.service.js';
import { ClientsRepository } from '../clients/clients.repository.js';
import { AccessPolicy } from '../common/access/access.policy.js';
import type { AuthContext } from '../common/auth-context.js';
import { Clock } from '../common/clock.js';
import { notFound } from '../common/errors.js';
import { PracticesRepository } from '../practices/practices.repository.js';
import { AssignmentsRepository } from '../psychoeducation/assignments.repository.js';
import { ReflectionsRepository } from '../psychoeducation/reflections.repository.js';
import type { AppointmentRow } from '../scheduling/appointments.repository.js';
import { AppointmentsRepository } from '../scheduling/appointments.repository.js';
import { AlertsRepository } from '../screening/alerts.repository.js';
import { type LatestPairRow, ScreeningsRepository } from '../screening/screenings.repository.js';

const DAY_MS = 86_400_000;
/** Acknowledged alerts stay in the brief at least this long (longer when the last session was). */
const RECENT_ALERT_DAYS = 30;
/** Without a session yet, readings finished in this many days count as recent. */
const RECENT_READING_DAYS = 30;
const LIMITS = { alerts: 50, instruments: 10, reflections: 20, reading: 30 } as const;

function session(r: AppointmentRow | null): BriefSession | null {
  return r
    ? {
        id: r.id,
        startsAt: r.starts_at.toISOString(),
        endsAt: r.ends_at.toISOString(),
        status: r.status,
        typeName: r.type_name,
        therapistName: r.therapist_name,
      }
    : null;
}

/** Reliable change for the headline (the total, else the scales) when it has constants. */
function method(change: ReliableChangeResult): 'reliable' | 'raw' {
  if (change.total) return change.total.rc !== null ? 'reliable' : 'raw';
  return change.scales.some((s) => s.rc !== null) ? 'reliable' : 'raw';
}

/** The latest result of each instrument against the one before it. */
function scoreChanges(rows: LatestPairRow[], since: Date | null): BriefScoreChange[] {
  const out: BriefScoreChange[] = [];
  for (const latest of rows.filter((r) => r.rn === 1)) {
    const prev = rows.find((r) => r.rn === 2 && r.instrument_key === latest.instrument_key);
    let change: ReliableChangeResult | null = null;
    if (prev && latest.definition) {
      try {
        change = reliableChange(latest.definition, prev.result, latest.result);
      } catch {
        change = null; // a version with other scales: no comparison
      }
    }
    out.push({
      instrument: {
        id: latest.instrument_id,
        key: latest.instrument_key,
        title: latest.instrument_title,
        validated: latest.instrument_validated,
      },
      latest: {
        screeningId: latest.id,
        submittedAt: latest.submitted_at.toISOString(),
        total: latest.result.total ?? null,
      },
      previous: prev
        ? { screeningId: prev.id, submittedAt: prev.submitted_at.toISOString() }
        : null,
      change,
      method: change ? method(change) : 'none',
      newSinceLastSession: !since || latest.submitted_at >= since,
    });
  }
  return out;
}

/**
 * The pre-session brief: one request, a fixed number of queries whatever the caseload or the
 * client's history. A view across features: it reads through their repositories only.
 */
@Injectable()
export class BriefsService {
  constructor(
    private readonly access: AccessPolicy,
    private readonly clients: ClientsRepository,
    private readonly practices: PracticesRepository,
    private readonly appointments: AppointmentsRepository,
    private readonly alerts: AlertsRepository,
    private readonly screenings: ScreeningsRepository,
    private readonly assignments: AssignmentsRepository,
    private readonly reflections: ReflectionsRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async brief(auth: AuthContext, clientId: string): Promise<ClientBrief> {
    await this.access.requireAccess(auth, 'clients.brief', clientId);
    const scope = this.access.clientScope(auth);
    const now = this.clock.now();
    const { practiceId } = auth;
    const [client, sessions, practice] = await Promise.all([
      this.clients.summary(scope, clientId),
      this.appointments.lastAndNext(clientId, practiceId, now),
      this.practices.find(practiceId),
    ]);
    if (!client) throw notFound('That client');
    const since = sessions.last?.starts_at ?? null;
    const monthAgo = new Date(now.getTime() - RECENT_ALERT_DAYS * DAY_MS);
    const recentAlerts = since && since < monthAgo ? since : monthAgo;
    const readingSince = since ?? new Date(now.getTime() - RECENT_READING_DAYS * DAY_MS);
    const [alerts, pairs, shared, reading, toDo] = await Promise.all([
      this.alerts.openAndRecent(scope, clientId, recentAlerts, LIMITS.alerts),
      this.screenings.latestPairs(clientId, practiceId, LIMITS.instruments),
      this.reflections.sharedSince(clientId, practiceId, since, LIMITS.reflections),
      this.assignments.openAndFinishedSince(clientId, practiceId, readingSince, LIMITS.reading),
      this.screenings.toDo(clientId, practiceId),
    ]);
    const readings: BriefReading[] = reading.map((a) => ({
      assignmentId: a.id,
      moduleId: a.module.id,
      moduleTitle: a.module.title,
      status: a.status === 'completed' ? 'completed' : 'assigned',
      sectionsRead: a.sectionsRead.length,
      sectionCount: a.sectionCount,
      assignedAt: a.assignedAt,
      dueAt: a.dueAt,
      completedAt: a.completedAt,
      helpful: a.helpful,
    }));
    const due: BriefDueItem[] = [
      ...toDo.map((s) => ({
        kind: 'screening' as const,
        id: s.id,
        title: s.instrument.title,
        dueAt: s.dueAt,
        status: s.status,
        assignedAt: s.createdAt,
      })),
      ...readings
        .filter((r) => r.status === 'assigned')
        .map((r) => ({
          kind: 'reading' as const,
          id: r.assignmentId,
          title: r.moduleTitle,
          dueAt: r.dueAt,
          status: 'assigned' as const,
          assignedAt: r.assignedAt,
        })),
    ].sort(
      (a, b) =>
        (a.dueAt ? 0 : 1) - (b.dueAt ? 0 : 1) ||
        (a.dueAt ?? '').localeCompare(b.dueAt ?? '') ||
        a.assignedAt.localeCompare(b.assignedAt),
    );
    await this.audit.byCaller(auth, 'client.brief.read', {
      entityType: 'client',
      entityId: clientId,
      clientId,
      meta: { alerts: alerts.length, reflections: shared.length },
    });
    return {
      client: {
        id: client.id,
        displayName: `${client.preferredName || client.firstName} ${client.lastName}`,
        pronouns: client.pronouns,
        status: client.status,
      },
      timeZone: practice.timeZone,
      generatedAt: now.toISOString(),
      alerts,
      lastSession: session(sessions.last),
      nextSession: session(sessions.next),
      since: since?.toISOString() ?? null,
      scores: scoreChanges(pairs, since),
      reflections: shared.map((r) => ({
        id: r.id,
        assignmentId: r.assignment_id,
        moduleTitle: r.module_title,
        promptText: r.prompt_text,
        body: r.body,
        sharedAt: r.shared_at.toISOString(),
      })),
      reading: readings,
      due,
    };
  }
}
