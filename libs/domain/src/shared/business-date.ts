import { ensure } from './domain-error.js';

/**
 * Business dates as the sources give them: a year ("2026"), a month ("2025-10") or a day ("2027-01-01"),
 * possibly approximate or spanning a range. They stay apart from the record time the server stamps.
 */
export type PartialDate = string;
export type DatePrecision = 'day' | 'month' | 'year' | 'range';

export interface BusinessDate {
  readonly date: PartialDate;
  readonly precision: DatePrecision;
  readonly to?: PartialDate;
  readonly approximate?: boolean;
}

const PARTIAL_DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

const daysInMonth = (year: number, month: number): number => new Date(Date.UTC(year, month, 0)).getUTCDate();

export const isPartialDate = (value: unknown): value is PartialDate => {
  if (typeof value !== 'string') return false;
  const match = PARTIAL_DATE.exec(value);
  if (!match) return false;
  const year = Number(match[1]);
  if (year < 1000) return false;
  if (match[2] === undefined) return true;
  const month = Number(match[2]);
  if (month < 1 || month > 12) return false;
  if (match[3] === undefined) return true;
  const day = Number(match[3]);
  return day >= 1 && day <= daysInMonth(year, month);
};

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

const parts = (date: PartialDate): [number, number | undefined, number | undefined] => {
  const [y, m, d] = date.split('-');
  return [Number(y), m === undefined ? undefined : Number(m), d === undefined ? undefined : Number(d)];
};

// precisionOf and startDay run for every event a timeline replays: they read the dashes rather than split and parse.
export const precisionOf = (date: PartialDate): Exclude<DatePrecision, 'range'> => {
  const afterYear = date.indexOf('-');
  return afterYear < 0 ? 'year' : date.indexOf('-', afterYear + 1) < 0 ? 'month' : 'day';
};

const FULL_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** First day covered by a partial date, as YYYY-MM-DD. */
export const startDay = (date: PartialDate): string => {
  if (FULL_DAY.test(date)) return date;
  const [y, m, d] = parts(date);
  return `${pad(y, 4)}-${pad(m ?? 1)}-${pad(d ?? 1)}`;
};

/** First day after the period a partial date covers, as YYYY-MM-DD. */
export const dayAfter = (date: PartialDate): string => {
  const [y, m, d] = parts(date);
  const next =
    d !== undefined
      ? new Date(Date.UTC(y, m! - 1, d + 1))
      : m !== undefined
        ? new Date(Date.UTC(y, m, 1))
        : new Date(Date.UTC(y + 1, 0, 1));
  return next.toISOString().slice(0, 10);
};

/** True only when `a` ends before `b` starts: fuzzy dates that may coincide are not "before". */
export const isDefinitelyBefore = (a: PartialDate, b: PartialDate): boolean => dayAfter(a) <= startDay(b);

export const businessDate = (date: PartialDate, options: { to?: PartialDate; approximate?: boolean } = {}): BusinessDate => ({
  date,
  precision: options.to ? 'range' : precisionOf(date),
  ...(options.to ? { to: options.to } : {}),
  ...(options.approximate ? { approximate: true } : {}),
});

/** UTC calendar day of an ISO date-time record stamp: how record times (`recordedAt`) are filed. */
export const dayOf = (isoDateTime: string): string => isoDateTime.slice(0, 10);

const dayFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * The calendar day an instant falls on in a time zone (IANA name): at 00:30 in Paris on 8 December it is
 * 2026-12-08 there while UTC still says 2026-12-07. Throws a RangeError for a zone Intl does not know.
 */
export const calendarDay = (instantIso: string, timeZone: string): string => {
  let format = dayFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dayFormats.set(timeZone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(Date.parse(instantIso)).map((part) => [part.type, part.value]));
  return `${parts.year}-${parts.month}-${parts.day}`;
};

/** A business date lies in the future when even its first day is after today (a calendar day, YYYY-MM-DD). */
export const isInFuture = (date: BusinessDate | PartialDate, today: string): boolean =>
  startDay(typeof date === 'string' ? date : date.date) > today;

/**
 * domain.md §8.1, for every command of every context: a fact stated as happening after today is not recorded
 * (the cooperations' and the registries' codes both name it `BusinessDateInFuture`), nor one stated as happening
 * within a range that ends after it: what has happened happened by today.
 */
export const ensureNotInFuture = (date: BusinessDate | PartialDate, today: string): void => {
  ensure(!isInFuture(date, today), 'BusinessDateInFuture', { date: typeof date === 'string' ? date : date.date });
  if (typeof date !== 'string' && date.to !== undefined) ensure(!isInFuture(date.to, today), 'BusinessDateInFuture', { date: date.to });
};

/**
 * A period in business time. `to` is the last date included, as a person states it ("until 2026");
 * `endedOn` is the effective date an event ended it on (a hand-over on 2027-01-01 ends the period the day before).
 */
export interface Period {
  readonly from: PartialDate;
  readonly to?: PartialDate;
  readonly endedOn?: PartialDate;
}

/** The period as half-open day bounds [start, end), `end` undefined when open-ended. */
export const dayBounds = (period: Period): { start: string; end?: string } => {
  const ends = [period.to && dayAfter(period.to), period.endedOn && startDay(period.endedOn)].filter(
    (d): d is string => Boolean(d),
  );
  return { start: startDay(period.from), ...(ends.length ? { end: ends.sort()[0] } : {}) };
};

export const periodsOverlap = (a: Period, b: Period): boolean => {
  const x = dayBounds(a);
  const y = dayBounds(b);
  return (y.end === undefined || x.start < y.end) && (x.end === undefined || y.start < x.end);
};

/** Whether a period covers the first day of a date. */
export const periodCovers = (period: Period, date: PartialDate): boolean => {
  const { start, end } = dayBounds(period);
  const day = startDay(date);
  return start <= day && (end === undefined || day < end);
};

/** The day `months` calendar months after `day` (YYYY-MM-DD), clamped to the month's last day. */
export const addMonths = (day: string, months: number): string => {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  const index = year * 12 + (month - 1) + months;
  const [newYear, newMonth] = [Math.floor(index / 12), (index % 12) + 1];
  const clamped = Math.min(date, daysInMonth(newYear, newMonth));
  return `${newYear}-${String(newMonth).padStart(2, '0')}-${String(clamped).padStart(2, '0')}`;
};
