import type { DomainEvent } from '../../shared/decider.js';
import type { PartialDate } from '../../shared/business-date.js';

export type ActionCompleted = DomainEvent<
  'ActionCompleted',
  { actionId: string; completedOn: PartialDate; results: { label: string; value: number; unit: string }[]; narrative: string }
>;
