import type { DomainEvent } from '../../shared/decider.js';
import type { PartialDate } from '../../shared/business-date.js';
import type { OrganisationKind } from '../organisation-kind.js';

export type OrganisationRegistered = DomainEvent<
  'OrganisationRegistered',
  {
    organisationId: string;
    name: string;
    aliases: string[];
    kind: OrganisationKind;
    subkind?: string;
    legalForm?: string;
    parentOrganisationId?: string;
    networkMemberships: string[];
    region?: string;
    foundedIn?: PartialDate;
  }
>;
