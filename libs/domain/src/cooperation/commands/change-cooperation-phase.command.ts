import type { Command } from '../../shared/decider.js';
import { ensure } from '../../shared/domain-error.js';
import type { Directory } from '../../directory/directory.js';
import { DEFAULT_PROGRAMME_POLICIES } from '../../registry/events/programme-launched.event.js';
import { sectorOf } from '../../registry/organisation-kind.js';
import { CooperationErrorCode as Code } from '../cooperation.errors.js';
import { activeParticipants, type CooperationState } from '../cooperation.state.js';
import type { CooperationPhase } from '../cooperation.vocabulary.js';
import type { CooperationPhaseChanged } from '../events/index.js';

export type ChangeCooperationPhase = Command<'ChangeCooperationPhase', CooperationPhaseChanged['data']>;

/** Forward transitions of the state machine (domain.md §2.3) that this command performs. */
const TRANSITIONS: Readonly<Record<CooperationPhase, readonly CooperationPhase[]>> = {
  identification: ['diagnostic', 'framing'],
  diagnostic: ['framing'],
  framing: [],
  implementation: ['consolidation'],
  consolidation: ['scaling'],
  scaling: [],
  closed: [],
};

/** Entering implementation is StartCooperation's job; closing is CloseCooperation's. */
const DEDICATED_COMMANDS: Partial<Record<CooperationPhase, string>> = {
  implementation: 'StartCooperation',
  closed: 'CloseCooperation',
};

export const changeCooperationPhase = (
  command: ChangeCooperationPhase,
  state: CooperationState,
  directory: Directory,
): CooperationPhaseChanged[] => {
  const { fromPhase, toPhase, waiver } = command.data;
  ensure(fromPhase === state.phase, Code.StalePhase, { expectedPhase: fromPhase, currentPhase: state.phase });
  const dedicated = DEDICATED_COMMANDS[toPhase];
  ensure(!dedicated, Code.TransitionRequiresDedicatedCommand, { toPhase, command: dedicated });
  ensure(TRANSITIONS[fromPhase].includes(toPhase), Code.TransitionNotAllowed, { fromPhase, toPhase });

  if (fromPhase === 'diagnostic' && toPhase === 'framing') {
    const completed = Object.values(state.diagnostics).some((d) => d.status === 'completed');
    ensure(completed, Code.DiagnosticNotCompleted);
  }
  if (fromPhase === 'identification' && toPhase === 'framing') {
    ensure(state.origin === 'preExisting' && waiver?.justification?.trim(), Code.DiagnosticRequired, {
      origin: state.origin,
      waiverGiven: Boolean(waiver),
    });
  }
  if (toPhase === 'consolidation') {
    ensure(Object.keys(state.actions).length > 0, Code.NoActionLaunched);
    const programme = state.programmeId ? directory.programme(state.programmeId) : undefined;
    if (programme) {
      const required = programme.policies.minSectorsForCoalition ?? DEFAULT_PROGRAMME_POLICIES.minSectorsForCoalition;
      const sectors = new Set(
        activeParticipants(state).flatMap((p) => {
          const kind = directory.organisation(p.organisationId)?.kind;
          return kind ? [sectorOf(kind)] : [];
        }),
      );
      ensure(sectors.size >= required, Code.InsufficientSectorDiversity, { required, found: [...sectors].sort() });
    }
  }
  return [{ type: 'CooperationPhaseChanged', data: command.data }];
};
