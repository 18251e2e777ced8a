import type { Command } from '../../shared/decider.js';
import { ensure } from '../../shared/domain-error.js';
import { normaliseName } from '../../shared/text.js';
import type { Directory } from '../../directory/directory.js';
import type { OrganisationRegistered } from '../events/organisation-registered.event.js';
import { RegistryErrorCode } from '../registry.errors.js';
import type { RegistryState } from '../registry.state.js';

export type RegisterOrganisation = Command<'RegisterOrganisation', OrganisationRegistered['data']>;

export const registerOrganisation = (
  command: RegisterOrganisation,
  state: RegistryState,
  directory: Directory,
): OrganisationRegistered[] => {
  const { data } = command;
  ensure(!state.exists, RegistryErrorCode.OrganisationAlreadyRegistered, { organisationId: data.organisationId });
  for (const name of [data.name, ...data.aliases]) {
    const homonym = directory.findOrganisationsByName(name).find((organisation) => organisation.kind === data.kind);
    ensure(!homonym, RegistryErrorCode.DuplicateOrganisationName, {
      name,
      existingOrganisationId: homonym?.organisationId,
    });
  }
  if (data.parentOrganisationId) {
    ensure(directory.organisation(data.parentOrganisationId), RegistryErrorCode.ParentOrganisationNotRegistered, {
      parentOrganisationId: data.parentOrganisationId,
    });
  }
  for (const networkId of data.networkMemberships) {
    ensure(directory.organisation(networkId), RegistryErrorCode.NetworkNotRegistered, { organisationId: networkId });
  }
  const aliases = [...new Set(data.aliases)].filter((alias) => normaliseName(alias) !== '' && alias !== data.name);
  return [{ type: 'OrganisationRegistered', data: { ...data, aliases } }];
};
