import type { DomainEvent } from '../../shared/decider.js';
import type { PartialDate } from '../../shared/business-date.js';
import type { Role } from '../cooperation.vocabulary.js';

/** Ends one assignment and opens the next in one event, so an exclusive role is never held twice. */
export type RoleHandedOver = DomainEvent<
  'RoleHandedOver',
  {
    role: Role;
    scope?: string;
    fromOrganisationId: string;
    toOrganisationId: string;
    endedAssignmentId: string;
    newAssignmentId: string;
    effectiveOn: PartialDate;
    wording?: string;
    decisionId?: string;
  }
>;
