import type { DomainEvent } from '../../shared/decider.js';
import type { PartialDate } from '../../shared/business-date.js';

export type CharterAmended = DomainEvent<
  'CharterAmended',
  {
    amendmentId: string;
    charterId: string;
    newVersion: number;
    instanceId: string;
    decisionId?: string;
    adoptedOn: PartialDate;
    contentHash: string;
    resignatureRequired: boolean;
    requiredSignatoryOrganisationIds: string[];
  }
>;
