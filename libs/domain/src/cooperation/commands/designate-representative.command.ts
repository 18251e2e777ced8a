import type { Command } from '../../shared/decider.js';
import { periodsOverlap } from '../../shared/business-date.js';
import { ensure } from '../../shared/domain-error.js';
import { CooperationErrorCode as Code } from '../cooperation.errors.js';
import { ensureActiveParticipant, ensureValidPeriod } from '../cooperation.rules.js';
import { activeParticipant, type CooperationState } from '../cooperation.state.js';
import type { Directory } from '../../directory/directory.js';
import type { RepresentativeDesignated } from '../events/index.js';

export type DesignateRepresentative = Command<'DesignateRepresentative', RepresentativeDesignated['data']>;

export const COOPERATION_SCOPE = 'cooperation';
/** The programme the cooperation belongs to: its people may speak for organisations that take no part (scenario C7). */
export const PROGRAMME_SCOPE = 'programme';

/** E17: scope `cooperation`, a governance instance's id, or `programme`. */
export const designateRepresentative = (
  command: DesignateRepresentative,
  state: CooperationState,
  directory: Directory,
): RepresentativeDesignated[] => {
  const { data } = command;
  if (data.scope === PROGRAMME_SCOPE) {
    ensure(state.programmeId, Code.NotInAProgramme, { scope: data.scope });
    ensure(directory.organisation(data.organisationId), Code.OrganisationNotRegistered, { organisationId: data.organisationId });
  } else {
    ensureActiveParticipant(state, data.organisationId);
    if (data.scope !== COOPERATION_SCOPE) ensure(state.instances[data.scope], Code.InstanceNotFound, { instanceId: data.scope });
  }
  ensureValidPeriod(data);
  // The person, whichever organisation names them: one designation per scope and period (E17). A designation for an
  // organisation that has since left no longer counts (nothing ends it otherwise).
  const stillHeld = (r: { organisationId: string; scope: string }) => r.scope === PROGRAMME_SCOPE || activeParticipant(state, r.organisationId) !== undefined;
  const already = state.representatives.find((r) => r.personId === data.personId && r.scope === data.scope && periodsOverlap(r, data) && stillHeld(r));
  ensure(!already, Code.RepresentativeAlreadyDesignated, { personId: data.personId, scope: data.scope });
  return [{ type: 'RepresentativeDesignated', data }];
};
