import { isPartialDate } from '#domain';
import type { RecordedEvent } from '#event-store';
import { ProblemException } from '../http/problem.js';
import type { cooperationView } from './cooperation.view.js';

type View = ReturnType<typeof cooperationView>;

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** A day without a time of day: which end of it is meant depends on the parameter (`recordTimeOf`). */
export const isBareDay = (value: string): boolean => ISO_DAY.test(value);

/**
 * A record-time instant from the query string, as the comparable ISO string the store stamps
 * (`recordedAt`). A bare day means "by the end of that day" (UTC): what the log knew that evening; or, with
 * `bareDay: 'start'`, its first millisecond, where a window of record times opens.
 */
export const recordTimeOf = (field: string, value: string, bareDay: 'start' | 'end' = 'end'): string => {
  // Date.parse would roll 2026-02-30 over to March: the calendar day is checked on its own.
  const valid = (ISO_DAY.test(value) || ISO_DATE_TIME.test(value)) && isPartialDate(value.slice(0, 10)) && !Number.isNaN(Date.parse(value));
  if (!valid) throw new ProblemException('ValidationFailed', {}, [{ field, messages: [`${field} must be an ISO 8601 date-time (2026-03-01T12:00:00Z) or day (2026-03-01)`] }]);
  if (ISO_DAY.test(value)) return new Date(Date.parse(`${value}T00:00:00Z`) + (bareDay === 'end' ? 86_400_000 - 1 : 0)).toISOString();
  return new Date(value).toISOString();
};

/** A business day from the query string (`on`): a calendar day, YYYY-MM-DD, with no time of day or zone. */
export const businessDayOf = (field: string, value: string): string => {
  if (!isBareDay(value) || !isPartialDate(value)) throw new ProblemException('ValidationFailed', {}, [{ field, messages: [`${field} must be a calendar day such as 2025-06-30`] }]);
  return value;
};

/** The events the log held at a record time: a prefix of the stream, since record times only grow along it. */
export const eventsRecordedBy = (events: readonly RecordedEvent[], instant: string): RecordedEvent[] =>
  events.filter((event) => event.metadata.recordedAt <= instant);

const byKey = <T>(items: readonly T[], key: (item: T) => string) => new Map(items.map((item) => [key(item), item]));

/** Items of `after` whose key `before` lacks. */
const added = <T>(before: readonly T[], after: readonly T[], key: (item: T) => string): T[] => {
  const known = byKey(before, key);
  return after.filter((item) => !known.has(key(item)));
};

const seatsOf = (view: View) => view.instances.flatMap((instance) => instance.seats.map((seat) => ({ ...seat, instanceLabel: instance.label })));
const signaturesOf = (view: View) =>
  view.charters.flatMap((charter) =>
    charter.versions.flatMap((version) =>
      version.signatures.map((signature) => ({ charterId: charter.charterId, title: charter.title, version: version.version, ...signature })),
    ),
  );
const signatureKey = (s: ReturnType<typeof signaturesOf>[number]) => `${s.charterId}/${s.version}/${s.organisationId}/${s.signedOn}`;
const charterStatuses = (view: View) => view.charters.map(({ charterId, title, status, versionInForce }) => ({ charterId, title, status, versionInForce }));

/**
 * What changed in a cooperation between two views of it (an auditor's review): members in and out, roles
 * assigned and ended, seats taken and vacated, signatures given and withdrawn, charter status and phase, and the events that
 * made those changes. `before` is null when the cooperation did not exist yet.
 */
export const cooperationDiff = (before: View | null, after: View, events: readonly RecordedEvent[]) => {
  // Participants, present and former: one that joined and left in between shows in both lists, as roles do.
  const participants = (view: View | null) => [...(view?.members ?? []), ...(view?.formerMembers ?? [])];
  const roles = before?.roles ?? [];
  const endedBefore = new Set(roles.filter((r) => r.endedOn).map((r) => r.assignmentId));
  const seats = before ? seatsOf(before) : [];
  const statusBefore = byKey(before ? charterStatuses(before) : [], (c) => c.charterId);
  const [signaturesBefore, signaturesAfter] = [before ? signaturesOf(before) : [], signaturesOf(after)];
  return {
    fromRevision: before?.revision ?? null,
    toRevision: after.revision,
    phase: before?.phase === after.phase ? null : { from: before?.phase ?? null, to: after.phase },
    membersJoined: added(participants(before), participants(after), (m) => m.organisationId).map(({ organisationId, name, joinedOn }) => ({ organisationId, name, joinedOn })),
    membersLeft: added(before?.formerMembers ?? [], after.formerMembers, (m) => m.organisationId).map(({ organisationId, name, leftOn }) => ({ organisationId, name, leftOn })),
    rolesAssigned: added(roles, after.roles, (r) => r.assignmentId),
    rolesEnded: after.roles.filter((r) => r.endedOn && !endedBefore.has(r.assignmentId)),
    seatsAssigned: added(seats, seatsOf(after), (s) => s.seatId),
    seatsVacated: added(seatsOf(after), seats, (s) => s.seatId),
    signatures: added(signaturesBefore, signaturesAfter, signatureKey),
    // Taken back in between (E26), by the organisation or on its departure; one withdrawn and given again shows in both.
    signaturesWithdrawn: added(signaturesAfter, signaturesBefore, signatureKey),
    charters: charterStatuses(after).flatMap((charter) => {
      const previous = statusBefore.get(charter.charterId);
      return previous?.status === charter.status && previous.versionInForce === charter.versionInForce
        ? []
        : [{ ...charter, previousStatus: previous?.status ?? null }];
    }),
    events: events.map((e) => ({ eventId: e.eventId, revision: e.revision, type: e.type, recordedAt: e.metadata.recordedAt, occurredAt: e.metadata.occurredAt, actor: e.metadata.actor })),
  };
};
