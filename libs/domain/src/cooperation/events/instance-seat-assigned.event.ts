import type { DomainEvent } from '../../shared/decider.js';
import type { PartialDate } from '../../shared/business-date.js';
import type { SeatType } from '../cooperation.vocabulary.js';

export type InstanceSeatAssigned = DomainEvent<
  'InstanceSeatAssigned',
  {
    seatId: string;
    instanceId: string;
    holderOrganisationId: string;
    personId?: string;
    seatType: SeatType;
    from: PartialDate;
    to?: PartialDate;
  }
>;
