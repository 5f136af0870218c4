/**
 * A client's record as one download (GET /api/clients/:id/export): a readable JSON document
 * (`record.json`, the shapes below) and the same record as a FHIR R4 Bundle of type `collection`
 * (`fhir-bundle.json`). Pure functions over plain data; the server pages through the database and
 * streams both files.
 *
 * Two audiences. The client's own copy holds what they gave and what they see in Attune: their
 * details, every answer they gave (drafts too), their reading and all their reflections, private
 * ones included, and their sessions; no scores, bands, cut-offs or safety alerts (clients never
 * see those; their therapist goes through results with them). The practice's copy, made by an
 * admin on a client's request, holds the clinical record too (scores, bands, alerts with who
 * acknowledged them) but never the reflections the client kept private: those were written for
 * the client alone, so only the client's own download carries them.
 */
import type { ClientStatus } from './roles.js';
import type { AppointmentStatus } from './scheduling-api.js';
import type { Answers, InstrumentDefinition, ItemDefinition } from './screening/definition.js';
import type { AlertLevel, FlagReason } from './screening/definition.js';
import { flattenItems } from './screening/model.js';
import type { ScoreResult } from './screening/score.js';

/** Who the copy is for: the client's own download, or the practice's on the client's request. */
export type RecordAudience = 'client' | 'practice';

/** One answer as words: the question and what the client chose or wrote. */
export interface RecordAnswer {
  linkId: string;
  question: string;
  answer: string;
}

export interface RecordClient {
  id: string;
  firstName: string;
  lastName: string;
  preferredName: string | null;
  pronouns: string | null;
  email: string | null;
  timeZone: string | null;
  status: ClientStatus;
  primaryTherapist: string | null;
  addedAt: string;
  /** When the practice closed the record (deactivated the client). */
  closedAt: string | null;
}

/** A safety alert as the practice's copy records it (never in the client's own). */
export interface RecordAlert {
  level: AlertLevel;
  reason: FlagReason;
  question: string;
  raisedAt: string;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
  acknowledgementNote: string | null;
}

export type RecordScreenerStatus = 'not started' | 'in progress' | 'submitted' | 'withdrawn';

export interface RecordScreener {
  id: string;
  title: string;
  /** The FHIR canonical (`url|version`) of the questionnaire, as in fhir-bundle.json. */
  questionnaire: string;
  status: RecordScreenerStatus;
  assignedAt: string;
  dueAt: string | null;
  submittedAt: string | null;
  answers: RecordAnswer[];
  /** Practice copy only: scores, bands and flags as stored with the engine version. */
  result?: ScoreResult | null;
  /** Practice copy only. */
  alerts?: RecordAlert[];
}

export interface RecordReflection {
  id: string;
  prompt: string;
  text: string;
  /** Shared with the therapist; false: private, written for the client alone. */
  shared: boolean;
  writtenAt: string;
  updatedAt: string;
}

export interface RecordReading {
  id: string;
  title: string;
  status: 'assigned' | 'completed' | 'withdrawn';
  assignedAt: string;
  dueAt: string | null;
  completedAt: string | null;
  /** The therapist's note to the client. */
  note: string | null;
  reflections: RecordReflection[];
}

export interface RecordSession {
  id: string;
  /** "Monday, March 9, 2026 at 9:00 AM EDT", in the practice's time zone. */
  when: string;
  startsAt: string;
  endsAt: string;
  therapist: string;
  type: string;
  status: AppointmentStatus;
  cancelledAt: string | null;
  cancelReason: string | null;
  lateCancel: boolean;
}

/** The head of record.json; `screeners`, `reading` and `sessions` follow as lists. */
export interface RecordHead {
  title: string;
  about: string;
  audience: RecordAudience;
  exportedAt: string;
  /** The same instant in words, in the practice's time zone. */
  exportedAtText: string;
  /** What this copy leaves out, and why, in plain words. */
  leftOut: string[];
  practice: { name: string; timeZone: string };
  client: RecordClient;
}

