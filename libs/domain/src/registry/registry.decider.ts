import { assertNever, type Decider } from '../shared/decider.js';
import { businessDate, ensureNotInFuture } from '../shared/business-date.js';
import type { Directory } from '../directory/directory.js';
import { defineTerritory, type DefineTerritory } from './commands/define-territory.command.js';
import { launchProgramme, type LaunchProgramme } from './commands/launch-programme.command.js';
import { registerOrganisation, type RegisterOrganisation } from './commands/register-organisation.command.js';
import type { RegistryEvent } from './events/index.js';
import type { RegistryState } from './registry.state.js';

export type RegistryCommand = RegisterOrganisation | DefineTerritory | LaunchProgramme;

/** One decider for the three registries: each entry has its own stream and only cares whether it exists. */
export const registryDecider: Decider<RegistryCommand, RegistryEvent, RegistryState, Directory> = {
  initialState: () => ({ exists: false }),
  decide: (command, state, directory) => {
    // domain.md §8.1, for every command: a fact stated as happening in the future is not recorded.
    const { occurredAt, today } = command.metadata;
    if (occurredAt) ensureNotInFuture(occurredAt, today);
    switch (command.type) {
      case 'RegisterOrganisation':
        return registerOrganisation(command, state, directory);
      case 'DefineTerritory':
        return defineTerritory(command, state, directory);
      case 'LaunchProgramme':
        return launchProgramme(command, state, directory);
      default:
        return assertNever(command);
    }
  },
  evolve: () => ({ exists: true }),
  businessDateOf: (command) =>
    command.type === 'LaunchProgramme' ? businessDate(command.data.period.from) : undefined,
};
