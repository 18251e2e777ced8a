import { precisionOf, startDay } from '#domain';
import type { InstanceLog, Lang } from '#projections';

/** RFC 5545 text: backslash, semicolon and comma escaped, line breaks as `\n`, other control characters left out. */
const text = (value: string): string =>
  value
    .replace(/[\\;,]/g, (c) => `\\${c}`)
    .replace(/\r\n|\r|\n/g, '\\n')
    // RFC 5545 §3.3.11 allows no control character in TEXT.
    .replace(/[\x00-\x08\x0B-\x1F\x7F]/g, '');

/** RFC 5545 §3.1: lines longer than 75 octets continue on the next line after a space, never inside a character. */
const folded = (line: string): string => {
  const parts: string[] = [];
  let current = '';
  for (const char of line) {
    if (Buffer.byteLength(current + char) > (parts.length === 0 ? 75 : 74)) {
      parts.push(current);
      current = '';
    }
    current += char;
  }
  return [...parts, current].join('\r\n ');
};

/** What a date known to the year or the month only leaves out. */
const UNSTATED: Partial<Record<ReturnType<typeof precisionOf>, Record<Lang, string>>> = {
  year: { fr: 'mois et jour non précisés', en: 'month and day not stated' },
  month: { fr: 'jour non précisé', en: 'day not stated' },
};

const day = (date: Date): string => date.toISOString().slice(0, 10).replaceAll('-', '');

const STATUS = { scheduled: 'CONFIRMED', held: 'CONFIRMED', cancelled: 'CANCELLED', unrecorded: 'TENTATIVE' } as const;
const STATUS_LABEL: Record<string, Record<Lang, string>> = {
  scheduled: { fr: 'prévue', en: 'scheduled' },
  held: { fr: 'tenue', en: 'held' },
  cancelled: { fr: 'annulée', en: 'cancelled' },
  unrecorded: { fr: 'non renseignée (coopération close ou instance dissoute)', en: 'not recorded (cooperation closed or body dissolved)' },
};

/**
 * A cooperation's meetings as an iCalendar (peers.md §5: iCal for meetings), one all-day event each on its date — held
 * or planned. A date known to the month or the year only (« décembre 2025 ») is put on its first day and says so.
 */
export const meetingsCalendar = (cooperation: { cooperationId: string; name: string }, log: readonly InstanceLog[], nowIso: string, lang: Lang): string => {
  const stamp = `${nowIso.replace(/[-:]/g, '').slice(0, 15)}Z`;
  const events = log.flatMap((instance) =>
    instance.meetings.map((meeting) => {
      const date = meeting.heldOn ?? meeting.scheduledFor;
      const start = new Date(`${startDay(date)}T00:00:00Z`);
      const end = new Date(start.getTime() + 86_400_000);
      const unstated = UNSTATED[precisionOf(date)];
      const fuzzy = unstated ? (lang === 'fr' ? ` (date : ${date}, ${unstated.fr})` : ` (date: ${date}, ${unstated.en})`) : '';
      const description = [
        `${lang === 'fr' ? 'Statut : ' : 'Status: '}${STATUS_LABEL[meeting.status]?.[lang] ?? meeting.status}`,
        ...meeting.agenda.map((item) => `— ${item}`),
        ...(meeting.minutesRef ? [`${lang === 'fr' ? 'Compte rendu : ' : 'Minutes: '}${meeting.minutesRef}`] : []),
        // What rests on a demo assumption says so wherever it is shown (domain.md §9).
        ...(meeting.assumedForDemo ? [lang === 'fr' ? 'Hypothèse de démonstration (source : confiance D)' : 'Demo assumption (source confidence D)'] : []),
      ].join('\n');
      return [
        'BEGIN:VEVENT',
        `UID:${text(meeting.meetingId)}@${text(cooperation.cooperationId)}.carnet`,
        `DTSTAMP:${stamp}`,
        `DTSTART;VALUE=DATE:${day(start)}`,
        `DTEND;VALUE=DATE:${day(end)}`,
        `SUMMARY:${text(`${instance.label} — ${cooperation.name}${fuzzy}`)}`,
        ...(meeting.location ? [`LOCATION:${text(meeting.location)}`] : []),
        `DESCRIPTION:${text(description)}`,
        `STATUS:${STATUS[meeting.status as keyof typeof STATUS] ?? 'TENTATIVE'}`,
        'END:VEVENT',
      ];
    }),
  );
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Carnet//Logbook of territorial cooperations//FR', 'CALSCALE:GREGORIAN', `X-WR-CALNAME:${text(cooperation.name)}`, ...events.flat(), 'END:VCALENDAR'];
  return `${lines.map(folded).join('\r\n')}\r\n`;
};
