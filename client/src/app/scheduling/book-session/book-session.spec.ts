import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { HarnessLoader } from '@angular/cdk/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import { provideRouter } from '@angular/router';
import type {
  AppointmentView,
  BookAppointmentRequest,
  SelfBookingStatus,
  SlotsResponse,
} from '@attune/shared';
import { AuthStore } from '../../core/auth-store';
import { meFixture, sentBody } from '../../core/testing';
import { BookSession } from './book-session';

const open: SelfBookingStatus = {
  clientId: 'client-1',
  state: 'open',
  therapist: { id: 'theo', displayName: 'Theo Rivera' },
  types: [{ id: 'ongoing', name: 'Ongoing session', durationMinutes: 50 }],
  noticeHours: 24,
  timeZone: 'America/Chicago',
};

const booked: AppointmentView = {
  id: 'appt-1',
  therapist: { id: 'theo', displayName: 'Theo Rivera' },
  client: { id: 'client-1', displayName: 'Sam Rivera' },
  type: { id: 'ongoing', name: 'Ongoing session', durationMinutes: 50 },
  startsAt: '2030-03-12T15:00:00.000Z',
  endsAt: '2030-03-12T15:50:00.000Z',
  status: 'booked',
  cancelReason: null,
  cancelledAt: null,
  lateCancel: false,
  overrideReason: null,
  bookedByClient: true,
  changeRequest: null,
  version: 1,
};

describe('BookSession', () => {
  let fixture: ComponentFixture<BookSession>;
  let loader: HarnessLoader;
  let http: HttpTestingController;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      imports: [BookSession],
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])],
    });
    TestBed.inject(AuthStore).setMe(meFixture(['client']));
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(BookSession);
    loader = TestbedHarnessEnvironment.loader(fixture);
    fixture.detectChanges();
    await fixture.whenStable();
  });

  afterEach(() => http.verify());

  const text = () => (fixture.nativeElement as HTMLElement).textContent ?? '';
  const button = (name: string) => loader.getHarness(MatButtonHarness.with({ text: name }));

  async function flushStatus(status: SelfBookingStatus) {
    http.expectOne('/api/clients/client-1/self-booking').flush(status);
    await fixture.whenStable();
  }

  it('shows free times by day in the practice zone, named, and books the one chosen with a key', async () => {
    await flushStatus(open);
    // One type only: it is chosen, and its free times load at once.
    const slots = http.expectOne((r) => r.url === '/api/slots');
    expect(slots.request.params.get('therapistId')).toBe('theo');
    expect(slots.request.params.get('typeId')).toBe('ongoing');
    expect(slots.request.params.get('tz')).toBe('America/Chicago');
    slots.flush({
      therapistId: 'theo',
      typeId: 'ongoing',
      timeZone: 'America/Chicago',
      durationMinutes: 50,
      slots: [
        '2030-03-12T09:00:00-05:00',
        '2030-03-12T10:00:00-05:00',
        '2030-03-13T09:00:00-05:00',
      ],
    } satisfies SlotsResponse);
    await fixture.whenStable();
    expect(text()).toMatch(/Times are shown in America\/Chicago time \(C[SD]T\)/);
    expect(text()).toContain('Choose a time on Tuesday, March 12');

    await (await button('10:00 AM')).click();
    expect(text()).toContain('Tuesday, March 12, 2030, 10:00 – 10:50 AM CDT');
    await (await button('Book this session')).click();
    const req = http.expectOne('/api/appointments');
    expect(sentBody<BookAppointmentRequest>(req)).toEqual({
      therapistId: 'theo',
      clientId: 'client-1',
      typeId: 'ongoing',
      startsAt: '2030-03-12T10:00:00-05:00',
    });
    expect(req.request.headers.get('Idempotency-Key')).toBeTruthy();
    req.flush(booked);
    await fixture.whenStable();
    expect(text()).toContain("You're booked");
    const ics = (fixture.nativeElement as HTMLElement).querySelector<HTMLAnchorElement>(
      'a[download="session.ics"]',
    );
    expect(ics?.getAttribute('href')).toBe('/api/appointments/appt-1/ics');
  });

  it('while paused shows warm words and the crisis resources, and asks for no free times', async () => {
    await flushStatus({ ...open, state: 'paused', types: [] });
    http.expectNone((r) => r.url === '/api/slots');
    const paused = (fixture.nativeElement as HTMLElement).querySelector(
      '[data-testid="self-booking-paused"]',
    );
    expect(paused?.textContent).toContain('Online booking is paused for now');
    expect(paused?.textContent).toContain('please get in touch with Theo Rivera');
    const links = [...(paused?.querySelectorAll('a') ?? [])].map((a) => a.getAttribute('href'));
    expect(links).toEqual(
      expect.arrayContaining(['tel:988', 'sms:988', 'https://988lifeline.org/chat/', 'tel:911']),
    );
    expect(paused?.textContent).toContain('After hours, call our on-call line at 555-0100.');
    expect(text()).not.toContain('Choose a day');
  });

  it('a clash sends the client back to pick another time, with the times fetched again', async () => {
    await flushStatus(open);
    const body: SlotsResponse = {
      therapistId: 'theo',
      typeId: 'ongoing',
      timeZone: 'America/Chicago',
      durationMinutes: 50,
      slots: ['2030-03-12T09:00:00-05:00'],
    };
    http.expectOne((r) => r.url === '/api/slots').flush(body);
    await fixture.whenStable();
    await (await button('9:00 AM')).click();
    await (await button('Book this session')).click();
    http
      .expectOne('/api/appointments')
      .flush(
        { statusCode: 409, error: 'Conflict', message: 'busy', code: 'therapist_busy' },
        { status: 409, statusText: 'Conflict' },
      );
    await fixture.whenStable();
    expect(text()).toContain('That time was just taken. Please choose another one.');
    http.expectOne((r) => r.url === '/api/slots').flush({ ...body, slots: [] });
    await fixture.whenStable();
    expect(text()).toContain('There are no free times in these two weeks');
  });
});
