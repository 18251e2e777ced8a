import type { DomainEvent } from '../../shared/decider.js';
import type { PartialDate } from '../../shared/business-date.js';

/**
 * E26: an organisation's signature no longer counts towards a version not yet in force — withdrawn by the
 * organisation, or because it left the cooperation (domain.md §8.9).
 */
export type CharterSignatureWithdrawn = DomainEvent<
  'CharterSignatureWithdrawn',
  {
    charterId: string;
    version: number;
    organisationId: string;
    reason: string;
    withdrawnOn: PartialDate;
  }
>;
