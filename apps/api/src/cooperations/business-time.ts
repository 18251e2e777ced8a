import { cooperationDecider, foldWith, loggedEvents, startDay, type CooperationEvent, type CooperationState, type Correction } from '#domain';
import type { RecordedEvent } from '#event-store';
import { movedBy, timelineDateOf } from '#projections';

/**
 * The cooperation as it stood on a business day (domain.md §10.2: « what did the cooperation look like on 30 June
 * 2025? »): the facts of `state` that the timeline places on or before `day`, folded again in log order, each as it now
 * reads (its corrections applied, and only those corrections listed). `events` are the stored events behind `state`,
 * for their business dates and record days.
 *
 * A fact is placed as the timeline places it (cooperation-timeline.projection.ts), so the two never disagree: its stated
 * date (`occurredAt`), else the date it takes effect, else its record day (`recordedOn`, else UTC's); moved by a correction of that very
 * date. A fact dated by a month, a season or a year counts from its first day; a range, from its start.
 */
export const standingOn = (state: CooperationState, events: readonly RecordedEvent[], day: string): CooperationState => {
  const stored = new Map(events.map((event) => [event.eventId, event]));
  const corrections = new Map<string, Correction[]>();
  for (const correction of state.corrections) corrections.set(correction.correctedEventId, [...(corrections.get(correction.correctedEventId) ?? []), correction]);
  const placedOn = (event: CooperationEvent): string => {
    const recorded = stored.get(event.eventId!);
    // The shell folds stored events only; one missing here is a stream read shorter than the state: never placed.
    if (!recorded) throw new Error(`event ${event.eventId} of ${state.cooperationId} was not read`);
    let date = timelineDateOf(recorded).date;
    for (const correction of corrections.get(event.eventId!) ?? []) date = movedBy(date, correction) ?? date;
    return startDay(date);
  };
  const facts = loggedEvents(state).filter((event) => event.type !== 'RecordCorrected' && placedOn(event) <= day);
  const kept = new Set(facts.map((event) => event.eventId));
  return { ...foldWith(cooperationDecider, cooperationDecider.initialState(), facts), corrections: state.corrections.filter((c) => kept.has(c.correctedEventId)) };
};
