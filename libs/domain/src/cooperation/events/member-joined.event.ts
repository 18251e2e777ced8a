import type { DomainEvent } from '../../shared/decider.js';
import type { PartialDate } from '../../shared/business-date.js';
import type { MembershipType } from '../cooperation.vocabulary.js';

export type MemberJoined = DomainEvent<
  'MemberJoined',
  {
    organisationId: string;
    membershipType: MembershipType;
    joinedOn: PartialDate;
    expectations?: string;
    exitTerms?: string;
    decisionId?: string;
  }
>;
