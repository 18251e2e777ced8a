import type { DomainEvent } from '../../shared/decider.js';
import type { CharterKind } from '../cooperation.vocabulary.js';

export type CharterDraftStarted = DomainEvent<
  'CharterDraftStarted',
  {
    charterId: string;
    kind: CharterKind;
    title: string;
    templateRef?: string;
    draftingOrganisationIds: string[];
    plannedSignatoryOrganisationIds: string[];
  }
>;
