import { r4Problems } from '../testing/fhir-r4-validator.js';
import {
  readableAnswers,
  RECORD_BUNDLE_TYPE,
  type RecordClient,
  recordReadme,
  type RecordSession,
  toFhirAppointment,
  toFhirPatient,
  toFhirReflection,
  urnUuid,
} from './record-export.js';
import {
  questionnaireCanonical,
  toClientFhirQuestionnaire,
  toFhirQuestionnaire,
  toFhirQuestionnaireResponse,
} from './screening/fhir.js';
import { PERFECTIONISM_PATTERNS_CHECK as PPC } from './screening/perfectionism-patterns-check.js';

const client: RecordClient = {
  id: '6f1c1c0e-3c1a-4d7e-9a55-2f0e6b1d9a01',
  firstName: 'Samantha',
  lastName: 'Lee',
  preferredName: 'Sam',
  pronouns: 'she/her',
  email: 'sam@example.org',
  timeZone: null,
  status: 'active',
  primaryTherapist: 'Theo Rivera',
  addedAt: '2026-01-05T15:00:00.000Z',
  closedAt: null,
};
const patientRef = { reference: urnUuid(client.id), display: 'Sam Lee' };

const session = (over: Partial<RecordSession> = {}): RecordSession => ({
  id: '0d3f5a9e-8b4c-4e1f-a2d3-9c8b7a6f5e41',
  when: 'Monday, March 9, 2026 at 9:00 AM EDT',
  startsAt: '2026-03-09T13:00:00.000Z',
  endsAt: '2026-03-09T13:50:00.000Z',
  therapist: 'Theo Rivera',
  type: 'Ongoing session',
  status: 'booked',
  cancelledAt: null,
  cancelReason: null,
  lateCancel: false,
  ...over,
});

describe('record export: readable answers', () => {
  it('writes each answer as its question and the words chosen, in the order asked', () => {
    const answers = readableAnswers(PPC, {
      'fear-of-mistakes-1': { value: 'often' },
      'all-or-nothing-1': { value: 'sometimes' },
      'all-or-nothing-2': { declined: true },
      'origins-approval': { value: 'often' },
      'origins-more': { value: 'My dad kept score.' },
      'not-an-item': { value: 'x' },
    });
    expect(answers).toEqual([
      {
        linkId: 'all-or-nothing-1',
        question: 'If something was not perfect, it felt like a failure.',
        answer: 'Sometimes',
      },
      {
        linkId: 'all-or-nothing-2',
        question: 'One small slip made a whole day or task feel ruined.',
        answer: 'Preferred not to answer',
      },
      {
        linkId: 'fear-of-mistakes-1',
        question: 'Just thinking about making a mistake made me tense.',
        answer: 'Often',
      },
      {
        linkId: 'origins-approval',
        question:
          'When you were growing up, did love or approval seem to depend on how well you did?',
        answer: 'Often',
      },
      {
        linkId: 'origins-more',
        question: 'If you like, you can share a little more here. Keep it as short as you want.',
        answer: 'My dad kept score.',
      },
    ]);
  });
});

