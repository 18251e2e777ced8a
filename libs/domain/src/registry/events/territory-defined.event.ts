import type { DomainEvent } from '../../shared/decider.js';
import type { PartialDate } from '../../shared/business-date.js';
import type { TerritoryKind } from '../territory-kind.js';

export type TerritoryDefined = DomainEvent<
  'TerritoryDefined',
  {
    territoryId: string;
    name: string;
    nickname?: string;
    kind: TerritoryKind;
    componentNames: string[];
    parentTerritoryIds: string[];
    isQpv: boolean;
    population?: number;
    department?: string;
    region?: string;
    cityContract?: { period: { from: PartialDate; to?: PartialDate }; priorities: string[] };
  }
>;
