import type { DomainEvent } from '../../shared/decider.js';
import type { PartialDate } from '../../shared/business-date.js';
import type { CooperationForm, CooperationOrigin } from '../cooperation.vocabulary.js';

export type CooperationProposed = DomainEvent<
  'CooperationProposed',
  {
    cooperationId: string;
    name: string;
    acronym?: string;
    acronymExpansion?: string;
    purpose: string;
    levers: string[];
    territoryIds: string[];
    form: CooperationForm;
    origin: CooperationOrigin;
    initiatorOrganisationIds: string[];
    programmeId?: string;
    predecessorCooperationId?: string;
    thematicAreas: string[];
    proposedOn: PartialDate;
  }
>;
