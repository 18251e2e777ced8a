import type { DomainEvent } from '../../shared/decider.js';
import type { PartialDate } from '../../shared/business-date.js';
import type { DiagnosticMethod } from '../cooperation.vocabulary.js';

export type TerritorialDiagnosticStarted = DomainEvent<
  'TerritorialDiagnosticStarted',
  {
    diagnosticId: string;
    method: DiagnosticMethod;
    leadOrganisationIds: string[];
    startedOn: PartialDate;
    plannedInterviews?: { individual?: number; collective?: number };
  }
>;
