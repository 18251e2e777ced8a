import type { DomainEvent } from '../../shared/decider.js';
import type { PartialDate } from '../../shared/business-date.js';
import type { RepresentativeCapacity } from '../cooperation.vocabulary.js';

export type RepresentativeDesignated = DomainEvent<
  'RepresentativeDesignated',
  {
    organisationId: string;
    personId: string;
    /** Personal data, like `title` (personal-data.ts): stored encrypted under the person's key. */
    personName?: string;
    title: string;
    capacities: RepresentativeCapacity[];
    /** "cooperation", the id of a governance instance, or "programme" (E17). */
    scope: string;
    from: PartialDate;
    to?: PartialDate;
  }
>;
