import icalGenerator, { escape, type ICalCalendar } from 'ical-generator';

// RFC 5545 TEXT allows no control characters but HTAB (line breaks are written as \n escapes).
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

/** Text as it may go into a calendar: control characters dropped; ical-generator escapes the rest. */
export function icsText(value: string): string {
  return value.replace(CONTROL, '');
}

/**
 * A calendar named `name`. ical-generator escapes event text (SUMMARY, DESCRIPTION...) but writes
 * the calendar's NAME and X-WR-CALNAME as given, so a practice name holding CR/LF could add lines
 * (whole events) to every download and feed: the name is escaped here, per RFC 5545 3.3.11.
 */
export function newCalendar(name: string): ICalCalendar {
  return icalGenerator({
    name: escape(icsText(name), false),
    prodId: { company: 'Attune', product: 'Attune' },
  });
}

/** The calendar as text, every line ended by CRLF (ical-generator leaves the last one bare). */
export function renderCalendar(cal: ICalCalendar): string {
  const text = cal.toString();
  return text.endsWith('\r\n') ? text : `${text}\r\n`;
}
