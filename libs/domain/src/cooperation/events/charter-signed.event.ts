import type { DomainEvent } from '../../shared/decider.js';
import type { PartialDate } from '../../shared/business-date.js';

/** Someone present at a signing who does not sign: a parrain, a guest (domain.md §5.4). */
export interface Witness {
  name?: string;
  personId?: string;
  organisationId?: string;
  capacity?: string;
}

export type CharterSigned = DomainEvent<
  'CharterSigned',
  {
    charterId: string;
    version: number;
    organisationId: string;
    signatoryPersonId: string;
    signatoryCapacity: string;
    signedOn: PartialDate;
    place?: string;
    witnesses: Witness[];
    contentHash: string;
  }
>;
