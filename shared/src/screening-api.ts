import type {
  AlertLevel,
  Answers,
  ClientInstrumentView,
  CriticalItem,
  FlagReason,
  InstrumentDefinition,
  ReliableChangeResult,
  ScoreResult,
} from './screening/index.js';
import type { SharedReflectionSummary, TherapistToday } from './today-api.js';

export const SCREENING_STATUSES = ['assigned', 'in_progress', 'submitted', 'cancelled'] as const;
export type ScreeningStatus = (typeof SCREENING_STATUSES)[number];

export const SCREENING_LIMITS = {
  noteMax: 1000,
  acknowledgementMin: 3,
  acknowledgementMax: 2000,
  idempotencyKeyMax: 200,
  textAnswerMax: 4000,
  criticalMessageMax: 1000,
  criticalItemsMax: 50,
  /** Answers in one draft or submit: more than any instrument has items. */
  answersMax: 500,
} as const;

/** Shown wherever a score of an instrument that is not validated appears. */
export const NOT_VALIDATED_LABEL = 'Not validated, not a diagnosis';

export interface InstrumentSummary {
  id: string;
  key: string;
  version: number;
  title: string;
  description: string;
  validated: boolean;
  validationNote: string;
  licence: string;
  /** 'builtin' ships with Attune; 'fhir' was imported by the practice. */
  source: 'builtin' | 'fhir';
  itemCount: number;
}

export interface InstrumentDetail extends InstrumentSummary {
  /** The definition as it is scored in this practice (critical items as the practice set them). */
  definition: InstrumentDefinition;
  /** 'practice' when an admin changed the critical items for this practice. */
  criticalItemsSource: 'definition' | 'practice';
}

/** A practice's critical items for one instrument, applied whenever its answers are scored. */
export interface CriticalItemsSettings {
  instrumentId: string;
  items: CriticalItem[];
  /** 'definition' until an admin saves the practice's own choice. */
  source: 'definition' | 'practice';
  /** Send back on save; a stale one gets 409. 0 before the first save. */
  version: number;
  updatedAt: string | null;
  updatedBy: string | null;
}

/** One critical item as an admin sets it: which answers, how urgent, what the clinician reads. */
export interface CriticalItemSetting {
  linkId: string;
  /** Option codes of the choice item that are critical ("prefer not to answer" always brings a CHECK-IN). */
  answerCodes: string[];
  level: Exclude<AlertLevel, 'immediate'>;
  message: string;
}

export interface SaveCriticalItemsRequest {
  version: number;
  items: CriticalItemSetting[];
}

export interface AssignScreeningRequest {
  instrumentId: string;
  dueAt?: string;
  note?: string;
}

/** A screening as a client sees it in lists: no scores, no alerts. */
export interface ClientScreeningSummary {
  id: string;
  clientId: string;
  instrument: { id: string; key: string; version: number; title: string };
  status: ScreeningStatus;
  dueAt: string | null;
  note: string | null;
  createdAt: string;
  submittedAt: string | null;
}

/** A screening as staff see it in lists: with its result and open alerts. */
export interface ScreeningSummary extends ClientScreeningSummary {
  instrument: ClientScreeningSummary['instrument'] & { validated: boolean };
  /** The scored result once submitted. */
  result: ScoreResult | null;
  /** Open (unacknowledged) alerts raised by this screening. */
  openAlerts: number;
  /** The most urgent open alert's level, if any. */
  openAlertLevel: AlertLevel | null;
}

/**
 * What a client's runner gets: the questions (no scores, bands, cut-offs or clinician
 * messages), their own saved answers and the practice's crisis text.
 */
export interface ClientScreeningDetail extends ClientScreeningSummary {
  definition: ClientInstrumentView;
  answers: Answers;
  /** Send back with each draft save; a stale one gets 409. */
  draftVersion: number;
  updatedAt: string;
  /** The practice's own after-hours text, shown with 988 and 911. */
  crisisText: string;
}

/** What staff get for one screening: the full definition, the saved answers and the draft version. */
export interface ScreeningDetail extends Omit<
  ScreeningSummary,
  'result' | 'openAlerts' | 'openAlertLevel'
> {
  definition: InstrumentDefinition;
  answers: Answers;
  /** Send back with each draft save; a stale one gets 409. */
  draftVersion: number;
  updatedAt: string;
}

export interface SaveDraftRequest {
  version: number;
  answers: Answers;
}

export interface DraftSaved {
  draftVersion: number;
  savedAt: string;
}

/** 409 body `current` when a draft save or submit was based on an old version. */
export interface DraftConflict {
  draftVersion: number;
  answers: Answers;
  status: ScreeningStatus;
}

export interface SubmitScreeningRequest {
  version: number;
  answers: Answers;
}

export interface ScreeningSubmitted {
  id: string;
  status: 'submitted';
  submittedAt: string;
}

export interface ScreeningResultView {
  screening: ScreeningSummary;
  definition: InstrumentDefinition;
  answers: Answers;
  result: ScoreResult;
  /** Every alert this screening raised, newest first, with who acknowledged it, when and the note. */
  alerts: AlertSummary[];
  /** Change against the client's previous submitted administration of the same instrument. */
  previous: { screeningId: string; submittedAt: string; change: ReliableChangeResult } | null;
}

export interface AlertSummary {
  id: string;
  client: { id: string; displayName: string };
  screeningId: string;
  instrumentTitle: string;
  linkId: string;
  level: AlertLevel;
  reason: FlagReason;
  message: string;
  /** 'draft' when raised from a saved answer before the screener was submitted. */
  raisedFrom: 'draft' | 'submission';
  createdAt: string;
  /** Set when a worse answer raised this alert's level while it was open. */
  escalatedAt: string | null;
  /** The acknowledged alert this one escalates (a worse answer came after it was acknowledged). */
  escalatedFrom: { id: string; level: AlertLevel; acknowledgedAt: string } | null;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
  acknowledgementNote: string | null;
}

export interface AcknowledgeAlertRequest {
  note: string;
}

export interface TherapistDashboard {
  role: 'therapist';
  openAlerts: AlertSummary[];
  /** Today's sessions in the practice's time zone, in time order (shown right after the alerts). */
  today: TherapistToday;
  /** Reflections the caseload shared in the last 14 days, newest first. */
  sharedReflections: SharedReflectionSummary[];
  clientCount: number;
  /** Screeners submitted by the caseload in the last 14 days, newest first. */
  recentlySubmitted: ScreeningSummary[];
  pendingInvitations: number;
}

export interface AdminDashboard {
  role: 'admin';
  openAlerts: AlertSummary[];
  clientCount: number;
  memberCount: number;
  pendingInvitations: number;
  unassignedClients: number;
}

/** The client's next session, for their home page (with "add to calendar"). */
export interface ClientNextSession {
  id: string;
  startsAt: string;
  endsAt: string;
  therapistName: string;
  typeName: string;
}

/** A reading the client has not finished, for their home page (nothing that grades them). */
export interface ClientHomeReading {
  assignmentId: string;
  title: string;
  summary: string;
  readingMinutes: number;
  /** They have opened at least one part of it. */
  started: boolean;
}

export interface ClientDashboard {
  role: 'client';
  screeningsToDo: ClientScreeningSummary[];
  /** The session now running or the next one booked (null: none booked). */
  nextSession: ClientNextSession | null;
  /** Readings not finished yet, in the order their therapist set (at most a few). */
  reading: ClientHomeReading[];
  /** The practice's time zone, in which the session time is shown. */
  timeZone: string;
}

export type Dashboard = TherapistDashboard | AdminDashboard | ClientDashboard;
