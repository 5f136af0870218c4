import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { HarnessLoader } from '@angular/cdk/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MAT_DIALOG_DATA, MatDialogRef } from '@angular/material/dialog';
import type { AppointmentView, ClientSummary, DeactivateClientRequest } from '@attune/shared';
import { sentBody } from '../../core/testing';
import { CloseRecordDialog } from './close-record-dialog';

const client: ClientSummary = {
  id: 'client-1',
  firstName: 'Sam',
  lastName: 'Lee',
  preferredName: null,
  pronouns: null,
  email: 'sam@example.com',
  timeZone: null,
  status: 'active',
  account: 'active',
  primaryTherapist: { id: 'theo', displayName: 'Theo Rivera' },
  createdAt: '2026-01-01T00:00:00.000Z',
  closedAt: null,
  version: 3,
};

const session = (id: string, startsAt: string, status: AppointmentView['status'] = 'booked') =>
  ({
    id,
    therapist: { id: 'theo', displayName: 'Theo Rivera' },
    client: { id: 'client-1', displayName: 'Sam Lee' },
    type: { id: 't', name: 'Ongoing session', durationMinutes: 50 },
    startsAt,
    endsAt: startsAt,
    status,
    cancelReason: null,
    cancelledAt: null,
    lateCancel: false,
    overrideReason: null,
    bookedByClient: false,
    changeRequest: null,
    version: 1,
  }) satisfies AppointmentView;

describe('CloseRecordDialog', () => {
  let fixture: ComponentFixture<CloseRecordDialog>;
  let loader: HarnessLoader;
  let http: HttpTestingController;
  let close: ReturnType<typeof vi.fn>;
  const future = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

  beforeEach(async () => {
    close = vi.fn();
    TestBed.configureTestingModule({
      imports: [CloseRecordDialog],
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        {
          provide: MAT_DIALOG_DATA,
          useValue: { client, name: 'Sam Lee', zone: 'America/Chicago' },
        },
        { provide: MatDialogRef, useValue: { close } },
      ],
    });
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(CloseRecordDialog);
    loader = TestbedHarnessEnvironment.loader(fixture);
    await fixture.whenStable();
  });

  afterEach(() => http.verify());

  const text = () => (fixture.nativeElement as HTMLElement).textContent ?? '';

  async function answerList(list: AppointmentView[]) {
    const req = http.expectOne((r) => r.url === '/api/appointments');
    expect(req.request.params.get('clientId')).toBe('client-1');
    req.flush(list);
    await fixture.whenStable();
  }

  it('lists the upcoming booked sessions and sends exactly those to cancel', async () => {
    const a = session('a', future(3));
    const b = session('b', future(10));
    await answerList([a, session('x', future(4), 'cancelled'), b]);
    expect(text()).toContain('Their 2 upcoming sessions are cancelled too');
    expect(text()).toContain('with Theo Rivera');
    const confirm = await loader.getHarness(
      MatButtonHarness.with({ text: 'Cancel 2 sessions and deactivate' }),
    );
    await confirm.click();
    const req = http.expectOne('/api/clients/client-1/deactivate');
    expect(sentBody<DeactivateClientRequest>(req)).toEqual({ cancelSessionIds: ['a', 'b'] });
    req.flush({ ...client, status: 'inactive', closedAt: future(0) });
    await fixture.whenStable();
    expect(close).toHaveBeenCalledWith(expect.objectContaining({ status: 'inactive' }));
  });

  it('shows the server’s current list when the sessions changed, and confirms again with it', async () => {
    await answerList([]);
    expect(text()).toContain('They have no upcoming sessions.');
    await (await loader.getHarness(MatButtonHarness.with({ text: 'Deactivate' }))).click();
    const late = session('late', future(500));
    http.expectOne('/api/clients/client-1/deactivate').flush(
      {
        statusCode: 409,
        error: 'Conflict',
        code: 'client_has_upcoming_sessions',
        message: 'This client has 1 upcoming session.',
        current: [late],
      },
      { status: 409, statusText: 'Conflict' },
    );
    await fixture.whenStable();
    expect(close).not.toHaveBeenCalled();
    expect(text()).toContain('changed since you opened this');
    await (
      await loader.getHarness(MatButtonHarness.with({ text: 'Cancel 1 session and deactivate' }))
    ).click();
    const again = http.expectOne('/api/clients/client-1/deactivate');
    expect(sentBody<DeactivateClientRequest>(again)).toEqual({ cancelSessionIds: ['late'] });
    again.flush({ ...client, status: 'inactive' });
    await fixture.whenStable();
    expect(close).toHaveBeenCalled();
  });
});