const SCREENER_STATUS: Record<string, RecordScreenerStatus> = {
  assigned: 'not started',
  in_progress: 'in progress',
  submitted: 'submitted',
  cancelled: 'withdrawn',
};

/** A screening's status in the words record.json uses. */
export function recordScreenerStatus(status: string): RecordScreenerStatus {
  return SCREENER_STATUS[status] ?? 'in progress';
}

function answerText(item: ItemDefinition, value: string | number | boolean): string {
  if (item.type === 'choice')
    return item.options?.find((o) => o.code === value)?.display ?? String(value);
  if (item.type === 'boolean') return value === true ? 'Yes' : value === false ? 'No' : '';
  return String(value);
}

/**
 * The answers as question and answer in words, in the order the questions are asked. Read-only
 * (calculated) items are left out; "prefer not to answer" reads as such; blank text is skipped.
 */
export function readableAnswers(def: InstrumentDefinition, answers: Answers): RecordAnswer[] {
  const out: RecordAnswer[] = [];
  for (const item of flattenItems(def)) {
    const answer = answers[item.linkId];
    if (!answer || item.readOnly || item.type === 'display') continue;
    if ('declined' in answer) {
      out.push({ linkId: item.linkId, question: item.text, answer: 'Preferred not to answer' });
      continue;
    }
    const text = answerText(item, answer.value);
    if (text !== '') out.push({ linkId: item.linkId, question: item.text, answer: text });
  }
  return out;
}

// ---------------------------------------------------------------- FHIR R4

/** `collection`: a set of resources gathered for one purpose (a copy of a record), no Composition. */
export const RECORD_BUNDLE_TYPE = 'collection';

/** A `urn:uuid:` reference, as Bundle entries refer to each other. */
export const urnUuid = (id: string) => `urn:uuid:${id}`;

export interface FhirReference {
  reference?: string;
  display?: string;
}

export interface FhirPatient {
  resourceType: 'Patient';
  id: string;
  active: boolean;
  name: { use: 'official' | 'usual'; family?: string; given: string[]; text?: string }[];
  telecom?: { system: 'email'; value: string; use: 'home' }[];
  generalPractitioner?: FhirReference[];
  managingOrganization: FhirReference;
}

/** The client as a FHIR Patient (preferred name as a `usual` name). */
export function toFhirPatient(c: RecordClient, practiceName: string): FhirPatient {
  const patient: FhirPatient = {
    resourceType: 'Patient',
    id: c.id,
    active: c.status === 'active',
    name: [{ use: 'official', family: c.lastName, given: [c.firstName] }],
    managingOrganization: { display: practiceName },
  };
  if (c.preferredName) patient.name.push({ use: 'usual', given: [c.preferredName] });
  if (c.email) patient.telecom = [{ system: 'email', value: c.email, use: 'home' }];
  if (c.primaryTherapist) patient.generalPractitioner = [{ display: c.primaryTherapist }];
  return patient;
}

export interface FhirAppointment {
  resourceType: 'Appointment';
  id: string;
  status: 'booked' | 'fulfilled' | 'noshow' | 'cancelled';
  description: string;
  serviceType: { text: string }[];
  start: string;
  end: string;
  minutesDuration: number;
  cancelationReason?: { text: string };
  participant: {
    actor: FhirReference;
    status: 'accepted';
  }[];
}

const APPOINTMENT_STATUS: Record<AppointmentStatus, FhirAppointment['status']> = {
  booked: 'booked',
  completed: 'fulfilled',
  no_show: 'noshow',
  cancelled: 'cancelled',
};

