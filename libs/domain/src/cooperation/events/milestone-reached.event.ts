import type { DomainEvent } from '../../shared/decider.js';
import type { PartialDate } from '../../shared/business-date.js';
import type { MilestoneKind } from '../cooperation.vocabulary.js';

export type MilestoneReached = DomainEvent<
  'MilestoneReached',
  {
    milestoneId: string;
    /** Set when a planned milestone is reached; absent for a fact recorded as it happened. */
    planned: boolean;
    label: string;
    kind: MilestoneKind;
    reachedOn: PartialDate;
    evidenceRef?: string;
    /** A fact older than the cooperation's proposal (test workshops, a first restaurant in 2003). */
    preHistory?: boolean;
  }
>;
