import type { PartialDate } from '../../shared/business-date.js';
import type { Charter, CharterVersion, CooperationState } from '../cooperation.state.js';
import type { CharterEnteredIntoForce } from '../events/index.js';

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
    charter.versions
      .filter((v) => v.requiredSignatoryOrganisationIds.includes(organisationId) && !v.signatures.some((s) => s.organisationId === organisationId))
      .flatMap((v) =>
        entryIntoForceIfComplete(
          charter,
          { ...v, requiredSignatoryOrganisationIds: v.requiredSignatoryOrganisationIds.filter((id) => id !== organisationId) },
          v.signatures.map((s) => s.organisationId),
          leftOn,
        ),
      ),
  );
