import { recordTimeOf } from '../cooperations/time-travel.js';
import { ProblemException } from '../http/problem.js';

const DAY_MS = 86_400_000;

/**
 * The record-time window of an export (route and CLI alike), both ends inclusive: a bare day `from` means its
 * start and a bare day `to` its end (UTC), so `from=2026-03-01&to=2026-03-31` is all of March. Parsed by
 * `recordTimeOf`; throws ValidationFailed on a malformed date or an empty window.
 */
export const exportWindowOf = (from: string | undefined, to: string | undefined): { from?: string; to?: string } => {
  // recordTimeOf reads a bare day as its last millisecond: back to its first one for `from`.
  const start = from === undefined ? undefined : /^\d{4}-\d{2}-\d{2}$/.test(from) ? new Date(Date.parse(recordTimeOf('from', from)) - DAY_MS + 1).toISOString() : recordTimeOf('from', from);
  const end = to === undefined ? undefined : recordTimeOf('to', to);
  if (start !== undefined && end !== undefined && end < start) throw new ProblemException('ValidationFailed', {}, [{ field: 'to', messages: ['to must not precede from'] }]);
  return { ...(start !== undefined ? { from: start } : {}), ...(end !== undefined ? { to: end } : {}) };
};
