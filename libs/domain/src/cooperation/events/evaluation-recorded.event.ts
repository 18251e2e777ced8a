import type { DomainEvent } from '../../shared/decider.js';
import type { PartialDate } from '../../shared/business-date.js';
import type { EvaluationKind } from '../cooperation.vocabulary.js';

export type EvaluationRecorded = DomainEvent<
  'EvaluationRecorded',
  {
    evaluationId: string;
    kind: EvaluationKind;
    conductedByOrganisationId: string;
    period: { from: PartialDate; to?: PartialDate };
    measurements: { indicatorCode?: string; label: string; value: number; unit: string }[];
    findings: string;
    reportRef?: string;
  }
>;
