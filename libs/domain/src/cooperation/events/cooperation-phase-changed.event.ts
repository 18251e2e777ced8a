import type { DomainEvent } from '../../shared/decider.js';
import type { CooperationPhase } from '../cooperation.vocabulary.js';

export interface Waiver {
  rule: string;
  justification: string;
}

export type CooperationPhaseChanged = DomainEvent<
  'CooperationPhaseChanged',
  {
    fromPhase: CooperationPhase;
    toPhase: CooperationPhase;
    rationale?: string;
    decisionId?: string;
    waiver?: Waiver;
  }
>;
