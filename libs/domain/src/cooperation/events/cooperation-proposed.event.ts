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
    /**
     * The call for expressions of interest it answers (E04, a later event: calls are not recorded yet, so the id is kept
     * as given and "a call closed at occurredAt" cannot be checked).
     */
    callId?: string;
    predecessorCooperationId?: string;
    thematicAreas: string[];
    proposedOn: PartialDate;
  }
>;
