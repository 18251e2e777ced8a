import type { DomainEvent } from '../../shared/decider.js';
import type { PartialDate } from '../../shared/business-date.js';
import type { CommitmentPledged } from './commitment-pledged.event.js';

/** What a revision may change, in the pledge's own shapes; the period's start and the commitment's kind stay. */
export type CommitmentChanges = Partial<Pick<CommitmentPledged['data'], 'amount' | 'quantity' | 'description' | 'conditions'>> & {
  period?: { to: PartialDate };
};

export type CommitmentRevised = DomainEvent<
  'CommitmentRevised',
  {
    commitmentId: string;
    changes: CommitmentChanges;
    reason: string;
    revisedOn: PartialDate;
  }
>;
