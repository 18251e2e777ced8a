import type { DomainEvent } from '../../shared/decider.js';
import type { PartialDate } from '../../shared/business-date.js';

export type CharterAdopted = DomainEvent<
  'CharterAdopted',
  {
    charterId: string;
    version: number;
    instanceId: string;
    decisionId?: string;
    adoptedOn: PartialDate;
    contentHash: string;
    requiredSignatoryOrganisationIds: string[];
  }
>;
