import type { OrganisationRegistered } from './organisation-registered.event.js';
import type { ProgrammeLaunched } from './programme-launched.event.js';
import type { TerritoryDefined } from './territory-defined.event.js';

export type { OrganisationRegistered, ProgrammeLaunched, TerritoryDefined };
export type RegistryEvent = OrganisationRegistered | TerritoryDefined | ProgrammeLaunched;
export const REGISTRY_EVENT_TYPES = ['OrganisationRegistered', 'TerritoryDefined', 'ProgrammeLaunched'] as const;
