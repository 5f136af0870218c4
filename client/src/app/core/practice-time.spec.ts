import { TestBed } from '@angular/core/testing';
import { AuthStore } from './auth-store';
import {
  formatPracticeDate,
  formatPracticeTime,
  PracticeDatePipe,
  PracticeTimePipe,
} from './practice-time';
import { meFixture } from './testing';

describe('practice time', () => {
  // 02:30 UTC on Dec 2 is still Dec 1 in Chicago (UTC-6 in winter).
  const late = '2026-12-02T02:30:00.000Z';

  it('shows the calendar day in the practice time zone, not the browser one', () => {
    expect(formatPracticeDate(late, 'America/Chicago')).toBe('Dec 1, 2026');
    expect(formatPracticeDate(late, 'Europe/Berlin')).toBe('Dec 2, 2026');
  });

  it('names the zone with every time', () => {
    expect(formatPracticeTime(late, 'America/Chicago')).toBe('Dec 1, 2026, 8:30 PM CST');
    expect(formatPracticeTime(late, 'America/New_York', 'short')).toBe('Dec 1, 9:30 PM EST');
    expect(formatPracticeTime('2026-07-01T12:00:00Z', 'America/New_York')).toBe(
      'Jul 1, 2026, 8:00 AM EDT',
    );
  });

  it('shows nothing for a missing or broken value', () => {
    expect(formatPracticeTime(null, 'America/Chicago')).toBe('');
    expect(formatPracticeDate('not a date', 'America/Chicago')).toBe('');
  });

  it('reads the zone from the signed-in practice in the pipes', () => {
    TestBed.configureTestingModule({ providers: [PracticeDatePipe, PracticeTimePipe] });
    TestBed.inject(AuthStore).setMe(meFixture(['therapist']));
    const date = TestBed.runInInjectionContext(() => new PracticeDatePipe());
    const time = TestBed.runInInjectionContext(() => new PracticeTimePipe());
    expect(date.transform(late)).toBe('Dec 1, 2026');
    expect(time.transform(late)).toBe('Dec 1, 2026, 8:30 PM CST');
  });
});
