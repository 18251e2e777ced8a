import type { Command } from '../../shared/decider.js';
import { isDefinitelyBefore, periodCovers } from '../../shared/business-date.js';
import { ensure } from '../../shared/domain-error.js';
import { CooperationErrorCode as Code } from '../cooperation.errors.js';
import { activeParticipant, charterVersion, type Charter, type CharterVersion, type CooperationState } from '../cooperation.state.js';
import type { CharterEnteredIntoForce, CharterSigned, Witness } from '../events/index.js';
import { entryIntoForceIfComplete, isSignableDraft } from '../policies/charter-entry-into-force.policy.js';
import { personIdFromName } from '../../personal-data.js';
import { COOPERATION_SCOPE } from './designate-representative.command.js';

/** A person named as witness gets a person id (from the name) when none is given, so the name is keyed and erasable. */
const keyedWitness = (witness: Witness): Witness =>
  witness.name !== undefined && witness.personId === undefined && witness.organisationId === undefined ? { ...witness, personId: personIdFromName(witness.name) } : witness;

export type SignCharter = Command<'SignCharter', CharterSigned['data']>;

/**
 * The version a signature applies to. An agreement is adopted by its parties' signatures, so its latest
 * draft is signable and awaits the planned signatories (domain.md E21, scenario E2).
 */
const signableVersion = (charter: Charter, version: CharterVersion): CharterVersion => {
  if (version.status !== 'draft') return version;
  ensure(isSignableDraft(charter, version), Code.CharterVersionNotAdopted, { charterId: charter.charterId, version: version.version });
  return { ...version, requiredSignatoryOrganisationIds: charter.plannedSignatoryOrganisationIds };
};

export const signCharter = (
  command: SignCharter,
  state: CooperationState,
): (CharterSigned | CharterEnteredIntoForce)[] => {
  const { data } = command;
  const charter = state.charters[data.charterId];
  ensure(charter, Code.CharterNotFound, { charterId: data.charterId });
  const stored = charterVersion(charter, data.version);
  ensure(stored, Code.CharterVersionNotFound, { charterId: data.charterId, version: data.version });
  const newerAdopted = charter.versions.some((v) => v.version > data.version && v.status !== 'draft');
  ensure(stored.status !== 'superseded' && !newerAdopted, Code.CharterVersionSuperseded, { version: data.version });
  const version = signableVersion(charter, stored);

  ensure(activeParticipant(state, data.organisationId), Code.SignatoryNotParticipant, { organisationId: data.organisationId });
  ensure(version.requiredSignatoryOrganisationIds.includes(data.organisationId), Code.SignatoryNotRequired, {
    organisationId: data.organisationId,
    requiredSignatoryOrganisationIds: version.requiredSignatoryOrganisationIds,
  });
  const authorised = state.representatives.some(
    (r) =>
      r.organisationId === data.organisationId &&
      r.personId === data.signatoryPersonId &&
      r.scope === COOPERATION_SCOPE &&
      r.capacities.includes('sign') &&
      periodCovers(r, data.signedOn),
  );
  ensure(authorised, Code.SignatoryNotAuthorised, { organisationId: data.organisationId, personId: data.signatoryPersonId });
  ensure(!version.signatures.some((s) => s.organisationId === data.organisationId), Code.AlreadySigned, {
    organisationId: data.organisationId,
    version: data.version,
  });
  // Signed again after taking its signature back (E26): not on a day before it took it back.
  const withdrawn = version.withdrawals.findLast((w) => w.organisationId === data.organisationId);
  ensure(!(withdrawn && isDefinitelyBefore(data.signedOn, withdrawn.withdrawnOn)), Code.SignedBeforeWithdrawal, {
    signedOn: data.signedOn,
    withdrawnOn: withdrawn?.withdrawnOn,
  });
  ensure(version.contentHash === data.contentHash, Code.ContentHashMismatch, { version: data.version });
  ensure(!(version.adoptedOn && isDefinitelyBefore(data.signedOn, version.adoptedOn)), Code.SignedBeforeAdoption, {
    signedOn: data.signedOn,
    adoptedOn: version.adoptedOn,
  });

  const signatories = [...version.signatures.map((s) => s.organisationId), data.organisationId];
  return [{ type: 'CharterSigned', data: { ...data, witnesses: (data.witnesses ?? []).map(keyedWitness) } }, ...entryIntoForceIfComplete(charter, version, signatories, data.signedOn)];
};
