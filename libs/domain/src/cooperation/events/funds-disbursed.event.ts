import type { DomainEvent } from '../../shared/decider.js';
import type { PartialDate } from '../../shared/business-date.js';

export type FundsDisbursed = DomainEvent<
  'FundsDisbursed',
  {
    disbursementId: string;
    commitmentId: string;
    amount: { cents: number; currency: 'EUR' };
    toOrganisationId: string;
    disbursedOn: PartialDate;
    /**
     * The co-funding allocation (E41) whose share on this commitment the payment settles: the money then leaves the
     * allocation's earmark as it is disbursed, instead of being counted once as allocated and again as disbursed.
     */
    allocationId?: string;
  }
>;
