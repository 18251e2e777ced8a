import type { DomainEvent } from '../../shared/decider.js';
import type { PartialDate } from '../../shared/business-date.js';
import type { DecidingBody, Money, SupportOutcome } from '../cooperation.vocabulary.js';

export type SupportDecisionRecorded = DomainEvent<
  'SupportDecisionRecorded',
  {
    supportDecisionId: string;
    deciderOrganisationId: string;
    decidingBody: DecidingBody;
    bodyLabel: string;
    outcome: SupportOutcome;
    amount?: Money;
    conditions: string[];
    decidedOn: PartialDate;
  }
>;
