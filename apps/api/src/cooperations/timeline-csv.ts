import type { Lang, TimelineItem } from '#projections';

/**
 * A cooperation's timeline as a CSV file a steering committee opens in a spreadsheet (RFC 4180): UTF-8 with a byte
 * order mark (so Excel reads « é » as such), CRLF lines, and the separator each locale's Excel expects by default —
 * `;` in French, where `,` is the decimal mark, `,` in English. Columns are only ever added, at the end: a sheet or
 * script reading a column by its place keeps working.
 */
const HEADERS: Record<Lang, readonly string[]> = {
  fr: ['Date', 'Précision', 'Approximative', 'Événement', 'Type', 'Hypothèse de démonstration', 'Enregistré le', 'Par', 'Source', 'Identifiant', 'Fin de période'],
  en: ['Date', 'Precision', 'Approximate', 'Event', 'Type', 'Demo assumption', 'Recorded at', 'By', 'Source', 'Event id', 'Range end'],
};

const PRECISION: Record<string, Record<Lang, string>> = {
  day: { fr: 'jour', en: 'day' },
  month: { fr: 'mois', en: 'month' },
  year: { fr: 'année', en: 'year' },
  range: { fr: 'période', en: 'range' },
};

const YES_NO: Record<Lang, readonly [string, string]> = { fr: ['oui', 'non'], en: ['yes', 'no'] };

const SEPARATOR: Record<Lang, string> = { fr: ';', en: ',' };

/**
 * A text a spreadsheet may run as a formula (OWASP, CSV injection): starting with =, +, - or @ (their full-width
 * forms too), after spaces some importers trim, or with a tab or a line break. Names and labels are typed by users.
 */
const FORMULA = /^[\s\u00a0\u3000]*[=+\-@\uff1d\uff0b\uff0d\uff20]|^[\t\r\n]/;

/** One cell: led by an apostrophe (shown as text) when it reads as a formula; quoted when it holds the separator, a quote or a line break. */
const cell = (value: string, separator: string): string => {
  const text = FORMULA.test(value) ? `'${value}` : value;
  return text.includes(separator) || /["\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};

export const timelineCsv = (items: readonly TimelineItem[], lang: Lang): string => {
  const separator = SEPARATOR[lang];
  const [yes, no] = YES_NO[lang];
  const rows = items.map((item) => [
    item.date.date,
    PRECISION[item.date.precision]?.[lang] ?? item.date.precision,
    item.date.approximate ? yes : no,
    item.label,
    item.type,
    item.assumedForDemo ? yes : no,
    item.recordedAt,
    item.actor,
    item.source ? `${item.source.document}${item.source.lines ? ` (${item.source.lines})` : ''}` : '',
    item.eventId,
    item.date.to ?? '',
  ]);
  return `\uFEFF${[HEADERS[lang], ...rows].map((row) => row.map((value) => cell(value, separator)).join(separator)).join('\r\n')}\r\n`;
};
