import type { DomainEvent } from '../../shared/decider.js';
import type { PartialDate } from '../../shared/business-date.js';

export type CharterEnteredIntoForce = DomainEvent<
  'CharterEnteredIntoForce',
  {
    charterId: string;
    version: number;
    effectiveOn: PartialDate;
    signatories: string[];
    supersedesVersion?: number;
  }
>;
