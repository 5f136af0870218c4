import type {
  Answers,
  InstrumentDefinition,
  ReliableChangeResult,
  ScoreResult,
} from './screening/index.js';

export const SCREENING_STATUSES = ['assigned', 'in_progress', 'submitted', 'cancelled'] as const;
export type ScreeningStatus = (typeof SCREENING_STATUSES)[number];

export const SCREENING_LIMITS = {
  noteMax: 1000,
  acknowledgementMin: 3,
  acknowledgementMax: 2000,
  idempotencyKeyMax: 200,
  textAnswerMax: 4000,
  /** Answers in one draft or submit: more than any instrument has items. */
  answersMax: 500,
} as const;

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
  definition: InstrumentDefinition;
}

export interface AssignScreeningRequest {
  instrumentId: string;
  dueAt?: string;
  note?: string;
}

export interface ScreeningSummary {
  id: string;
  clientId: string;
  instrument: { id: string; key: string; version: number; title: string };
  status: ScreeningStatus;
  dueAt: string | null;
  note: string | null;
  createdAt: string;
  submittedAt: string | null;
  /** Staff only: the scored result once submitted. */
  result: ScoreResult | null;
  /** Staff only: open (unacknowledged) alerts raised by this screening. */
  openAlerts: number;
}

/** What the runner needs: the definition, the saved draft and its version. */
export interface ScreeningDetail extends Omit<ScreeningSummary, 'result' | 'openAlerts'> {
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
  /** Change against the client's previous submitted administration of the same instrument. */
  previous: { screeningId: string; submittedAt: string; change: ReliableChangeResult } | null;
}

export interface AlertSummary {
  id: string;
  client: { id: string; displayName: string };
  screeningId: string;
  instrumentTitle: string;
  linkId: string;
  severity: 'urgent' | 'review';
  reason: 'answered' | 'declined';
  message: string;
  /** 'draft' when raised from a saved answer before the screener was submitted. */
  raisedFrom: 'draft' | 'submission';
  createdAt: string;
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

export interface ClientDashboard {
  role: 'client';
  screeningsToDo: ScreeningSummary[];
}

export type Dashboard = TherapistDashboard | AdminDashboard | ClientDashboard;