describe('record export: FHIR R4 resources', () => {
  it('a Patient with official and preferred names passes the R4 validator', () => {
    const patient = toFhirPatient(client, 'Harbor Light Counseling');
    expect(r4Problems(patient)).toEqual([]);
    expect(patient.name).toEqual([
      { use: 'official', family: 'Lee', given: ['Samantha'] },
      { use: 'usual', given: ['Sam'] },
    ]);
    expect(toFhirPatient({ ...client, status: 'inactive', email: null }, 'X')).toMatchObject({
      active: false,
    });
    expect(toFhirPatient({ ...client, email: null }, 'X')).not.toHaveProperty('telecom');
  });

  it('maps each session status, with a cancellation reason only when cancelled', () => {
    const statuses = (['booked', 'completed', 'no_show', 'cancelled'] as const).map((status) =>
      toFhirAppointment(
        session({ status, cancelReason: status === 'cancelled' ? 'Unwell' : null }),
        patientRef,
      ),
    );
    expect(statuses.map((a) => a.status)).toEqual(['booked', 'fulfilled', 'noshow', 'cancelled']);
    expect(statuses[3]!.cancelationReason).toEqual({ text: 'Unwell' });
    expect(statuses[0]!.minutesDuration).toBe(50);
    for (const a of statuses) expect(r4Problems(a)).toEqual([]);
  });

  it('a reflection is a DocumentReference whose text round-trips, private ones labelled restricted', () => {
    const text = 'I noticed the “should” voice — and let it pass. 🌱';
    const doc = toFhirReflection(
      {
        id: '5b2f8a61-1c3d-4e5f-8a9b-0c1d2e3f4a5b',
        prompt: 'What did you notice this week?',
        text,
        shared: false,
        writtenAt: '2026-03-01T10:00:00.000Z',
        updatedAt: '2026-03-02T10:00:00.000Z',
      },
      'The inner critic',
      patientRef,
    );
    expect(r4Problems(doc)).toEqual([]);
    const attachment = doc.content[0]!.attachment;
    expect(Buffer.from(attachment.data, 'base64').toString('utf8')).toBe(text);
    expect(attachment.title).toBe('What did you notice this week?');
    expect(doc.securityLabel[0]!.coding[0]!.code).toBe('R');
  });

  it("the client's Questionnaire leaves out bands, cut-offs and critical-item rules", () => {
    const full = toFhirQuestionnaire(PPC);
    const mine = toClientFhirQuestionnaire(PPC);
    expect(JSON.stringify(full)).toContain('many signs');
    expect(JSON.stringify(mine)).not.toContain('many signs');
    expect(JSON.stringify(mine)).not.toContain('critical-item');
    expect(mine.item).toEqual(full.item);
    expect(`${mine.url}|${mine.version}`).toBe(questionnaireCanonical(PPC));
    expect(r4Problems(mine)).toEqual([]);
  });

  it('a collection Bundle of every kind passes the validator, and a broken entry fails it', () => {
    const qr = toFhirQuestionnaireResponse(
      PPC,
      { 'all-or-nothing-1': { value: 'often' } },
      {
        id: '7c9e6679-7425-40de-944b-e07fc1f90ae7',
        authored: '2026-03-01T10:00:00.000Z',
        subjectReference: patientRef.reference,
        status: 'in-progress',
      },
    );
    expect(qr.subject).toEqual({ reference: patientRef.reference });
    expect(qr.author).toEqual({ reference: patientRef.reference });
    const resources = [
      toFhirPatient(client, 'Harbor Light Counseling'),
      { ...toClientFhirQuestionnaire(PPC), id: '1b4e28ba-2fa1-11d2-883f-0016d3cca427' },
      qr,
      toFhirAppointment(session(), patientRef),
    ];
    const bundle = (entries: unknown[]) => ({
      resourceType: 'Bundle',
      id: 'e1f2a3b4-c5d6-4e7f-8a9b-0c1d2e3f4a5b',
      type: RECORD_BUNDLE_TYPE,
      timestamp: '2026-03-10T12:00:00.000Z',
      entry: entries.map((resource) => ({ fullUrl: '', resource })),
    });
    const fine = bundle(resources);
    fine.entry.forEach((e, i) => {
      e.fullUrl =
        i === 0
          ? patientRef.reference
          : urnUuid(`00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
    });
    expect(r4Problems(fine)).toEqual([]);
    // Nested entries are validated too (the validator does not check code bindings, so the
    // status codes are asserted above).
    const broken = bundle([
      ...resources,
      { ...toFhirAppointment(session(), patientRef), start: 'the ninth of March' },
    ]);
    broken.entry.forEach((e, i) => {
      e.fullUrl =
        i === 0
          ? patientRef.reference
          : urnUuid(`00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
    });
    // (An error brings the warnings out too: the validator cannot type-check urn:uuid references.)
    expect(r4Problems(broken)).toContain('Invalid instant format (Bundle.entry[4].resource.start)');
  });

  it('the README names both files and says what the copy leaves out', () => {
    const mine = recordReadme({ title: 'T', exportedAtText: 'now', audience: 'client' });
    expect(mine).toMatch(/record\.json/);
    expect(mine).toMatch(/fhir-bundle\.json/);
    expect(mine).toMatch(/kept private/);
    expect(recordReadme({ title: 'T', exportedAtText: 'now', audience: 'practice' })).toMatch(
      /not reflections the client kept private/,
    );
  });
});
