import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { HarnessLoader } from '@angular/cdk/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { MatAutocompleteHarness } from '@angular/material/autocomplete/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MAT_DIALOG_DATA, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldHarness } from '@angular/material/form-field/testing';
import { MatInputHarness } from '@angular/material/input/testing';
import type { AppointmentView, BookAppointmentRequest, ClientSummary } from '@attune/shared';
import { sentBody } from '../../core/testing';
import { BookDialog, BookDialogData } from './book-dialog';

const data: BookDialogData = {
  therapists: [
    { id: 'maya', displayName: 'Maya Chen' },
    { id: 'theo', displayName: 'Theo Rivera' },
  ],
  therapistId: 'maya',
  types: [
    {
      id: 'ongoing',
      name: 'Ongoing session',
      durationMinutes: 50,
      kind: 'ongoing',
      isDefault: true,
      active: true,
    },
    {
      id: 'intake',
      name: 'Intake session',
      durationMinutes: 60,
      kind: 'intake',
      isDefault: true,
      active: true,
    },
  ],
  typeId: 'ongoing',
  date: '2026-03-16',
  time: '09:00',
  zone: 'America/New_York',
};

const riley: ClientSummary = {
  id: 'riley',
  firstName: 'Riley',
  lastName: 'Diaz',
  preferredName: null,
  pronouns: null,
  email: 'riley@example.com',
  timeZone: null,
  status: 'active',
  account: 'active',
  primaryTherapist: { id: 'maya', displayName: 'Maya Chen' },
  createdAt: '2026-01-01T00:00:00.000Z',
  closedAt: null,
  version: 1,
};

const booked: AppointmentView = {
  id: 'appt-1',
  therapist: { id: 'maya', displayName: 'Maya Chen' },
  client: { id: 'riley', displayName: 'Riley Diaz' },
  type: { id: 'ongoing', name: 'Ongoing session', durationMinutes: 50 },
  startsAt: '2026-03-16T13:00:00.000Z',
  endsAt: '2026-03-16T13:50:00.000Z',
  status: 'booked',
  cancelReason: null,
  cancelledAt: null,
  lateCancel: false,
  overrideReason: null,
  bookedByClient: false,
  changeRequest: null,
  version: 1,
};

