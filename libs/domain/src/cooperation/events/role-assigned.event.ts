import type { DomainEvent } from '../../shared/decider.js';
import type { PartialDate } from '../../shared/business-date.js';
import type { Role } from '../cooperation.vocabulary.js';

export type RoleAssigned = DomainEvent<
  'RoleAssigned',
  {
    assignmentId: string;
    organisationId: string;
    role: Role;
    /** What the role covers, e.g. "cooperation", "habitat", "initiatives", "members". */
    scope?: string;
    /** Organisations the scope targets, e.g. the members a funder supports. */
    scopeOrganisationIds?: string[];
    from: PartialDate;
    to?: PartialDate;
    /** The sources' own French words for the role. */
    wording?: string;
    decisionId?: string;
  }
>;
