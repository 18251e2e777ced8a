import { isDefinitelyBefore, type PartialDate } from '../../shared/business-date.js';
import { ensure } from '../../shared/domain-error.js';
import { CooperationErrorCode as Code } from '../cooperation.errors.js';
import type { CooperationState } from '../cooperation.state.js';
import type { CooperationEvent } from '../events/index.js';

/**
 * What an instance did on a date: a seat from, a convening request, a meeting scheduled or held, a decision, an
 * adoption. `sat` marks what it did sitting (held, decided, adopted): the acts a dissolution must come after.
 */
export interface InstanceAct {
  readonly ref: string;
  readonly on: PartialDate;
  readonly sat: boolean;
}

/** The instance's dates and acts as `log` reads (events in order, corrections applied). */
export interface InstanceLifetime {
  readonly createdOn: PartialDate;
  readonly dissolvedOn?: PartialDate;
  readonly acts: readonly InstanceAct[];
}

/** The act an event records for `instanceId`, if any; a meeting held is the instance's of the meeting scheduled. */
const actOf = (event: CooperationEvent, instanceId: string, meetingsOfInstance: ReadonlySet<string>): InstanceAct | undefined => {
  switch (event.type) {
    case 'InstanceSeatAssigned':
      return event.data.instanceId === instanceId ? { ref: event.data.seatId, on: event.data.from, sat: false } : undefined;
    case 'MeetingConveningRequested':
      return event.data.instanceId === instanceId ? { ref: event.data.requestId, on: event.data.requestedOn, sat: false } : undefined;
    case 'MeetingScheduled':
      return event.data.instanceId === instanceId ? { ref: event.data.meetingId, on: event.data.scheduledFor, sat: false } : undefined;
    case 'MeetingHeld':
      return meetingsOfInstance.has(event.data.meetingId) ? { ref: event.data.meetingId, on: event.data.heldOn, sat: true } : undefined;
    case 'DecisionRecorded':
      return event.data.instanceId === instanceId ? { ref: event.data.decisionId, on: event.data.decidedOn, sat: true } : undefined;
    case 'CharterAdopted':
      return event.data.instanceId === instanceId ? { ref: `${event.data.charterId} v${event.data.version}`, on: event.data.adoptedOn, sat: true } : undefined;
    case 'CharterAmended':
      return event.data.instanceId === instanceId ? { ref: event.data.amendmentId, on: event.data.adoptedOn, sat: true } : undefined;
    default:
      return undefined;
  }
};

/** The instance's creation, dissolution and acts in `log`; undefined when the log never created it. */
export const lifetimeOf = (log: readonly CooperationEvent[], instanceId: string): InstanceLifetime | undefined => {
  let createdOn: PartialDate | undefined;
  let dissolvedOn: PartialDate | undefined;
  const meetings = new Set<string>();
  const acts: InstanceAct[] = [];
  for (const event of log) {
    if (event.type === 'GovernanceInstanceCreated' && event.data.instanceId === instanceId) createdOn = event.data.createdOn;
    if (event.type === 'GovernanceInstanceDissolved' && event.data.instanceId === instanceId) dissolvedOn = event.data.dissolvedOn;
    if (event.type === 'MeetingScheduled' && event.data.instanceId === instanceId) meetings.add(event.data.meetingId);
    const act = actOf(event, instanceId, meetings);
    if (act) acts.push(act);
  }
  return createdOn === undefined ? undefined : { createdOn, ...(dissolvedOn !== undefined ? { dissolvedOn } : {}), acts };
};

/** Each act named once: a meeting is scheduled, then held. */
const refsOf = (acts: readonly InstanceAct[]): string[] => [...new Set(acts.map((act) => act.ref))];

/** The acts dated definitely before the creation. */
export const actsBeforeCreation = ({ createdOn, acts }: InstanceLifetime): string[] => refsOf(acts.filter((act) => isDefinitelyBefore(act.on, createdOn)));

/** What the instance did sitting on `date` or after it, or possibly so at their precision: a dissolution then comes too early. */
export const actsSittingFrom = ({ acts }: InstanceLifetime, date: PartialDate): string[] =>
  refsOf(acts.filter((act) => act.sat && !isDefinitelyBefore(act.on, date)));

/** The instance whose dates or acts an event records, if any (a meeting held: the meeting's instance). */
export const instanceOfEvent = (state: CooperationState, event: CooperationEvent): string | undefined => {
  if (event.type === 'MeetingHeld') return state.meetings[event.data.meetingId]?.instanceId;
  const data = event.data as { instanceId?: unknown };
  return typeof data.instanceId === 'string' && state.instances[data.instanceId] ? data.instanceId : undefined;
};

/**
 * A correction keeps each instance's acts within its lifetime (the rules its commands follow): none dated before its
 * creation, and nothing done sitting from its dissolution on. Only what the correction brings is refused: a log that
 * broke these rules before they existed stays correctable.
 */
export const ensureLifetimeKept = (before: InstanceLifetime, after: InstanceLifetime, instanceId: string): void => {
  const alreadyEarly = new Set(actsBeforeCreation(before));
  const early = actsBeforeCreation(after).filter((ref) => !alreadyEarly.has(ref));
  ensure(early.length === 0, Code.InstanceNotYetCreated, { instanceId, createdOn: after.createdOn, acts: early });
  if (after.dissolvedOn === undefined) return;
  const dissolvedTooEarly = ({ createdOn, dissolvedOn }: InstanceLifetime) => dissolvedOn !== undefined && isDefinitelyBefore(dissolvedOn, createdOn);
  ensure(!dissolvedTooEarly(after) || dissolvedTooEarly(before), Code.DissolvedBeforeCreation, { dissolvedOn: after.dissolvedOn, createdOn: after.createdOn });
  const alreadyLate = new Set(before.dissolvedOn === undefined ? [] : actsSittingFrom(before, before.dissolvedOn));
  const late = actsSittingFrom(after, after.dissolvedOn).filter((ref) => !alreadyLate.has(ref));
  ensure(late.length === 0, Code.InstanceActedAfterDissolution, { dissolvedOn: after.dissolvedOn, acts: late });
};
