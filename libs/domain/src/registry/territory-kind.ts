export const TERRITORY_KINDS = [
  'neighbourhood',
  'priorityNeighbourhood',
  'municipality',
  'intercommunality',
  'metropolis',
  'valley',
  'livingArea',
  'department',
  'region',
  'multiSite',
] as const;
export type TerritoryKind = (typeof TERRITORY_KINDS)[number];
