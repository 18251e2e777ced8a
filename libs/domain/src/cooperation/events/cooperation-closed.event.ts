import type { DomainEvent } from '../../shared/decider.js';
import type { PartialDate } from '../../shared/business-date.js';
import type { ClosingReason, CooperationPhase } from '../cooperation.vocabulary.js';

export type CooperationClosed = DomainEvent<
  'CooperationClosed',
  {
    closedOn: PartialDate;
    reason: ClosingReason;
    fromPhase: CooperationPhase;
    successorId?: string;
    closingNoteRef?: string;
    /** Open financial commitments the successor takes over (E11): they no longer hold the closing, and leave this ledger as « reportés ». */
    carriedOverCommitmentIds?: string[];
  }
>;
