import { recordTimeOf } from '../cooperations/time-travel.js';
import { ProblemException } from '../http/problem.js';

/**
 * The record-time window of an export (route and CLI alike), both ends inclusive: a bare day `from` means its
 * start and a bare day `to` its end (UTC), so `from=2026-03-01&to=2026-03-31` is all of March. Parsed by
 * `recordTimeOf`; throws ValidationFailed on a malformed date or an empty window.
 */
export const exportWindowOf = (from: string | undefined, to: string | undefined): { from?: string; to?: string } => {
  const start = from === undefined ? undefined : recordTimeOf('from', from, 'start');
  const end = to === undefined ? undefined : recordTimeOf('to', to);
  if (start !== undefined && end !== undefined && end < start) throw new ProblemException('ValidationFailed', {}, [{ field: 'to', messages: ['to must not precede from'] }]);
  return { ...(start !== undefined ? { from: start } : {}), ...(end !== undefined ? { to: end } : {}) };
};
