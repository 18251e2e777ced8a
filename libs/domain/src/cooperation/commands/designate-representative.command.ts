import type { Command } from '../../shared/decider.js';
import { periodsOverlap } from '../../shared/business-date.js';
import { ensure } from '../../shared/domain-error.js';
import { CooperationErrorCode as Code } from '../cooperation.errors.js';
import { ensureActiveParticipant, ensureValidPeriod } from '../cooperation.rules.js';
import type { CooperationState } from '../cooperation.state.js';
import type { RepresentativeDesignated } from '../events/index.js';

export type DesignateRepresentative = Command<'DesignateRepresentative', RepresentativeDesignated['data']>;

export const COOPERATION_SCOPE = 'cooperation';

export const designateRepresentative = (
  command: DesignateRepresentative,
  state: CooperationState,
): RepresentativeDesignated[] => {
  const { data } = command;
  ensureActiveParticipant(state, data.organisationId);
  if (data.scope !== COOPERATION_SCOPE) {
    ensure(state.instances[data.scope], Code.InstanceNotFound, { instanceId: data.scope });
  }
  ensureValidPeriod(data);
  const already = state.representatives.find(
    (r) => r.personId === data.personId && r.scope === data.scope && r.organisationId === data.organisationId && periodsOverlap(r, data),
  );
  ensure(!already, Code.RepresentativeAlreadyDesignated, { personId: data.personId, scope: data.scope });
  return [{ type: 'RepresentativeDesignated', data }];
};
