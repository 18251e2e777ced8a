import type { DomainEvent } from '../../shared/decider.js';
import type { PartialDate } from '../../shared/business-date.js';

export type MeetingConveningRequested = DomainEvent<
  'MeetingConveningRequested',
  { requestId: string; instanceId: string; requestedBySeatId: string; topic: string; requestedOn: PartialDate }
>;
