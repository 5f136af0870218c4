import type { AppointmentStatus } from './scheduling-api.js';
import type { AlertSummary, ScreeningStatus } from './screening-api.js';
import type { AlertLevel, ReliableChangeResult, ScaleScore } from './screening/index.js';

/** One of the therapist's sessions on today's date in the practice's time zone. */
export interface TodaySession {
  appointmentId: string;
  startsAt: string;
  endsAt: string;
  status: AppointmentStatus;
  type: { id: string; name: string; durationMinutes: number };
  client: { id: string; displayName: string };
  /** The client is on this therapist's caseload, so their pre-session brief opens. */
  briefAvailable: boolean;
  /** The client's most urgent open safety alert, if any (safety first, even here). */
  openAlertLevel: AlertLevel | null;
}

/** The therapist's day: every session that starts today in the practice's zone, in time order. */
export interface TherapistToday {
  /** Today's date in the practice's zone ("YYYY-MM-DD"). */
  date: string;
  timeZone: string;
  sessions: TodaySession[];
}

/** A reflection a client shared lately (the dashboard lists who and what, not the words). */
export interface SharedReflectionSummary {
  id: string;
  assignmentId: string;
  client: { id: string; displayName: string };
  moduleTitle: string;
  sharedAt: string;
}

export interface BriefSession {
  id: string;
  startsAt: string;
  endsAt: string;
  status: AppointmentStatus;
  typeName: string;
  therapistName: string;
}

/** The latest result of one instrument against the one before it. */
export interface BriefScoreChange {
  instrument: { id: string; key: string; title: string; validated: boolean };
  latest: { screeningId: string; submittedAt: string; total: ScaleScore | null };
  previous: { screeningId: string; submittedAt: string } | null;
  /**
   * Scale by scale (and the total). A scale without Jacobson-Truax constants has `rc: null` and
   * direction 'unknown': raw change only, and it must be labelled so.
   */
  change: ReliableChangeResult | null;
  /** 'reliable' when the total (or, without a total, every scale) carries RC constants. */
  method: 'reliable' | 'raw' | 'none';
  /** Sent in after the last session began. */
  newSinceLastSession: boolean;
}

export interface BriefReflection {
  id: string;
  assignmentId: string;
  moduleTitle: string;
  promptText: string;
  body: string;
  sharedAt: string;
}

export interface BriefReading {
  assignmentId: string;
  moduleId: string;
  moduleTitle: string;
  status: 'assigned' | 'completed';
  sectionsRead: number;
  sectionCount: number;
  assignedAt: string;
  dueAt: string | null;
  completedAt: string | null;
  /** The client's "was this helpful" (1-5), if they gave one. */
  helpful: number | null;
}

/** Something assigned and still open: a screener to answer or a reading to finish. */
export interface BriefDueItem {
  kind: 'screening' | 'reading';
  id: string;
  title: string;
  dueAt: string | null;
  status: ScreeningStatus | 'assigned';
  assignedAt: string;
}

/**
 * `GET /api/clients/:id/brief`: what a therapist reads before a session, on one screen, from one
 * request. Safety first: open alerts, then the recent ones with who acknowledged them.
 */
export interface ClientBrief {
  client: {
    id: string;
    displayName: string;
    pronouns: string | null;
    status: 'active' | 'inactive';
  };
  timeZone: string;
  generatedAt: string;
  /** Open alerts first (most urgent first), then those raised or acknowledged lately. */
  alerts: AlertSummary[];
  /** The last session that has ended (not a no-show or a cancellation). */
  lastSession: BriefSession | null;
  /** The session now running or the next one booked. */
  nextSession: BriefSession | null;
  /** What "since the last session" counts from: the last session's start, or null (no session yet). */
  since: string | null;
  scores: BriefScoreChange[];
  /** Reflections the client shared since the last session (never the private ones), newest first. */
  reflections: BriefReflection[];
  /** Open readings and those finished since the last session, in the client's reading order. */
  reading: BriefReading[];
  /** Open screeners and readings, soonest due first (no due date last). */
  due: BriefDueItem[];
}

/** Whether the client gets the weekly note about open reading and screeners. */
export interface ReminderPreference {
  gentleReminders: boolean;
}

export type UpdateReminderPreferenceRequest = ReminderPreference;
