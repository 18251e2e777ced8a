import type { DomainEvent } from '../../shared/decider.js';

export interface Indicator {
  code: string;
  label: string;
  unit: string;
  baseline?: number;
  target?: number;
  frequency: string;
}

export type IndicatorsAgreed = DomainEvent<'IndicatorsAgreed', { indicatorSetId: string; indicators: Indicator[]; decisionId: string }>;
