import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  formatSessionTime,
  type InstrumentDefinition,
  questionnaireCanonical,
  readableAnswers,
  RECORD_BUNDLE_TYPE,
  type RecordAudience,
  type RecordHead,
  recordReadme,
  type RecordReading,
  type RecordScreener,
  recordScreenerStatus,
  type RecordSession,
  toClientFhirQuestionnaire,
  toFhirAppointment,
  toFhirPatient,
  toFhirQuestionnaireResponse,
  toFhirQuestionnaire,
  toFhirReflection,
  urnUuid,
} from '@attune/shared';
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { type ClientExportRow, ClientsRepository } from '../clients/clients.repository.js';
import { AccessPolicy } from '../common/access/access.policy.js';
import type { AuthContext } from '../common/auth-context.js';
import { notFound } from '../common/errors.js';
import { ReadSnapshot } from '../database/read-snapshot.js';
import {
  type AssignmentExportRow,
  AssignmentsRepository,
} from '../psychoeducation/assignments.repository.js';
import type { AppointmentRow } from '../scheduling/appointments.repository.js';
import { AppointmentsRepository } from '../scheduling/appointments.repository.js';
import { InstrumentsRepository } from '../screening/instruments.repository.js';
import {
  type ScreeningExportRow,
  ScreeningsRepository,
} from '../screening/screenings.repository.js';
import { chunked, jsonDocument, mapAsync } from './json-stream.js';
import { zipStream } from './zip.js';

/** How long one download may take (and pause) before the database lets go of its snapshot. */
const EXPORT_TIMEOUT_MS = 5 * 60 * 1000;

/** What one export shows, decided by the access policy's questions about the caller. */
interface Shape {
  audience: RecordAudience;
  /** Scores, bands and safety alerts: staff only. */
  clinical: boolean;
  /** Reflections the client kept private: the client only. */
  privateReflections: boolean;
  clientId: string;
  practiceZone: string;
  patient: { reference: string; display: string };
  definitions: Map<string, InstrumentDefinition>;
}

const iso = (d: Date | null) => d?.toISOString() ?? null;
const isoText = (d: string | Date | null) => (d ? new Date(d).toISOString() : null);

/**
 * A client's record as one ZIP: README.txt, record.json (plain words) and fhir-bundle.json (FHIR
 * R4, a `collection` Bundle). Everything comes from one read-only snapshot of the database,
 * streamed table by table through server-side cursors: a fixed number of statements whatever the
 * size of the record, and never more than a batch of rows in memory.
 */
