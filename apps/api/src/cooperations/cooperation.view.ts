import {
  activeParticipants,
  awaitedSignatories,
  periodCovers,
  startDay,
  type CooperationState,
  type Correction,
  type Directory,
  type RoleAssignment,
} from '#domain';
import { roleScopeLabel } from '#projections';

const nameOf = (directory: Directory, organisationId: string) => directory.organisation(organisationId)?.name ?? organisationId;

const roleView = (directory: Directory, today: string) => (a: RoleAssignment) => ({
  assignmentId: a.assignmentId,
  organisationId: a.organisationId,
  organisationName: nameOf(directory, a.organisationId),
  role: a.role,
  ...(a.scope ? { scope: a.scope, scopeLabel: roleScopeLabel(a.scope) } : {}),
  ...(a.scopeOrganisationIds ? { scopeOrganisationIds: a.scopeOrganisationIds } : {}),
  ...(a.wording ? { wording: a.wording } : {}),
  from: a.from,
  ...(a.to ? { to: a.to } : {}),
  ...(a.endedOn ? { endedOn: a.endedOn } : {}),
  current: periodCovers(a, today),
});

/** A correction as readers list it: what it set right, from what to what, why, and when it was recorded when known. */
export const correctionView =
  (recordedAtOf: (eventId: string) => string | undefined) =>
  ({ eventId, correctedEventId, correctedEventType, fieldPath, previousValue, correctedValue, reason, sourceRef }: Correction) => {
    const recordedAt = eventId ? recordedAtOf(eventId) : undefined;
    return { correctedEventId, correctedEventType, fieldPath, previousValue, correctedValue, reason, sourceRef: sourceRef ?? null, ...(recordedAt ? { recordedAt } : {}) };
  };

/**
 * The cooperation as a reader wants it (GET /cooperations/{id}): folded from its stream, with names from
 * the registry, current roles apart from past ones and the lead's history in order. Corrected values show in place
 * (the fold applies them) and `corrections` lists each one, with when it was recorded when `recordedAtOf` knows.
 * `today` is the calendar day roles are judged current on (where the cooperations are, or the day looked back at).
 */
export const cooperationView = (
  state: CooperationState,
  revision: number,
  directory: Directory,
  today: string,
  recordedAtOf: (eventId: string) => string | undefined = () => undefined,
) => {
  const toRole = roleView(directory, today);
  const roles = Object.values(state.roles).map(toRole);
  const leads = roles.filter((r) => r.role === 'Lead').sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
  return {
    cooperationId: state.cooperationId,
    revision,
    name: state.name,
    ...(state.acronym ? { acronym: state.acronym } : {}),
    ...(state.acronymExpansion ? { acronymExpansion: state.acronymExpansion } : {}),
    purpose: state.purpose,
    levers: state.levers,
    form: state.form,
    origin: state.origin,
    territories: state.territoryIds.map((territoryId) => ({ territoryId, name: directory.territory(territoryId)?.name ?? territoryId })),
    initiatorOrganisationIds: state.initiatorOrganisationIds,
    ...(state.programmeId ? { programmeId: state.programmeId } : {}),
    ...(state.predecessorCooperationId ? { predecessorCooperationId: state.predecessorCooperationId } : {}),
    phase: state.phase,
    proposedOn: state.proposedOn,
    ...(state.startedOn ? { startedOn: state.startedOn, startWarnings: state.startWarnings } : {}),
    ...(state.closedOn ? { closedOn: state.closedOn } : {}),
    members: activeParticipants(state).map((p) => ({
      organisationId: p.organisationId,
      name: nameOf(directory, p.organisationId),
      kind: directory.organisation(p.organisationId)?.kind,
      membershipType: p.membershipType,
      joinedOn: p.joinedOn,
      roles: roles.filter((r) => r.organisationId === p.organisationId && r.current).map(({ role, scope, scopeLabel, wording }) => ({ role, scope, scopeLabel, wording })),
    })),
    formerMembers: Object.values(state.participants)
      .filter((p) => !p.active)
      .map((p) => ({ organisationId: p.organisationId, name: nameOf(directory, p.organisationId), joinedOn: p.joinedOn, leftOn: p.leftOn })),
    roles,
    lead: {
      current: leads.find((l) => l.current) ?? null,
      // `upcoming`: handed over from a later date, the term has not begun (« à venir », not « en cours »).
      history: leads.map(({ organisationId, organisationName, from, to, endedOn, current }) => ({
        organisationId, organisationName, from, to, endedOn, current, upcoming: !current && endedOn === undefined && startDay(from) > today,
      })),
    },
    representatives: state.representatives.map((r) => ({ ...r, organisationName: nameOf(directory, r.organisationId) })),
    residentParticipations: state.residentParticipations,
    diagnostics: Object.values(state.diagnostics),
    charters: Object.values(state.charters).map((charter) => ({
      charterId: charter.charterId,
      kind: charter.kind,
      title: charter.title,
      status:
        charter.versionInForce !== undefined ? 'inForce' : charter.versions.some((v) => v.status === 'adopted') ? 'adopted' : 'draft',
      versionInForce: charter.versionInForce ?? null,
      pendingAmendments: charter.amendments.filter((a) => a.status === 'pending'),
      versions: charter.versions.map((v) => ({
        ...v,
        // Who wrote it and what it changed, by name: the charter register of domain.md §10.1.
        authorship: { ...v.authorship, contributedByName: nameOf(directory, v.authorship.contributedByOrganisationId) },
        signatures: v.signatures.map((s) => ({ ...s, organisationName: nameOf(directory, s.organisationId) })),
        withdrawals: v.withdrawals.map((w) => ({ ...w, organisationName: nameOf(directory, w.organisationId) })),
        // A partnership agreement's draft is signed by the parties before any adoption lists who must sign: those.
        signatureProgress: { signed: v.signatures.length, required: awaitedSignatories(charter, v).length },
      })),
    })),
    instances: Object.values(state.instances).map((instance) => ({
      ...instance,
      seats: Object.values(state.seats)
        .filter((seat) => seat.instanceId === instance.instanceId && seat.active)
        .map((seat) => ({ ...seat, holderName: nameOf(directory, seat.holderOrganisationId) })),
      formerSeats: Object.values(state.seats).filter((seat) => seat.instanceId === instance.instanceId && !seat.active),
    })),
    corrections: state.corrections.map(correctionView(recordedAtOf)),
  };
};
