import type { Command } from '../../shared/decider.js';
import { ensure } from '../../shared/domain-error.js';
import type { Directory } from '../../directory/directory.js';
import { CooperationErrorCode as Code } from '../cooperation.errors.js';
import { ensureValidPeriod } from '../cooperation.rules.js';
import type { CooperationState } from '../cooperation.state.js';
import type { EvaluationRecorded } from '../events/index.js';

export type RecordEvaluation = Command<'RecordEvaluation', EvaluationRecorded['data']>;

export const recordEvaluation = (command: RecordEvaluation, state: CooperationState, directory: Directory): EvaluationRecorded[] => {
  const { data } = command;
  ensure(!state.evaluationIds.includes(data.evaluationId), Code.EvaluationAlreadyExists, { evaluationId: data.evaluationId });
  ensureValidPeriod(data.period);
  ensure(directory.organisation(data.conductedByOrganisationId), Code.OrganisationNotRegistered, { organisationId: data.conductedByOrganisationId });
  for (const { indicatorCode } of data.measurements) {
    if (indicatorCode) ensure(state.indicatorCodes.includes(indicatorCode), Code.UnknownIndicatorCode, { indicatorCode });
  }
  return [{ type: 'EvaluationRecorded', data }];
};
