import type { Command } from '../../shared/decider.js';
import { isDefinitelyBefore } from '../../shared/business-date.js';
import { ensure } from '../../shared/domain-error.js';
import { normaliseName } from '../../shared/text.js';
import type { Directory } from '../../directory/directory.js';
import type { ProgrammeLaunched } from '../events/programme-launched.event.js';
import { RegistryErrorCode } from '../registry.errors.js';
import type { RegistryState } from '../registry.state.js';

export type LaunchProgramme = Command<'LaunchProgramme', ProgrammeLaunched['data']>;

const isActiveOn = (period: { to?: string }, today: string): boolean =>
  period.to === undefined || !isDefinitelyBefore(period.to, today);

export const launchProgramme = (
  command: LaunchProgramme,
  state: RegistryState,
  directory: Directory,
): ProgrammeLaunched[] => {
  const { data } = command;
  ensure(!state.exists, RegistryErrorCode.ProgrammeAlreadyLaunched, { programmeId: data.programmeId });
  for (const ownerId of data.ownerOrganisationIds) {
    ensure(directory.organisation(ownerId), RegistryErrorCode.ProgrammeOwnerNotRegistered, { organisationId: ownerId });
  }
  for (const territoryId of data.targetTerritoryIds) {
    ensure(directory.territory(territoryId), RegistryErrorCode.TargetTerritoryNotFound, { territoryId });
  }
  ensure(!(data.period.to && isDefinitelyBefore(data.period.to, data.period.from)), RegistryErrorCode.InvalidPeriod, {
    from: data.period.from,
    to: data.period.to,
  });
  const name = normaliseName(data.name);
  for (const other of directory.programmes()) {
    ensure(!(isActiveOn(other.period, command.metadata.today) && normaliseName(other.name) === name),
      RegistryErrorCode.DuplicateProgrammeName, { name: data.name, existingProgrammeId: other.programmeId });
  }
  return [{ type: 'ProgrammeLaunched', data }];
};
