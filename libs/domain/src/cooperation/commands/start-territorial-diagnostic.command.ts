import type { Command } from '../../shared/decider.js';
import { ensure } from '../../shared/domain-error.js';
import { CooperationErrorCode as Code } from '../cooperation.errors.js';
import { ensureActiveParticipant } from '../cooperation.rules.js';
import type { CooperationState } from '../cooperation.state.js';
import type { TerritorialDiagnosticStarted } from '../events/index.js';

export type StartTerritorialDiagnostic = Command<'StartTerritorialDiagnostic', TerritorialDiagnosticStarted['data']>;

export const startTerritorialDiagnostic = (
  command: StartTerritorialDiagnostic,
  state: CooperationState,
): TerritorialDiagnosticStarted[] => {
  const { data } = command;
  ensure(!state.diagnostics[data.diagnosticId], Code.DiagnosticAlreadyExists, { diagnosticId: data.diagnosticId });
  for (const organisationId of data.leadOrganisationIds) {
    ensureActiveParticipant(state, organisationId, Code.DiagnosticLeadNotParticipant);
  }
  const running = Object.values(state.diagnostics).find((d) => d.method === data.method && d.status === 'inProgress');
  ensure(!running, Code.DiagnosticAlreadyInProgress, { method: data.method, diagnosticId: running?.diagnosticId });
  return [{ type: 'TerritorialDiagnosticStarted', data }];
};
