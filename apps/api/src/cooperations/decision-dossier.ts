import {
  isDefinitelyBefore,
  loggedEvents,
  seatsNeeded,
  seatsOn,
  type CooperationEvent,
  type CooperationState,
  type DecisionRecorded,
  type MeetingHeld,
  type MeetingScheduled,
  type PartialDate,
} from '#domain';
import { labelOf, type Lang } from '#projections';
import { correctionView } from './cooperation.view.js';

type Logged<T extends CooperationEvent['type']> = Extract<CooperationEvent, { type: T }> & { eventId?: string };

/** What a dossier needs besides the state: names from the registry, record times from the stream, the reader's language. */
export interface DossierContext {
  readonly nameOf: (organisationId: string) => string;
  /** Record times of corrections (the folded state keeps those). */
  readonly recordedAtOf: (eventId: string) => string | undefined;
  readonly lang: Lang;
}

/**
 * The version of each charter in force when the decision was taken: the latest whose entry into force is dated before
 * `decidedOn`, or dated alike (a month, a year: the dates overlap) and recorded before the decision in the stream.
 */
const chartersInForceAt = (state: CooperationState, events: readonly CooperationEvent[], at: number, decidedOn: PartialDate) => {
  const latest = new Map<string, { version: number; effectiveOn: PartialDate }>();
  events.forEach((e, i) => {
    if (e.type !== 'CharterEnteredIntoForce') return;
    const { charterId, version, effectiveOn } = e.data;
    const before = isDefinitelyBefore(effectiveOn, decidedOn) || (!isDefinitelyBefore(decidedOn, effectiveOn) && i < at);
    if (before && version > (latest.get(charterId)?.version ?? 0)) latest.set(charterId, { version, effectiveOn });
  });
  return [...latest].map(([charterId, { version, effectiveOn }]) => ({ charterId, title: state.charters[charterId]?.title ?? charterId, version, effectiveOn }));
};

/**
 * The decision dossier (peers.md §4.6): one decision in its context, rebuilt from the stream as it now reads (corrections
 * applied) — the body that took it and its mandate and quorum rule, the meeting (agenda, who sat on the body that day,
 * who attended or apologised, guests), the charter versions in force that day, the votes and outcome, and what the
 * log records afterwards citing it (an adoption, a hand-over, a decision revisiting it), and the corrections made to
 * what it shows: the decision, its meeting, the body and its seats, the charters in force, what followed from it.
 * Undefined for an unknown decision.
 */
export const decisionDossier = (state: CooperationState, decisionId: string, context: DossierContext) => {
  const events = loggedEvents(state) as (CooperationEvent & { eventId?: string })[];
  const at = events.findIndex((e) => e.type === 'DecisionRecorded' && e.data.decisionId === decisionId);
  if (at === -1) return undefined;
  const decision = events[at] as Logged<'DecisionRecorded'>;
  const d: DecisionRecorded['data'] = decision.data;
  const instance = state.instances[d.instanceId];
  const scheduled = d.meetingId ? (events.find((e) => e.type === 'MeetingScheduled' && e.data.meetingId === d.meetingId) as Logged<'MeetingScheduled'> | undefined) : undefined;
  const held = d.meetingId ? (events.find((e) => e.type === 'MeetingHeld' && e.data.meetingId === d.meetingId) as Logged<'MeetingHeld'> | undefined) : undefined;
  const attendees: MeetingHeld['data']['attendees'] = held?.data.attendees ?? [];
  const present = new Set(attendees.flatMap((a) => ('seatId' in a ? [a.seatId] : [])));
  const apologies = new Set(held?.data.apologies ?? []);
  // Who sat and who came is a meeting's: a decision by written procedure has neither.
  const composition = (held ? seatsOn(state, d.instanceId, held.data.heldOn) : []).map((seat) => ({
    seatId: seat.seatId,
    holderOrganisationId: seat.holderOrganisationId,
    holderName: context.nameOf(seat.holderOrganisationId),
    ...(seat.personId ? { personId: seat.personId } : {}),
    seatType: seat.seatType,
    present: present.has(seat.seatId),
    apologised: apologies.has(seat.seatId),
  }));
  const cites = (e: CooperationEvent) => {
    const data = e.data as { decisionId?: unknown; revisits?: unknown };
    return e.type === 'DecisionRecorded' ? data.revisits === decisionId : data.decisionId === decisionId;
  };
  const chartersInForce = chartersInForceAt(state, events, at, d.decidedOn);
  // The events that made what the dossier shows besides the decision and its meeting: a correction to any of them is
  // shown. Every seat of the body, not only those of that day: a corrected date may be what took a seat out of it.
  const shows = (e: CooperationEvent): boolean => {
    switch (e.type) {
      case 'GovernanceInstanceCreated':
      case 'GovernanceInstanceDissolved':
        return e.data.instanceId === d.instanceId;
      case 'InstanceSeatAssigned':
      case 'InstanceSeatVacated':
        return state.seats[e.data.seatId]?.instanceId === d.instanceId;
      case 'CharterDraftStarted':
        return chartersInForce.some((charter) => charter.charterId === e.data.charterId);
      default:
        return false;
    }
  };
  // What followed from it, labelled as it now reads: a correction to one of them changes what the dossier shows too.
  const consequences = events.slice(at + 1).flatMap((e, i) => (cites(e) ? [{ event: e, revision: at + 1 + i }] : []));
  const related = new Set(
    [decision, scheduled, held, ...events.filter(shows), ...consequences.map((c) => c.event)].map((e) => e?.eventId).filter((id): id is string => id !== undefined),
  );
  const label = (e: CooperationEvent) => labelOf(e, { nameOf: context.nameOf })[context.lang];
  const byEventId = new Map(events.flatMap((e) => (e.eventId && related.has(e.eventId) ? [[e.eventId, e] as const] : [])));
  const meeting: MeetingScheduled['data'] | undefined = scheduled?.data;
  return {
    decision: { ...d, eventId: decision.eventId, revision: at },
    instance: instance && {
      instanceId: instance.instanceId,
      label: instance.label,
      kind: instance.kind,
      mandate: instance.mandate,
      ...(instance.quorum !== undefined ? { quorum: instance.quorum } : {}),
      status: instance.status,
    },
    meeting: meeting && {
      meetingId: meeting.meetingId,
      scheduledFor: meeting.scheduledFor,
      location: meeting.location,
      agenda: meeting.agenda,
      heldOn: held?.data.heldOn ?? null,
      minutesRef: held?.data.minutesRef ?? null,
      guests: attendees.flatMap((a) => ('guest' in a ? [a.guest] : [])),
    },
    composition,
    // The rule as it stands on record, against the seats held that day: what the quorum check of E35 compared.
    quorum:
      instance?.quorum === undefined || !held
        ? null
        : { rule: instance.quorum, seats: composition.length, required: seatsNeeded(instance.quorum, composition.length), present: composition.filter((seat) => seat.present).length },
    chartersInForce,
    consequences: consequences.map(({ event, revision }) => ({ eventId: event.eventId, type: event.type, revision, label: label(event) })),
    // Each with the corrected event's label as the dossier's log reads it (as known then, with `asOf`).
    corrections: state.corrections
      .filter((c) => related.has(c.correctedEventId))
      .map((c) => ({ ...correctionView(context.recordedAtOf)(c), correctedEventLabel: label(byEventId.get(c.correctedEventId)!) })),
  };
};

export type DecisionDossier = NonNullable<ReturnType<typeof decisionDossier>>;
