import type { DomainEvent } from '../../shared/decider.js';
import type { PartialDate } from '../../shared/business-date.js';

/** Phase policies a programme sets for its cooperations (domain.md §2.3, §8.2 E03). */
export interface ProgrammePolicies {
  /** Refuse CooperationStarted without a charter in force (warn only when false). */
  readonly requireCharterBeforeStart: boolean;
  /** Refuse CooperationStarted without a deciding instance and a Facilitator or Coordinator (warn when false). */
  readonly requireFacilitationBeforeStart: boolean;
  /** Distinct sectors needed to enter consolidation (coalition). */
  readonly minSectorsForCoalition: number;
  readonly maxCooperationMonths?: number;
}

export const DEFAULT_PROGRAMME_POLICIES: ProgrammePolicies = {
  requireCharterBeforeStart: false,
  requireFacilitationBeforeStart: false,
  minSectorsForCoalition: 3,
};

export type ProgrammeLaunched = DomainEvent<
  'ProgrammeLaunched',
  {
    programmeId: string;
    name: string;
    ownerOrganisationIds: string[];
    period: { from: PartialDate; to?: PartialDate };
    thematicAreas: string[];
    targetTerritoryIds: string[];
    targetTerritoryLabels: string[];
    phaseTemplate: string[];
    policies: ProgrammePolicies;
  }
>;
