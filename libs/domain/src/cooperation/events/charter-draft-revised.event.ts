import type { DomainEvent } from '../../shared/decider.js';

export type CharterDraftRevised = DomainEvent<
  'CharterDraftRevised',
  {
    charterId: string;
    version: number;
    contributedByOrganisationId: string;
    personId?: string;
    sectionsChanged: string[];
    summary: string;
    contentRef?: string;
    contentHash: string;
  }
>;
