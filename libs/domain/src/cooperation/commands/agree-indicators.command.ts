import type { Command } from '../../shared/decider.js';
import { ensure } from '../../shared/domain-error.js';
import { CooperationErrorCode as Code } from '../cooperation.errors.js';
import type { CooperationState } from '../cooperation.state.js';
import type { IndicatorsAgreed } from '../events/index.js';

export type AgreeIndicators = Command<'AgreeIndicators', IndicatorsAgreed['data']>;

export const agreeIndicators = (command: AgreeIndicators, state: CooperationState): IndicatorsAgreed[] => {
  const { data } = command;
  ensure(!state.indicatorSetIds.includes(data.indicatorSetId), Code.IndicatorSetAlreadyExists, { indicatorSetId: data.indicatorSetId });
  ensure(data.indicators.length > 0, Code.EmptyIndicatorSet);
  const codes = data.indicators.map((i) => i.code);
  const duplicate = codes.find((code, index) => codes.indexOf(code) !== index);
  ensure(!duplicate, Code.DuplicateIndicatorCode, { code: duplicate });
  const decision = state.decisions[data.decisionId];
  const instance = decision && state.instances[decision.instanceId];
  ensure(instance?.mandate.some((m) => m === 'decide' || m === 'evaluate'), Code.DecisionCannotAgreeIndicators, { decisionId: data.decisionId });
  return [{ type: 'IndicatorsAgreed', data }];
};
