import type { DomainEvent } from '../../shared/decider.js';
import type { PartialDate } from '../../shared/business-date.js';

export type ActionLaunched = DomainEvent<
  'ActionLaunched',
  {
    actionId: string;
    title: string;
    description: string;
    /** The lever of the cooperation's purpose the action serves. */
    lever?: string;
    leadOrganisationId: string;
    contributingOrganisationIds: string[];
    territoryIds: string[];
    launchedOn: PartialDate;
    plannedEnd?: PartialDate;
  }
>;
