import type { DomainEvent } from '../../shared/decider.js';
import type { PartialDate } from '../../shared/business-date.js';

export type MemberLeft = DomainEvent<
  'MemberLeft',
  {
    organisationId: string;
    leftOn: PartialDate;
    reason: string;
    exitTerms?: string;
  }
>;
