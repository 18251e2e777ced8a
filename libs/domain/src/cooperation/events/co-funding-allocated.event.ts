import type { DomainEvent } from '../../shared/decider.js';

/** One funder's share of an action's co-financing, drawn on one of its commitments or not. */
export interface CoFundingShare {
  funderOrganisationId: string;
  commitmentId?: string;
  amount: { cents: number; currency: 'EUR' };
}

/** Accepted but flagged: a share drawn on a commitment whose amount was not disclosed, so nothing bounds it. */
export interface CoFundingWarning {
  readonly code: 'RemainingAmountUnknown';
  readonly params: Readonly<Record<string, unknown>>;
}

/** A funders' committee shares out the co-financing of an action (domain.md E41, Rennes comité des financeurs). */
export type CoFundingAllocated = DomainEvent<
  'CoFundingAllocated',
  {
    allocationId: string;
    actionId: string;
    decisionId: string;
    allocations: CoFundingShare[];
    warnings: CoFundingWarning[];
  }
>;
