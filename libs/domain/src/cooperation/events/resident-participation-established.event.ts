import type { DomainEvent } from '../../shared/decider.js';
import type { ResidentParticipationMode } from '../cooperation.vocabulary.js';

export type ResidentParticipationEstablished = DomainEvent<
  'ResidentParticipationEstablished',
  {
    residentsGroupOrganisationId: string;
    mode: ResidentParticipationMode;
    description: string;
    facilitatedByOrganisationId?: string;
    reservedSeats?: { instanceId: string; count: number };
  }
>;
