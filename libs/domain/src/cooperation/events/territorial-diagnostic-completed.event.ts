import type { DomainEvent } from '../../shared/decider.js';
import type { PartialDate } from '../../shared/business-date.js';

export interface DiagnosticFindings {
  drivingActors?: string[];
  ideas?: string[];
  tangibleVulnerabilities?: string[];
  feltVulnerabilities?: string[];
  cooperativeMaturity?: { level: string; narrative?: string };
  localCulture?: string;
  resources?: { institutional?: string[]; community?: string[]; economic?: string[] };
  /** Free statements of the diagnostic, as the report words them. */
  statements?: string[];
}

export type TerritorialDiagnosticCompleted = DomainEvent<
  'TerritorialDiagnosticCompleted',
  {
    diagnosticId: string;
    completedOn: PartialDate;
    findings: DiagnosticFindings;
    priorities: string[];
    interviewsConducted?: number;
    reportRef?: string;
    contentHash?: string;
  }
>;
