import type { DomainEvent } from '../../shared/decider.js';
import type { PartialDate } from '../../shared/business-date.js';

export type CommitmentFulfilled = DomainEvent<
  'CommitmentFulfilled',
  {
    commitmentId: string;
    fulfilledOn: PartialDate;
    evidenceRef?: string;
    partial?: boolean;
    reason?: string;
  }
>;
