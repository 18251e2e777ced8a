/** Kinds of organisations met in the sources (domain.md §3.1). */
export const ORGANISATION_KINDS = [
  'foundation',
  'thinkTank',
  'supportNetwork',
  'incubator',
  'association',
  'solidarityFinance',
  'socialLandlord',
  'localAuthority',
  'stateService',
  'publicAgency',
  'company',
  'mutualInsurer',
  'cooperative',
  'insertionStructure',
  'socialCentre',
  'researchInstitution',
  'residentsGroup',
  'networkFederation',
] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

/** The four sectors whose plurality a coalition needs ("pluralité d'acteurs", domain.md §2.3). */
export type Sector = 'public' | 'associative' | 'foundation' | 'company';

// [inferred] mapping: universities count as public; landlords, cooperatives and solidarity finance as companies.
const SECTOR_OF_KIND: Record<OrganisationKind, Sector> = {
  foundation: 'foundation',
  thinkTank: 'associative',
  supportNetwork: 'associative',
  incubator: 'associative',
  association: 'associative',
  solidarityFinance: 'company',
  socialLandlord: 'company',
  localAuthority: 'public',
  stateService: 'public',
  publicAgency: 'public',
  company: 'company',
  mutualInsurer: 'company',
  cooperative: 'company',
  insertionStructure: 'associative',
  socialCentre: 'associative',
  researchInstitution: 'public',
  residentsGroup: 'associative',
  networkFederation: 'associative',
};

export const sectorOf = (kind: OrganisationKind): Sector => SECTOR_OF_KIND[kind];
