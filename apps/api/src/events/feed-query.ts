import { CURRENT_SCHEMA_VERSIONS } from '#domain';
import type { EventStore } from '#event-store';
import { ProblemException, type ValidationIssue } from '../http/problem.js';
import { exportWindowOf } from './export-window.js';

const EVENT_TYPES: ReadonlySet<string> = new Set(Object.keys(CURRENT_SCHEMA_VERSIONS));
const FEED_PARAMETERS: ReadonlySet<string> = new Set(['after', 'limit', 'type', 'cooperationId', 'actor', 'from', 'to']);

export interface FeedQuery {
  readonly after?: string;
  readonly limit: number;
  readonly type?: readonly string[];
  readonly cooperationId?: string;
  readonly actor?: string;
  /** The record-time window, normalised as the export's (a bare day is its start or its end, UTC). */
  readonly window: { readonly from?: string; readonly to?: string };
}

/**
 * GET /events's query, checked whole: every problem is listed at once (ValidationFailed), and a parameter given twice
 * is refused rather than read as a list. `from` and `to` are read by `exportWindowOf`, as the export's.
 */
export const feedQueryOf = (query: Record<string, unknown>, store: Pick<EventStore, 'isPosition'>): FeedQuery => {
  // A misspelt filter (`types=`, `cooperation=`) would otherwise answer with the whole unfiltered log.
  const issues: ValidationIssue[] = Object.keys(query)
    .filter((field) => !FEED_PARAMETERS.has(field))
    .map((field) => ({ field, messages: [`${field} is not a parameter of GET /events (it takes ${[...FEED_PARAMETERS].join(', ')})`] }));
  const text = (field: string): string | undefined => {
    const value = query[field];
    if (value === undefined) return undefined;
    if (typeof value !== 'string') return void issues.push({ field, messages: [`${field} must be given once`] });
    if (value === '') return void issues.push({ field, messages: [`${field} must not be empty`] });
    return value;
  };
  const after = text('after');
  if (after !== undefined && !store.isPosition(after)) issues.push({ field: 'after', messages: ['after must be a position returned by this API'] });
  const limit = text('limit');
  if (limit !== undefined && !(/^\d{1,4}$/.test(limit) && Number(limit) >= 1 && Number(limit) <= 1000)) issues.push({ field: 'limit', messages: ['limit must be an integer from 1 to 1000'] });
  const types = text('type')?.split(',');
  const unknown = types?.filter((t) => !EVENT_TYPES.has(t)) ?? [];
  if (unknown.length) issues.push({ field: 'type', messages: [`type must name event types of the log (e.g. MemberJoined,RoleAssigned), not ${unknown.map((t) => JSON.stringify(t)).join(', ')}`] });
  const [cooperationId, actor, from, to] = [text('cooperationId'), text('actor'), text('from'), text('to')];
  let window: FeedQuery['window'] = {};
  try {
    window = exportWindowOf(from, to);
  } catch (error) {
    if (!(error instanceof ProblemException && error.errors)) throw error;
    issues.push(...error.errors);
  }
  if (issues.length) throw new ProblemException('ValidationFailed', {}, issues);
  return {
    ...(after !== undefined ? { after } : {}),
    limit: limit === undefined ? 100 : Number(limit),
    ...(types !== undefined ? { type: types } : {}),
    ...(cooperationId !== undefined ? { cooperationId } : {}),
    ...(actor !== undefined ? { actor } : {}),
    window,
  };
};
