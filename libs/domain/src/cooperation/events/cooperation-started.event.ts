import type { DomainEvent } from '../../shared/decider.js';
import type { PartialDate } from '../../shared/business-date.js';

/** A policy that was not met at start, recorded rather than refused (warn mode, domain.md §2.3). */
export interface StartWarning {
  code: 'NoDecidingInstance' | 'NoFacilitationRole' | 'NoCharterInForce';
}

export type CooperationStarted = DomainEvent<
  'CooperationStarted',
  {
    startedOn: PartialDate;
    launchLabel?: string;
    decisionId?: string;
    warnings: StartWarning[];
  }
>;