/** A session as a FHIR Appointment between the client (the Patient) and their therapist. */
export function toFhirAppointment(s: RecordSession, patient: FhirReference): FhirAppointment {
  const appointment: FhirAppointment = {
    resourceType: 'Appointment',
    id: s.id,
    status: APPOINTMENT_STATUS[s.status],
    description: `${s.type} with ${s.therapist}`,
    serviceType: [{ text: s.type }],
    start: s.startsAt,
    end: s.endsAt,
    minutesDuration: Math.max(
      1,
      Math.round((Date.parse(s.endsAt) - Date.parse(s.startsAt)) / 60_000),
    ),
    participant: [
      { actor: patient, status: 'accepted' },
      { actor: { display: s.therapist }, status: 'accepted' },
    ],
  };
  // FHIR allows a cancellation reason only on cancelled and missed appointments (app-4).
  if (s.status === 'cancelled' && s.cancelReason)
    appointment.cancelationReason = { text: s.cancelReason };
  return appointment;
}

export interface FhirDocumentReference {
  resourceType: 'DocumentReference';
  id: string;
  status: 'current';
  type: { text: string };
  subject: FhirReference;
  author: FhirReference[];
  date: string;
  description: string;
  securityLabel: { coding: { system: string; code: string; display: string }[] }[];
  content: {
    attachment: {
      contentType: string;
      language: string;
      data: string;
      title: string;
      creation: string;
    };
  }[];
}

const CONFIDENTIALITY = 'http://terminology.hl7.org/CodeSystem/v3-Confidentiality';

/** UTF-8 text as base64 (FHIR's base64Binary), without Node's Buffer. */
function base64Utf8(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}

/**
 * A reflection as a FHIR DocumentReference: a short text the client wrote themselves (not a
 * measurement, so not an Observation), with the prompt as its title, the client as subject and
 * author, and its sharing as a confidentiality label (R: restricted, kept private by the client;
 * N: normal, shared with their therapist).
 */
export function toFhirReflection(
  r: RecordReflection,
  readingTitle: string,
  patient: FhirReference,
): FhirDocumentReference {
  return {
    resourceType: 'DocumentReference',
    id: r.id,
    status: 'current',
    type: { text: 'Reflection on a reading' },
    subject: patient,
    author: [patient],
    date: r.updatedAt,
    description: `Reflection on "${readingTitle}"`,
    securityLabel: [
      {
        coding: [
          r.shared
            ? { system: CONFIDENTIALITY, code: 'N', display: 'normal' }
            : { system: CONFIDENTIALITY, code: 'R', display: 'restricted' },
        ],
      },
    ],
    content: [
      {
        attachment: {
          contentType: 'text/plain; charset=utf-8',
          language: 'en',
          data: base64Utf8(r.text),
          title: r.prompt,
          creation: r.writtenAt,
        },
      },
    ],
  };
}

/** The short README.txt that goes with the two files. */
export function recordReadme(head: Pick<RecordHead, 'title' | 'exportedAtText' | 'audience'>) {
  const lines = [
    head.title,
    `Made on ${head.exportedAtText}.`,
    '',
    'record.json       The record in plain words: details, screeners with the answers given,',
    '                  reading and reflections, and sessions. Any text editor opens it.',
    'fhir-bundle.json  The same record as a FHIR R4 Bundle (type "collection"), a format other',
    '                  health record systems can import: a Patient, the Questionnaires and',
    '                  QuestionnaireResponses, Appointments, and reflections as',
    '                  DocumentReferences.',
    '',
    head.audience === 'client'
      ? 'This copy holds what you gave and what you see in Attune, including reflections you ' +
        'kept private. Scores and safety alerts are not in it: your therapist can go through ' +
        'them with you, and the practice can give you the full clinical record on request.'
      : 'This copy was made by the practice on request. It holds the clinical record (scores ' +
        'and safety alerts too) but not reflections the client kept private: those are only in ' +
        "the client's own download from their account page.",
    '',
    'Please keep this file somewhere safe: it holds private health information.',
  ];
  return `${lines.join('\n')}\n`;
}