@Injectable()
export class ClientExportService {
  private readonly logger = new Logger('ClientExport');

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly access: AccessPolicy,
    private readonly clients: ClientsRepository,
    private readonly instruments: InstrumentsRepository,
    private readonly screenings: ScreeningsRepository,
    private readonly assignments: AssignmentsRepository,
    private readonly appointments: AppointmentsRepository,
    private readonly audit: AuditService,
  ) {}

  async export(auth: AuthContext, clientId: string): Promise<{ filename: string; zip: Readable }> {
    await this.access.requireAccess(auth, 'clients.export', clientId);
    const privateReflections = this.access.can(auth, 'reflections.readPrivate');
    const clinical = this.access.can(auth, 'screenings.review');
    const snap = await ReadSnapshot.open(this.ds, EXPORT_TIMEOUT_MS);
    try {
      const row = await this.clients.exportHead(snap, clientId);
      if (!row) throw notFound('That client');
      const definitions = await this.instruments.usedByClient(snap, clientId, auth.practiceId);
      const audience: RecordAudience = privateReflections ? 'client' : 'practice';
      await this.audit.byCaller(auth, 'client.export', {
        entityType: 'client',
        entityId: clientId,
        clientId,
        meta: { audience, privateReflections, clinical },
      });
      const exportedAt = new Date();
      const shape: Shape = {
        audience,
        clinical,
        privateReflections,
        clientId,
        practiceZone: row.practice_zone,
        patient: {
          reference: urnUuid(clientId),
          display: `${row.preferred_name || row.first_name} ${row.last_name}`,
        },
        definitions,
      };
      const head = this.head(row, shape, exportedAt);
      const zip = zipStream(
        [
          { name: 'README.txt', text: recordReadme(head) },
          {
            name: 'record.json',
            open: () => Readable.from(chunked(this.record(snap, head, shape))),
          },
          {
            name: 'fhir-bundle.json',
            open: () => Readable.from(chunked(this.bundle(snap, head, shape, exportedAt))),
          },
        ],
        exportedAt,
      );
      // However the download ends (done, failed, abandoned), the snapshot lets go of the database.
      let settled = false;
      const release = (e?: Error | null) => {
        if (settled) return;
        settled = true;
        if (e) this.logger.warn(`Export of a client record stopped: ${e.message}`);
        void snap.close();
      };
      zip.once('end', () => release());
      zip.once('error', release);
      zip.once('close', () => release());
      const date = exportedAt.toISOString().slice(0, 10);
      return { filename: `attune-record-${date}.zip`, zip };
    } catch (e) {
      await snap.close();
      throw e;
    }
  }

  private head(row: ClientExportRow, shape: Shape, exportedAt: Date): RecordHead {
    const name = `${row.first_name} ${row.last_name}`;
    const client = shape.audience === 'client';
    const leftOut = client
      ? [
          'Scores, score bands and safety alerts: your therapist goes through results with you, ' +
            'and the practice can give you the full clinical record on request.',
        ]
      : [
          "Reflections the client kept private: they were written for the client alone, so only the client's own download holds them.",
        ];
    return {
      title: client
        ? `Your record at ${row.practice_name}`
        : `Record of ${name} at ${row.practice_name}`,
      about: client
        ? `A copy of what ${row.practice_name} keeps about you in Attune. fhir-bundle.json holds the same record in FHIR R4, a format other health record systems can read.`
        : `A copy of the client's record, made by the practice on the client's request. fhir-bundle.json holds the same record in FHIR R4.`,
      audience: shape.audience,
      exportedAt: exportedAt.toISOString(),
      exportedAtText: formatSessionTime(exportedAt, row.practice_zone),
      leftOut,
      practice: { name: row.practice_name, timeZone: row.practice_zone },
      client: {
        id: row.id,
        firstName: row.first_name,
        lastName: row.last_name,
        preferredName: row.preferred_name,
        pronouns: row.pronouns,
        email: row.email,
        timeZone: row.time_zone,
        status: row.status,
        primaryTherapist: row.therapist_name,
        addedAt: row.created_at.toISOString(),
        closedAt: iso(row.closed_at),
      },
    };
  }

  /** record.json: the head, then screeners, reading and sessions as they stream in. */
  private record(snap: ReadSnapshot, head: RecordHead, shape: Shape): AsyncGenerator<string> {
    return jsonDocument(head, [
      [
        'screeners',
        mapAsync(this.screenings.forExport(snap, shape.clientId, shape.clinical), (s) =>
          this.screener(s, shape),
        ),
      ],
      [
        'reading',
        mapAsync(
          this.assignments.forExport(snap, shape.clientId, shape.privateReflections),
          readingOf,
        ),
      ],
      [
        'sessions',
        mapAsync(this.appointments.forExport(snap, shape.clientId), (a) =>
          sessionOf(a, shape.practiceZone),
        ),
      ],
    ]);
  }

  private screener(s: ScreeningExportRow, shape: Shape): RecordScreener {
    const def = shape.definitions.get(s.instrument_id);
    const out: RecordScreener = {
      id: s.id,
      title: s.title,
      questionnaire: def ? questionnaireCanonical(def) : '',
      status: recordScreenerStatus(s.status),
      assignedAt: s.created_at.toISOString(),
      dueAt: iso(s.due_at),
      submittedAt: iso(s.submitted_at),
      answers: def ? readableAnswers(def, s.answers) : [],
    };
    if (shape.clinical) {
      const questions = new Map(
        def?.sections.flatMap((sec) => sec.items.map((i) => [i.linkId, i.text] as const)) ?? [],
      );
      out.result = s.result;
      out.alerts = s.alerts.map((a) => ({
        level: a.level,
        reason: a.reason,
        question: questions.get(a.link_id) ?? a.link_id,
        raisedAt: isoText(a.created_at)!,
        acknowledgedAt: isoText(a.acknowledged_at),
        acknowledgedBy: a.acknowledged_by,
        acknowledgementNote: a.acknowledgement_note,
      }));
    }
    return out;
  }

  /**
   * fhir-bundle.json: a `collection` Bundle (a set of resources gathered for one purpose; not a
   * `document`, which would need a Composition and claims to be one attested clinical document).
   * Patient, the Questionnaires used (so the Bundle stands alone), a QuestionnaireResponse per
   * screener with answers, pointing to its Questionnaire's canonical `url|version`, the
   * Appointments, and the reflections as DocumentReferences. Entries refer to each other by
   * `urn:uuid:`.
   */
  private bundle(
    snap: ReadSnapshot,
    head: RecordHead,
    shape: Shape,
    exportedAt: Date,
  ): AsyncGenerator<string> {
    const entry = (id: string, resource: object) => ({ fullUrl: urnUuid(id), resource });
    const questionnaires = [...shape.definitions].map(([id, def]) =>
      entry(id, {
        ...(shape.clinical ? toFhirQuestionnaire(def) : toClientFhirQuestionnaire(def)),
        id,
      }),
    );
    async function* entries(self: ClientExportService): AsyncGenerator<object> {
      yield entry(shape.clientId, toFhirPatient(head.client, head.practice.name));
      yield* questionnaires;
      yield* mapAsync(self.screenings.forExport(snap, shape.clientId, false), (s) => {
        const qr = self.response(s, shape);
        return qr ? entry(s.id, qr) : undefined;
      });
      yield* mapAsync(self.appointments.forExport(snap, shape.clientId), (a) =>
        entry(a.id, toFhirAppointment(sessionOf(a, shape.practiceZone), shape.patient)),
      );
      yield* mapAsync(
        self.assignments.forExport(snap, shape.clientId, shape.privateReflections),
        (a) => {
          const reading = readingOf(a);
          return reading.reflections.map((r) =>
            entry(r.id, toFhirReflection(r, reading.title, shape.patient)),
          );
        },
        true,
      );
    }
    return jsonDocument(
      {
        resourceType: 'Bundle',
        id: randomUUID(),
        type: RECORD_BUNDLE_TYPE,
        timestamp: exportedAt.toISOString(),
      },
      [['entry', entries(this)]],
    );
  }

  /** A screener's answers as a QuestionnaireResponse; none for one never started. */
  private response(s: ScreeningExportRow, shape: Shape) {
    const def = shape.definitions.get(s.instrument_id);
    if (!def || (s.status !== 'submitted' && Object.keys(s.answers).length === 0)) return undefined;
    try {
      return toFhirQuestionnaireResponse(def, s.answers, {
        id: s.id,
        authored: (s.submitted_at ?? s.updated_at).toISOString(),
        subjectReference: shape.patient.reference,
        subjectDisplay: shape.patient.display,
        status:
          s.status === 'submitted'
            ? 'completed'
            : s.status === 'cancelled'
              ? 'stopped'
              : 'in-progress',
        omitScores: !shape.clinical,
      });
    } catch (e) {
      // A draft the instrument no longer accepts: its answers are still in record.json.
      this.logger.warn(`Screening ${s.id} left out of the FHIR Bundle: ${(e as Error).message}`);
      return undefined;
    }
  }
}

function readingOf(a: AssignmentExportRow): RecordReading {
  const prompts = new Map((a.prompts ?? []).map((p) => [p.id, p.text]));
  return {
    id: a.id,
    title: a.title,
    status: a.status,
    assignedAt: a.created_at.toISOString(),
    dueAt: iso(a.due_at),
    completedAt: iso(a.completed_at),
    note: a.note,
    reflections: a.reflections.map((r) => ({
      id: r.id,
      prompt: prompts.get(r.prompt_id) ?? 'A reflection',
      text: r.body,
      shared: r.shared,
      writtenAt: isoText(r.created_at)!,
      updatedAt: isoText(r.updated_at)!,
    })),
  };
}

function sessionOf(a: AppointmentRow, zone: string): RecordSession {
  return {
    id: a.id,
    when: formatSessionTime(a.starts_at, zone),
    startsAt: a.starts_at.toISOString(),
    endsAt: a.ends_at.toISOString(),
    therapist: a.therapist_name,
    type: a.type_name,
    status: a.status,
    cancelledAt: iso(a.cancelled_at),
    cancelReason: a.cancel_reason,
    lateCancel: a.late_cancel,
  };
}
