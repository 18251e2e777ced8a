import type { DomainEvent } from '../../shared/decider.js';
import type { PartialDate } from '../../shared/business-date.js';
import type { CommitmentKind, CommitmentPurpose, Money, QuantityUnit } from '../cooperation.vocabulary.js';

export type CommitmentPledged = DomainEvent<
  'CommitmentPledged',
  {
    commitmentId: string;
    organisationId: string;
    /** A joint commitment whose total is known but not its split (domain.md E37). */
    coFunderOrganisationIds: string[];
    kind: CommitmentKind;
    purpose: CommitmentPurpose;
    beneficiaryOrganisationId?: string;
    actionId?: string;
    amount?: Money;
    quantity?: { value: number; unit: QuantityUnit };
    description: string;
    period: { from: PartialDate; to?: PartialDate };
    supportDecisionId?: string;
    conditions: string[];
    exitTerms?: string;
  }
>;
