import type { DomainEvent } from '../../shared/decider.js';

export type CharterAmendmentProposed = DomainEvent<
  'CharterAmendmentProposed',
  {
    amendmentId: string;
    charterId: string;
    baseVersion: number;
    /** The draft version number the proposed text takes; versions stay one linear sequence. */
    proposedVersion: number;
    proposedByOrganisationId: string;
    summary: string;
    rationale: string;
    contentRef?: string;
    contentHash: string;
  }
>;
