/** Stable codes of the access policy (who may do what). Clients rely on them: never rename one. */
export const AccessErrorCode = {
  AuditorsDoNotWrite: 'AuditorsDoNotWrite',
  AdminOnly: 'AdminOnly',
  AuditorOrAdminOnly: 'AuditorOrAdminOnly',
  StewardOnly: 'StewardOnly',
  StewardOrChairOnly: 'StewardOrChairOnly',
  ActingForAnotherOrganisation: 'ActingForAnotherOrganisation',
  SeatHolderOnly: 'SeatHolderOnly',
  OrganisationRequired: 'OrganisationRequired',
} as const;
export type AccessErrorCode = (typeof AccessErrorCode)[keyof typeof AccessErrorCode];
