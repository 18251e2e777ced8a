import type { DomainEvent } from '../../shared/decider.js';
import type { PartialDate } from '../../shared/business-date.js';
import type { DecisionOutcome, DecisionSubjectType } from '../cooperation.vocabulary.js';

export type DecisionRecorded = DomainEvent<
  'DecisionRecorded',
  {
    decisionId: string;
    instanceId: string;
    /** Taken in this meeting, or by written procedure (then no meeting). */
    meetingId?: string;
    writtenProcedure?: boolean;
    subjectType: DecisionSubjectType;
    /** What the decision is about: a charter, an organisation, an action… */
    subjectRef?: string;
    outcome: DecisionOutcome;
    text: string;
    votes?: { for: number; against: number; abstain: number };
    consensus?: boolean;
    decidedOn: PartialDate;
    /** An earlier decision on the same subject that this one reconsiders. */
    revisits?: string;
  }
>;
