import type { DomainEvent } from '../../shared/decider.js';
import type { PartialDate } from '../../shared/business-date.js';

export type InstanceSeatVacated = DomainEvent<
  'InstanceSeatVacated',
  {
    seatId: string;
    instanceId: string;
    effectiveOn: PartialDate;
    reason: string;
  }
>;
