import type { Command } from '../../shared/decider.js';
import { ensure } from '../../shared/domain-error.js';
import { normaliseName } from '../../shared/text.js';
import type { Directory } from '../../directory/directory.js';
import type { TerritoryDefined } from '../events/territory-defined.event.js';
import { RegistryErrorCode } from '../registry.errors.js';
import type { RegistryState } from '../registry.state.js';

export type DefineTerritory = Command<'DefineTerritory', TerritoryDefined['data']>;

export const defineTerritory = (
  command: DefineTerritory,
  state: RegistryState,
  directory: Directory,
): TerritoryDefined[] => {
  const { data } = command;
  ensure(!state.exists, RegistryErrorCode.TerritoryAlreadyDefined, { territoryId: data.territoryId });
  for (const parentId of data.parentTerritoryIds) {
    ensure(directory.territory(parentId), RegistryErrorCode.ParentTerritoryNotFound, { territoryId: parentId });
    ensure(!directory.territoryWithAncestors(parentId).has(data.territoryId) && parentId !== data.territoryId,
      RegistryErrorCode.TerritoryHierarchyCycle, { territoryId: data.territoryId, parentTerritoryId: parentId });
  }
  const name = normaliseName(data.name);
  const parents = new Set(data.parentTerritoryIds);
  for (const sibling of directory.territories()) {
    const sameParent =
      sibling.parentTerritoryIds.length === 0 && parents.size === 0
        ? true
        : sibling.parentTerritoryIds.some((id) => parents.has(id));
    ensure(!(sameParent && normaliseName(sibling.name) === name), RegistryErrorCode.DuplicateTerritoryName, {
      name: data.name,
      existingTerritoryId: sibling.territoryId,
    });
  }
  return [{ type: 'TerritoryDefined', data }];
};
