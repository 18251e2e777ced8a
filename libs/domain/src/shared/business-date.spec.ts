import { describe, expect, it } from '@jest/globals';
import {
  addMonths,
  businessDate,
  dayAfter,
  isDefinitelyBefore,
  isInFuture,
  calendarDay,
  isPartialDate,
  periodCovers,
  periodsOverlap,
  startDay,
} from './business-date.js';

describe('business dates', () => {
  it('a partial date is a year, a month or a real calendar day', () => {
    for (const valid of ['2025', '2025-02', '2025-02-28', '2024-02-29', '2025-12-31']) expect(isPartialDate(valid)).toBe(true);
  });

  it('a day the calendar lacks, a thirteenth month or a malformed string is not a date', () => {
    for (const invalid of ['2025-02-30', '2025-02-29', '2025-13', '2025-00', '2025-01-00', '2025-04-31', '0999', '25', '2025-1', '2025-01-1', '19 septembre', ''])
      expect(isPartialDate(invalid)).toBe(false);
    expect(isPartialDate(2025)).toBe(false);
    expect(isPartialDate(undefined)).toBe(false);
  });

  it('dayAfter gives the first day after the whole period a partial date covers', () => {
    expect(dayAfter('2025')).toBe('2026-01-01');
    expect(dayAfter('2025-12')).toBe('2026-01-01');
    expect(dayAfter('2024-02')).toBe('2024-03-01');
    expect(dayAfter('2024-02-28')).toBe('2024-02-29');
    expect(dayAfter('2025-12-31')).toBe('2026-01-01');
  });

  it('startDay gives the first day a partial date covers', () => {
    expect(startDay('2025')).toBe('2025-01-01');
    expect(startDay('2025-10')).toBe('2025-10-01');
    expect(startDay('2027-01-01')).toBe('2027-01-01');
  });

  it('a fuzzy date is definitely before another only when it ends before the other starts', () => {
    expect(isDefinitelyBefore('2025', '2026-01-01')).toBe(true);
    expect(isDefinitelyBefore('2025-12', '2026')).toBe(true);
    expect(isDefinitelyBefore('2025-06-30', '2025-07')).toBe(true);
    expect(isDefinitelyBefore('2025', '2025-06')).toBe(false);
    expect(isDefinitelyBefore('2025-06', '2025')).toBe(false);
    expect(isDefinitelyBefore('2025-06-15', '2025-06-15')).toBe(false);
    expect(isDefinitelyBefore('2026', '2025')).toBe(false);
  });

  it('an open period overlaps everything after its start', () => {
    expect(periodsOverlap({ from: '2026-01-01' }, { from: '2030' })).toBe(true);
    expect(periodsOverlap({ from: '2026-01-01' }, { from: '2025', to: '2025' })).toBe(false);
  });

  it('a period stated "until 2026" overlaps what starts in 2026 and not what starts in 2027', () => {
    expect(periodsOverlap({ from: '2025', to: '2026' }, { from: '2026-12' })).toBe(true);
    expect(periodsOverlap({ from: '2025', to: '2026' }, { from: '2027-01-01' })).toBe(false);
  });

  it('a period ended on a date stops the day before: a hand-over on 2027-01-01 leaves no overlap', () => {
    expect(periodsOverlap({ from: '2026-01-01', endedOn: '2027-01-01' }, { from: '2027-01-01' })).toBe(false);
    expect(periodsOverlap({ from: '2026-01-01', endedOn: '2027-01-01' }, { from: '2026-12-31' })).toBe(true);
    expect(periodsOverlap({ from: '2026-01-01', to: '2030', endedOn: '2027-01-01' }, { from: '2028' })).toBe(false);
  });

  it('a period covers the first day of a date from its start to its end, end excluded', () => {
    expect(periodCovers({ from: '2025' }, '2025-10')).toBe(true);
    expect(periodCovers({ from: '2025-06' }, '2025')).toBe(false);
    expect(periodCovers({ from: '2025', endedOn: '2026-03' }, '2026-03')).toBe(false);
  });

  it('a business date is in the future only when even its first day is after today', () => {
    const today = '2026-11-23';
    expect(isInFuture('2026', today)).toBe(false);
    expect(isInFuture('2026-11', today)).toBe(false);
    expect(isInFuture('2026-11-23', today)).toBe(false);
    expect(isInFuture('2026-11-24', today)).toBe(true);
    expect(isInFuture(businessDate('2027'), today)).toBe(true);
  });

  it('the calendar day of an instant is the one where it is looked at: Paris is a day ahead of UTC after 23:00 UTC in winter, 22:00 in summer', () => {
    expect(calendarDay('2026-12-07T22:59:59.999Z', 'Europe/Paris')).toBe('2026-12-07');
    expect(calendarDay('2026-12-07T23:00:00.000Z', 'Europe/Paris')).toBe('2026-12-08');
    expect(calendarDay('2026-07-14T22:30:00.000Z', 'Europe/Paris')).toBe('2026-07-15');
    expect(calendarDay('2026-12-08T01:00:00.000Z', 'America/Cayenne')).toBe('2026-12-07');
    expect(calendarDay('2026-12-07T23:30:00.000Z', 'UTC')).toBe('2026-12-07');
    expect(() => calendarDay('2026-12-07T23:30:00.000Z', 'Paris')).toThrow(RangeError);
  });

  it('a business date records its precision, or range when it has an end', () => {
    expect(businessDate('2025')).toEqual({ date: '2025', precision: 'year' });
    expect(businessDate('2025-09-19', { approximate: true })).toEqual({ date: '2025-09-19', precision: 'day', approximate: true });
    expect(businessDate('2025', { to: '2025-10' })).toEqual({ date: '2025', precision: 'range', to: '2025-10' });
  });

  it('addMonths moves by calendar months and clamps to the month’s last day', () => {
    expect(addMonths('2025-11-03', 36)).toBe('2028-11-03');
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2024-12-15', 12)).toBe('2025-12-15');
  });
});
