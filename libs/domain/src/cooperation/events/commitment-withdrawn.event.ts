import type { DomainEvent } from '../../shared/decider.js';
import type { PartialDate } from '../../shared/business-date.js';

export type CommitmentWithdrawn = DomainEvent<
  'CommitmentWithdrawn',
  {
    commitmentId: string;
    reason: string;
    withdrawnOn: PartialDate;
    /** What had been paid out by then, in cents (financial commitments). */
    disbursedSoFarCents: number;
  }
>;
