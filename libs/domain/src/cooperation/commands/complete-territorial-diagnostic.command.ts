import type { Command } from '../../shared/decider.js';
import { ensure } from '../../shared/domain-error.js';
import { CooperationErrorCode as Code } from '../cooperation.errors.js';
import type { CooperationState } from '../cooperation.state.js';
import type { DiagnosticFindings, TerritorialDiagnosticCompleted } from '../events/index.js';

/** `completedOn` is Carnet's (domain.md E07 names no date): when absent, the command's occurredAt, else the record day. */
export type CompleteTerritorialDiagnostic = Command<
  'CompleteTerritorialDiagnostic',
  Omit<TerritorialDiagnosticCompleted['data'], 'completedOn'> & { completedOn?: TerritorialDiagnosticCompleted['data']['completedOn'] }
>;

const hasContent = (value: unknown): boolean =>
  Array.isArray(value)
    ? value.length > 0
    : typeof value === 'object' && value !== null
      ? Object.values(value).some(hasContent)
      : typeof value === 'string'
        ? value.trim() !== ''
        : value !== undefined && value !== null;

const findingsAreEmpty = (findings: DiagnosticFindings): boolean => !hasContent(findings);

export const completeTerritorialDiagnostic = (
  command: CompleteTerritorialDiagnostic,
  state: CooperationState,
): TerritorialDiagnosticCompleted[] => {
  const { data, metadata } = command;
  const diagnostic = state.diagnostics[data.diagnosticId];
  ensure(diagnostic, Code.DiagnosticNotStarted, { diagnosticId: data.diagnosticId });
  ensure(diagnostic.status === 'inProgress', Code.DiagnosticAlreadyCompleted, { diagnosticId: data.diagnosticId });
  ensure(!(findingsAreEmpty(data.findings) && data.priorities.length === 0), Code.DiagnosticFindingsEmpty, {
    diagnosticId: data.diagnosticId,
  });
  const completedOn = data.completedOn ?? metadata.occurredAt?.date ?? metadata.today;
  return [{ type: 'TerritorialDiagnosticCompleted', data: { ...data, completedOn } }];
};
