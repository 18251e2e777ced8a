import type { Command } from '../../shared/decider.js';
import { ensure } from '../../shared/domain-error.js';
import { CooperationErrorCode as Code } from '../cooperation.errors.js';
import { ensureActiveParticipant } from '../cooperation.rules.js';
import type { CooperationState } from '../cooperation.state.js';
import type { CharterAmendmentProposed } from '../events/index.js';

export type ProposeCharterAmendment = Command<'ProposeCharterAmendment', Omit<CharterAmendmentProposed['data'], 'proposedVersion'>>;

export const proposeCharterAmendment = (
  command: ProposeCharterAmendment,
  state: CooperationState,
): CharterAmendmentProposed[] => {
  const { data } = command;
  const charter = state.charters[data.charterId];
  ensure(charter, Code.CharterNotFound, { charterId: data.charterId });
  ensure(charter.versionInForce !== undefined, Code.CharterNotInForce, { charterId: data.charterId });
  ensure(!charter.amendments.some((a) => a.amendmentId === data.amendmentId), Code.AmendmentAlreadyExists, {
    amendmentId: data.amendmentId,
  });
  ensure(data.baseVersion === charter.versionInForce, Code.AmendmentBaseNotCurrent, {
    baseVersion: data.baseVersion,
    versionInForce: charter.versionInForce,
  });
  // An amendment of this base already adopted, its version awaiting signatures, has won the base (E25): a second one
  // would fork the versions, and the adopted one could then never be signed (it would no longer be the newest).
  const adopted = charter.amendments.find((a) => a.status === 'adopted' && a.baseVersion === data.baseVersion);
  ensure(!adopted, Code.AmendmentBaseNotCurrent, { baseVersion: data.baseVersion, versionInForce: charter.versionInForce, adoptedAmendmentId: adopted?.amendmentId });
  ensureActiveParticipant(state, data.proposedByOrganisationId);
  // Same base only (domain.md E24): an amendment left behind by a concurrent one can never be adopted and must not block.
  const pending = charter.amendments.find((a) => a.status === 'pending' && a.baseVersion === data.baseVersion);
  ensure(!pending, Code.AmendmentAlreadyPending, { amendmentId: pending?.amendmentId });
  return [{ type: 'CharterAmendmentProposed', data: { ...data, proposedVersion: charter.versions.length + 1 } }];
};
