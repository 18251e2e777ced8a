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
  }
>;
