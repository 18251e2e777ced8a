import type { PartialDate } from '../../shared/business-date.js';
import { latestVersion, type Charter, type CharterVersion, type CooperationState } from '../cooperation.state.js';
import { KINDS_ADOPTED_BY_SIGNATURE } from '../cooperation.vocabulary.js';
import type { CharterEnteredIntoForce } from '../events/index.js';

/** An agreement is adopted by its parties' signatures (domain.md E21): its latest draft is the version they sign. */
export const isSignableDraft = (charter: Charter, version: CharterVersion): boolean =>
  KINDS_ADOPTED_BY_SIGNATURE.includes(charter.kind) && latestVersion(charter) === version;

/** Whose signatures a version awaits: those its adoption named, or, for an agreement's signable draft, the planned signatories. */
export const awaitedSignatories = (charter: Charter, version: CharterVersion): readonly string[] =>
  version.status === 'draft' && isSignableDraft(charter, version) ? charter.plannedSignatoryOrganisationIds : version.requiredSignatoryOrganisationIds;

/**
 * Process manager of domain.md §8.9: a version enters into force once every required signatory has signed.
 * It runs inside the decision that completes the set, so the entry is atomic with its cause.
 */
export const entryIntoForceIfComplete = (
  charter: Charter,
  version: CharterVersion,
  signatories: readonly string[],
  effectiveOn: PartialDate,
): CharterEnteredIntoForce[] => {
  const required = version.requiredSignatoryOrganisationIds;
  const complete = required.length > 0 && required.every((id) => signatories.includes(id));
  if (!complete || version.status === 'inForce' || version.status === 'superseded') return [];
  return [
    {
      type: 'CharterEnteredIntoForce',
      data: {
        charterId: charter.charterId,
        version: version.version,
        effectiveOn,
        signatories: required.filter((id) => signatories.includes(id)),
        ...(charter.versionInForce !== undefined ? { supersedesVersion: charter.versionInForce } : {}),
      },
    },
  ];
};

/** A departed member no longer holds up a version: those it alone was holding back now enter into force. */
export const entriesIntoForceAfterDeparture = (
  state: CooperationState,
  organisationId: string,
  leftOn: PartialDate,
): CharterEnteredIntoForce[] =>
  Object.values(state.charters).flatMap((charter) =>
    charter.versions.flatMap((v) => {
      const awaited = awaitedSignatories(charter, v);
      if (!awaited.includes(organisationId) || v.signatures.some((s) => s.organisationId === organisationId)) return [];
      const remaining = { ...v, requiredSignatoryOrganisationIds: awaited.filter((id) => id !== organisationId) };
      return entryIntoForceIfComplete(charter, remaining, v.signatures.map((s) => s.organisationId), leftOn);
    }),
  );

/** The versions not yet in force an organisation has signed, and when: a departure withdraws those signatures (domain.md §8.9). */
export const pendingSignaturesOf = (state: CooperationState, organisationId: string): { charterId: string; version: number; signedOn: PartialDate }[] =>
  Object.values(state.charters).flatMap((charter) =>
    charter.versions.flatMap((v) => {
      const signature = v.signatures.find((s) => s.organisationId === organisationId);
      return signature && v.status !== 'inForce' && v.status !== 'superseded' ? [{ charterId: charter.charterId, version: v.version, signedOn: signature.signedOn }] : [];
    }),
  );
