/** Stable codes of the registry rules (domain.md §8.2). */
export const RegistryErrorCode = {
  BusinessDateInFuture: 'BusinessDateInFuture',
  OrganisationAlreadyRegistered: 'OrganisationAlreadyRegistered',
  DuplicateOrganisationName: 'DuplicateOrganisationName',
  ParentOrganisationNotRegistered: 'ParentOrganisationNotRegistered',
  NetworkNotRegistered: 'NetworkNotRegistered',
  TerritoryAlreadyDefined: 'TerritoryAlreadyDefined',
  ParentTerritoryNotFound: 'ParentTerritoryNotFound',
  TerritoryHierarchyCycle: 'TerritoryHierarchyCycle',
  DuplicateTerritoryName: 'DuplicateTerritoryName',
  ProgrammeAlreadyLaunched: 'ProgrammeAlreadyLaunched',
  ProgrammeOwnerNotRegistered: 'ProgrammeOwnerNotRegistered',
  InvalidPeriod: 'InvalidPeriod',
  DuplicateProgrammeName: 'DuplicateProgrammeName',
  TargetTerritoryNotFound: 'TargetTerritoryNotFound',
} as const;
export type RegistryErrorCode = (typeof RegistryErrorCode)[keyof typeof RegistryErrorCode];
