import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { calendarInvite, escapeText, foldLine, icsTime } from './ics.ts';

const unfold = (text: string) => text.replace(/\r\n /g, '');

describe('iCalendar invitations', () => {
  it('writes times in UTC with a Z', () => {
    expect(icsTime(new Date('2026-12-09T14:30:00.000Z'))).toBe('20261209T143000Z');
  });

  it('escapes commas, semicolons, backslashes and newlines', () => {
    expect(escapeText('Room 2, floor 1; back\\door\nring')).toBe('Room 2\\, floor 1\\; back\\\\door\\nring');
  });

  it('folds every line to 75 octets without splitting a character, and unfolds to the original', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (text) => {
        const folded = foldLine(`DESCRIPTION:${text}`);
        for (const line of folded.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
        expect(unfold(folded)).toBe(`DESCRIPTION:${text}`);
      }),
    );
  });

  it('is a VCALENDAR with one VEVENT, CRLF line ends and the session in UTC', () => {
    const ics = calendarInvite({
      uid: 'b1@beacon',
      start: new Date('2026-12-09T14:00:00Z'),
      end: new Date('2026-12-09T16:00:00Z'),
      summary: 'Recognise and respond, in person',
      location: 'Library, room 2',
      description: 'Bring nothing; we provide the materials.',
      organiser: 'Beacon',
      sequence: 0,
      stamp: new Date('2026-12-01T00:00:00Z'),
    });
    expect(ics.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n')).toBe(true);
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[^\r]\n/);
    expect(unfold(ics)).toContain('DTSTART:20261209T140000Z\r\nDTEND:20261209T160000Z');
    expect(unfold(ics)).toContain('LOCATION:Library\\, room 2');
  });
});
