import type { DomainEvent } from '../../shared/decider.js';
import type { PartialDate } from '../../shared/business-date.js';

export type RoleRelinquished = DomainEvent<
  'RoleRelinquished',
  {
    assignmentId: string;
    organisationId: string;
    effectiveOn: PartialDate;
    reason: string;
  }
>;
