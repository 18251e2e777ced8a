import type { Command } from '../../shared/decider.js';
import { ensure } from '../../shared/domain-error.js';
import { CooperationErrorCode as Code } from '../cooperation.errors.js';
import { ensureActiveParticipant } from '../cooperation.rules.js';
import { latestVersion, type CooperationState } from '../cooperation.state.js';
import type { CharterAmended, CharterEnteredIntoForce } from '../events/index.js';
import { ensureAdoptingInstance } from './adopting-instance.js';
import { ensureAdoptionDecision } from './approved-decision.js';

export type AdoptCharterAmendment = Command<
  'AdoptCharterAmendment',
  Omit<CharterAmended['data'], 'newVersion' | 'resignatureRequired'> & { resignatureRequired?: boolean }
>;

/**
 * Adopts the amendment's latest draft as the next version. Signatures do not carry over by default; without
 * re-signature the new version enters into force at once. The old version stays in force until then.
 */
export const adoptCharterAmendment = (
  command: AdoptCharterAmendment,
  state: CooperationState,
): (CharterAmended | CharterEnteredIntoForce)[] => {
  const { data } = command;
  const charter = state.charters[data.charterId];
  ensure(charter, Code.CharterNotFound, { charterId: data.charterId });
  const amendment = charter.amendments.find((a) => a.amendmentId === data.amendmentId);
  ensure(amendment?.status === 'pending', Code.AmendmentNotPending, { amendmentId: data.amendmentId });
  ensure(amendment.baseVersion === charter.versionInForce, Code.AmendmentBaseNotCurrent, {
    baseVersion: amendment.baseVersion,
    versionInForce: charter.versionInForce,
  });
  ensureAdoptingInstance(state, data.instanceId, data.adoptedOn);
  // E25, as E21: the amendment is adopted by that instance's approval of it (or of the charter it amends).
  ensureAdoptionDecision(state, data.decisionId, data.instanceId, [data.amendmentId, data.charterId]);
  const draft = latestVersion(charter)!;
  ensure(draft.contentHash === data.contentHash, Code.ContentHashMismatch, { version: draft.version });
  for (const organisationId of data.requiredSignatoryOrganisationIds) {
    ensureActiveParticipant(state, organisationId, Code.RequiredSignatoryNotParticipant);
  }
  const resignatureRequired = data.resignatureRequired ?? true;
  // Re-signed, it enters into force once every required signatory has signed (§8.9): with none, it never would.
  ensure(!resignatureRequired || data.requiredSignatoryOrganisationIds.length > 0, Code.NoRequiredSignatories, { charterId: data.charterId, version: draft.version });
  const amended: CharterAmended = {
    type: 'CharterAmended',
    data: { ...data, newVersion: draft.version, resignatureRequired },
  };
  if (resignatureRequired) return [amended];
  return [
    amended,
    {
      type: 'CharterEnteredIntoForce',
      data: {
        charterId: charter.charterId,
        version: draft.version,
        effectiveOn: data.adoptedOn,
        signatories: [],
        supersedesVersion: charter.versionInForce!,
      },
    },
  ];
};