describe('BookDialog', () => {
  let fixture: ComponentFixture<BookDialog>;
  let loader: HarnessLoader;
  let http: HttpTestingController;
  let close: ReturnType<typeof vi.fn>;

  beforeEach(async () => {
    close = vi.fn();
    TestBed.configureTestingModule({
      imports: [BookDialog],
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: MAT_DIALOG_DATA, useValue: data },
        { provide: MatDialogRef, useValue: { close } },
      ],
    });
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(BookDialog);
    loader = TestbedHarnessEnvironment.loader(fixture);
    await fixture.whenStable();
  });

  afterEach(() => http.verify());

  const root = () => fixture.nativeElement as HTMLElement;
  const alertText = () => root().querySelector('[role="alert"]')?.textContent?.trim() ?? '';

  async function chooseRiley(): Promise<void> {
    const auto = await loader.getHarness(MatAutocompleteHarness);
    await auto.enterText('Ril');
    // The search is debounced.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const search = http.expectOne((r) => r.url === '/api/clients');
    expect(search.request.params.get('q')).toBe('Ril');
    search.flush({ items: [riley], nextCursor: null });
    // The panel shows new options after a zero-delay timer of its own.
    await fixture.whenStable();
    await new Promise((resolve) => setTimeout(resolve, 10));
    await fixture.whenStable();
    await auto.selectOption({ text: 'Riley Diaz' });
  }

  async function button(text: string): Promise<MatButtonHarness> {
    return loader.getHarness(MatButtonHarness.with({ text }));
  }

  function conflict(code: string, message: string) {
    return [
      { statusCode: 409, error: 'Conflict', message, code },
      { status: 409, statusText: 'Conflict' },
    ] as const;
  }

  it('books the chosen client at the slot time, read in the practice zone', async () => {
    expect(root().textContent).toContain('Monday, March 16, 2026, 9:00 – 9:50 AM');
    await chooseRiley();
    await (await button('Book session')).click();
    const req = http.expectOne('/api/appointments');
    expect(req.request.method).toBe('POST');
    expect(req.request.body).toEqual({
      therapistId: 'maya',
      clientId: 'riley',
      typeId: 'ongoing',
      startsAt: '2026-03-16T13:00:00.000Z',
    });
    req.flush(booked);
    expect(close).toHaveBeenCalledWith(booked);
  });

  it('retries one booking with the same Idempotency-Key, and a changed one with a new key', async () => {
    await chooseRiley();
    await (await button('Book session')).click();
    const first = http.expectOne('/api/appointments');
    const key = first.request.headers.get('Idempotency-Key');
    expect(key).toMatch(/\S{8,}/);
    const outage =
      "Attune's database is not answering right now, so this change may not have been saved. Please check, and try again in a few minutes.";
    first.flush(
      {
        statusCode: 503,
        error: 'Service Unavailable',
        message: outage,
        code: 'database_unavailable',
      },
      { status: 503, statusText: 'Service Unavailable' },
    );
    await fixture.whenStable();
    expect(alertText()).toContain(outage);

    await (await button('Book session')).click();
    const retry = http.expectOne('/api/appointments');
    expect(retry.request.headers.get('Idempotency-Key')).toBe(key);
    retry.flush(...conflict('therapist_busy', 'Maya Chen already has a session then.'));
    await fixture.whenStable();

    const time = await loader.getHarness(
      MatInputHarness.with({ selector: '[formControlName="time"]' }),
    );
    await time.setValue('10:00');
    await (await button('Book session')).click();
    const moved = http.expectOne('/api/appointments');
    expect(moved.request.headers.get('Idempotency-Key')).not.toBe(key);
    moved.flush(booked);
    expect(close).toHaveBeenCalledWith(booked);
  });

  it('asks for a client from the list before sending anything', async () => {
    await (await button('Book session')).click();
    http.expectNone('/api/appointments');
    const field = await loader.getHarness(
      MatFormFieldHarness.with({ floatingLabelText: 'Client' }),
    );
    expect(await field.getTextErrors()).toEqual(['Client is required.']);
  });

  it('shows the server message in an alert when the therapist is busy, and stays open', async () => {
    const message =
      'Maya Chen already has a session from 9:00 AM to 9:50 AM that overlaps this time.';
    await chooseRiley();
    await (await button('Book session')).click();
    http.expectOne('/api/appointments').flush(...conflict('therapist_busy', message));
    await fixture.whenStable();
    expect(alertText()).toContain(message);
    expect(close).not.toHaveBeenCalled();
    // A clash is not fixed by booking anyway: there is no override offer.
    expect(await loader.getAllHarnesses(MatButtonHarness.with({ text: 'Book anyway' }))).toEqual(
      [],
    );
    expect(await (await button('Book session')).isDisabled()).toBe(false);
  });

  it('offers "Book anyway" with a required reason when the time is outside working hours', async () => {
    const message =
      "That time is outside Maya Chen's working hours. Choose a free slot, or book anyway with a reason.";
    await chooseRiley();
    const time = await loader.getHarness(
      MatInputHarness.with({ selector: '[formControlName="time"]' }),
    );
    await time.setValue('19:00');
    await (await button('Book session')).click();
    const first = http.expectOne('/api/appointments');
    expect(sentBody<BookAppointmentRequest>(first).startsAt).toBe('2026-03-16T23:00:00.000Z');
    expect(sentBody<BookAppointmentRequest>(first).override).toBeUndefined();
    first.flush(...conflict('outside_hours', message));
    await fixture.whenStable();

    expect(alertText()).toContain(message);
    const reasonField = await loader.getHarness(
      MatFormFieldHarness.with({ floatingLabelText: /Reason to book anyway/ }),
    );
    // No reason yet: nothing is sent.
    await (await button('Book anyway')).click();
    http.expectNone('/api/appointments');
    expect(await reasonField.getTextErrors()).toEqual(['A reason is required.']);

    const reason = await loader.getHarness(
      MatInputHarness.with({ selector: '[formControlName="overrideReason"]' }),
    );
    await reason.setValue('  Only evening free this week ');
    await (await button('Book anyway')).click();
    const second = http.expectOne('/api/appointments');
    expect(second.request.body).toEqual({
      therapistId: 'maya',
      clientId: 'riley',
      typeId: 'ongoing',
      startsAt: '2026-03-16T23:00:00.000Z',
      override: true,
      overrideReason: 'Only evening free this week',
    });
    second.flush({ ...booked, overrideReason: 'Only evening free this week' });
    expect(close).toHaveBeenCalled();
  });

  it('drops the override offer when the time is changed', async () => {
    await chooseRiley();
    await (await button('Book session')).click();
    http
      .expectOne('/api/appointments')
      .flush(...conflict('outside_hours', 'That time is outside the working hours.'));
    await fixture.whenStable();
    expect(await button('Book anyway')).toBeTruthy();
    const time = await loader.getHarness(
      MatInputHarness.with({ selector: '[formControlName="time"]' }),
    );
    await time.setValue('10:00');
    expect(await button('Book session')).toBeTruthy();
    expect(alertText()).toBe('');
  });
});
