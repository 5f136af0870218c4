import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { type ClientDashboard, fleschKincaidGrade } from '@attune/shared';
import { AuthStore } from '../../core/auth-store';
import { meFixture } from '../../core/testing';
import { Home } from './home';

const dashboard: ClientDashboard = {
  role: 'client',
  timeZone: 'America/Chicago',
  nextSession: {
    id: 'appt-1',
    startsAt: '2026-06-09T20:00:00.000Z',
    endsAt: '2026-06-09T20:50:00.000Z',
    therapistName: 'Theo Rivera',
    typeName: 'Ongoing session',
  },
  reading: [
    {
      assignmentId: 'a-1',
      title: 'When love felt earned',
      summary: 'How early love can shape the drive to get things right.',
      readingMinutes: 6,
      started: false,
    },
    {
      assignmentId: 'a-2',
      title: 'The inner critic',
      summary: 'Noticing the voice that says it is never enough.',
      readingMinutes: 5,
      started: true,
    },
  ],
  screeningsToDo: [
    {
      id: 's-1',
      clientId: 'client-1',
      instrument: { id: 'i', key: 'ppc', version: 2, title: 'Perfectionism Patterns Check' },
      status: 'in_progress',
      dueAt: '2026-05-01T00:00:00.000Z',
      note: null,
      createdAt: '2026-04-20T00:00:00.000Z',
      submittedAt: null,
    },
  ],
};

describe('client Home', () => {
  let fixture: ComponentFixture<Home>;

  async function render(body: ClientDashboard): Promise<HTMLElement> {
    TestBed.configureTestingModule({
      imports: [Home],
      providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()],
    });
    TestBed.inject(AuthStore).setMe(meFixture(['client']));
    fixture = TestBed.createComponent(Home);
    TestBed.inject(HttpTestingController).expectOne('/api/dashboard').flush(body);
    await fixture.whenStable();
    return fixture.nativeElement as HTMLElement;
  }

  it('shows the next session with "Add to calendar", new reading and the screener to finish', async () => {
    const root = await render(dashboard);
    const next = root.querySelector('[aria-labelledby="home-next-heading"]')!;
    expect(next.textContent).toContain('Tuesday, June 9, 2026');
    expect(next.textContent).toContain('3:00 PM to 3:50 PM CDT');
    expect(next.textContent).toContain('with Theo Rivera');
    const ics = next.querySelector('a[download]')!;
    expect(ics.getAttribute('href')).toBe('/api/appointments/appt-1/ics');
    expect(ics.textContent).toContain('Add to calendar');

    const reading = Array.from(root.querySelectorAll('[data-testid="home-reading"]'));
    expect(reading.map((r) => r.querySelector('a')!.textContent.trim())).toEqual([
      'Read',
      'Keep reading',
    ]);
    expect(reading[0]!.textContent).toContain('New from your therapist.');

    const toDo = root.querySelector('[aria-labelledby="home-to-do-heading"]')!;
    expect(toDo.textContent).toContain('Perfectionism Patterns Check');
    expect(toDo.textContent).toContain('Your answers so far are saved.');
  });

  it('grades nothing: no due dates, no "overdue", no streaks or counts, plain words', async () => {
    const root = await render(dashboard);
    const text = root.textContent.replace(/\s+/g, ' ');
    expect(text).not.toMatch(/overdue|late|streak|due|left to do|\b\d+ (?:of|more)\b/i);
    expect(text).not.toContain('May 1');
    const prose = text.replace(/\b\d{1,2}:\d{2}\b/g, 'three');
    expect(fleschKincaidGrade(prose)).toBeLessThanOrEqual(8);
  });

  it('shows the rest of the page together once the dashboard answers, so nothing is pushed down', async () => {
    TestBed.configureTestingModule({
      imports: [Home],
      providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()],
    });
    TestBed.inject(AuthStore).setMe(meFixture(['client']));
    fixture = TestBed.createComponent(Home);
    await fixture.whenStable();
    const root = fixture.nativeElement as HTMLElement;
    // The greeting at once; the sections and the places below them wait for the answer.
    expect(root.querySelector('h1')?.textContent).toContain('Hi,');
    expect(root.querySelector('.places')).toBeNull();

    TestBed.inject(HttpTestingController).expectOne('/api/dashboard').flush(dashboard);
    await fixture.whenStable();
    expect(root.querySelector('[aria-labelledby="home-reading-heading"]')).not.toBeNull();
    expect(root.querySelectorAll('.places li').length).toBe(4);
  });

  it('still shows the places when the dashboard fails', async () => {
    TestBed.configureTestingModule({
      imports: [Home],
      providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()],
    });
    TestBed.inject(AuthStore).setMe(meFixture(['client']));
    fixture = TestBed.createComponent(Home);
    TestBed.inject(HttpTestingController)
      .expectOne('/api/dashboard')
      .flush({ message: 'down' }, { status: 503, statusText: 'Unavailable' });
    await fixture.whenStable();
    const root = fixture.nativeElement as HTMLElement;
    expect(root.querySelectorAll('.places li').length).toBe(4);
    expect(root.querySelector('[aria-labelledby="home-to-do-heading"]')).toBeNull();
  });

  it('says nothing about sessions when none is booked', async () => {
    const root = await render({ ...dashboard, nextSession: null, reading: [] });
    expect(root.querySelector('[aria-labelledby="home-next-heading"]')).toBeNull();
    expect(root.querySelector('[aria-labelledby="home-reading-heading"]')).toBeNull();
  });
});
