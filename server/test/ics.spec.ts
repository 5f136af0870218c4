import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { anonymous, bootApp, newClientUser, newPractice, type Signed } from './harness.js';

/** Content lines of an iCalendar text, checking the framing on the way (RFC 5545 3.1). */
function parseIcs(text: string): { name: string; params: string; value: string }[] {
  expect(text.endsWith('\r\n')).toBe(true);
  const physical = text.slice(0, -2).split('\r\n');
  for (const line of physical) {
    // No bare CR or LF anywhere: every line break is CRLF.
    expect(line).not.toMatch(/[\r\n]/);
    expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
  }
  const logical: string[] = [];
  for (const line of physical)
    if (line.startsWith(' ') || line.startsWith('\t')) logical[logical.length - 1] += line.slice(1);
    else logical.push(line);
  return logical.map((l) => {
    const colon = l.search(/:(?=(?:[^"]*"[^"]*")*[^"]*$)/);
    const head = l.slice(0, colon);
    const [name, ...params] = head.split(';');
    return { name: name!, params: params.join(';'), value: l.slice(colon + 1) };
  });
}

/** Undoes RFC 5545 TEXT escaping. */
function unescapeText(v: string): string {
  return v.replace(/\\([\\;,nN])/g, (_, c: string) => (c === 'n' || c === 'N' ? '\n' : c));
}

/** Splits a TEXT value on its unescaped commas (a list value). */
function unescapedCommas(v: string): number {
  return (v.replace(/\\./g, '').match(/,/g) ?? []).length;
}

describe('.ics downloads and feeds: every text value escaped, CRLF throughout', () => {
  let app: NestFastifyApplication;
  let admin: Signed;
  let client: Signed & { clientId: string };
  let appointmentId: string;
  // Tries to end the calendar and add an event of its own, with every character TEXT must escape.
  const HOSTILE =
    'Evil; Practice, Inc \\ A\r\nEND:VCALENDAR\r\nBEGIN:VEVENT\r\nSUMMARY:Injected\nEND:VEVENT\rX';

  beforeAll(async () => {
    app = await bootApp();
    admin = await newPractice(app, { therapist: true });
    client = await newClientUser(app, admin.caller);
    const named = await admin.caller.patch('/api/practice', { name: HOSTILE });
    expect(named.status).toBe(200);
    expect(named.body.name).toBe(HOSTILE.trim());
    const types = (await admin.caller.get('/api/appointment-types')).body as { id: string }[];
    await admin.caller.patch(`/api/appointment-types/${types[0]!.id}`, {
      name: 'Intake;\nBEGIN:VALARM',
    });
    const appt = await admin.caller.post('/api/appointments', {
      therapistId: admin.me.memberId,
      clientId: client.clientId,
      typeId: types[0]!.id,
      startsAt: new Date(Date.now() + 4 * 86_400_000).toISOString(),
      override: true,
      overrideReason: 'Test',
    });
    expect(appt.status).toBe(201);
    appointmentId = appt.body.id;
  });
  afterAll(() => app.close());

  it('a session download holds exactly one event, whatever the practice is called', async () => {
    for (const who of [admin.caller, client.caller]) {
      const res = await who.get(`/api/appointments/${appointmentId}/ics`);
      expect(res.status).toBe(200);
      const lines = parseIcs(res.text);
      expect(lines.filter((l) => l.name === 'BEGIN' && l.value === 'VEVENT')).toHaveLength(1);
      expect(lines.filter((l) => l.name === 'END' && l.value === 'VCALENDAR')).toHaveLength(1);
      expect(lines.at(-1)).toEqual({ name: 'END', params: '', value: 'VCALENDAR' });
      expect(lines.filter((l) => l.name === 'BEGIN').map((l) => l.value)).toEqual([
        'VCALENDAR',
        'VEVENT',
      ]);
      expect(lines.some((l) => l.name === 'SUMMARY' && l.value === 'Injected')).toBe(false);
      // The calendar names carry the whole name as one escaped TEXT value.
      for (const prop of ['NAME', 'X-WR-CALNAME']) {
        const line = lines.find((l) => l.name === prop)!;
        expect(unescapedCommas(line.value)).toBe(0);
        expect(unescapeText(line.value)).toBe(HOSTILE.replace(/\r\n|\r|\n/g, '\n'));
      }
      const description = lines.find((l) => l.name === 'DESCRIPTION')!;
      expect(unescapeText(description.value)).toMatch(
        /^Intake;\nBEGIN:VALARM at Evil; Practice, Inc/,
      );
      expect(lines.some((l) => l.name === 'BEGIN' && l.value === 'VALARM')).toBe(false);
    }
  });

  it('a calendar feed does the same, its name included', async () => {
    const feed = await admin.caller.post(`/api/therapists/${admin.me.memberId}/calendar-feed`, {
      showClient: 'initials',
    });
    expect(feed.status).toBe(201);
    const anon = await anonymous(app);
    const res = await anon.get(new URL(feed.body.url).pathname);
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const lines = parseIcs(res.text);
    expect(lines.filter((l) => l.name === 'BEGIN' && l.value === 'VEVENT')).toHaveLength(1);
    expect(lines.at(-1)?.value).toBe('VCALENDAR');
    const name = lines.find((l) => l.name === 'X-WR-CALNAME')!;
    expect(unescapeText(name.value)).toMatch(
      /^Evil; Practice, Inc \\ A\nEND:VCALENDAR\n.* sessions$/s,
    );
    // Long names fold at 75 octets and unfold back to the same value.
    expect(res.text).toMatch(/\r\n /);
  });
});
