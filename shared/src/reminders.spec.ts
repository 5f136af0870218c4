import { gentleReminderEmail } from './reminders.js';
import { fleschKincaidGrade } from './screening/readability.js';

const base = {
  name: 'Sam',
  practiceName: 'Harbor Light Counseling',
  homeUrl: 'https://attune.example.org/client',
  settingsUrl: 'https://attune.example.org/client/account#reminders',
};

describe('gentleReminderEmail', () => {
  const cases = [
    { reading: true, screener: true, what: 'some reading and a short check-in' },
    { reading: true, screener: false, what: 'some reading' },
    { reading: false, screener: true, what: 'a short check-in' },
  ];

  it.each(cases)('names what waits ($what) without pressure', ({ reading, screener, what }) => {
    const { subject, text } = gentleReminderEmail({ ...base, reading, screener });
    expect(subject).toBe('A note from Harbor Light Counseling');
    expect(text).toContain(`Your therapist shared ${what} with you.`);
    expect(text).toContain(base.homeUrl);
    expect(text).toContain(base.settingsUrl);
    expect(text).toMatch(/at most once a week/);
    expect(text).toMatch(/call or text 988/);
    expect(`${subject}\n${text}`).not.toMatch(/overdue|late|deadline|must|should|don't forget/i);
  });

  it('reads at grade 8 or lower', () => {
    for (const c of cases) {
      const { text } = gentleReminderEmail({ ...base, ...c });
      // Links are not prose.
      expect(fleschKincaidGrade(text.replace(/https?:\/\/\S+/g, 'here'))).toBeLessThanOrEqual(8);
    }
  });
});
