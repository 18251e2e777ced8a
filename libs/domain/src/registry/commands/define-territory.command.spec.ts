import { describe, it } from '@jest/globals';
import { RegistryErrorCode as Code } from '../registry.errors.js';
import type { DefineTerritory } from './define-territory.command.js';
import { givenRegistry, givenRegistryIn, territory, whenRegistry } from '../../testing/fixtures.js';

const bafapatabor: DefineTerritory['data'] = {
  territoryId: 'territory:qpv-bafapatabor',
  name: 'Bagatelle, La Faourette, Papus, Tabar, Bordelongue',
  nickname: 'BaFaPaTaBor',
  kind: 'priorityNeighbourhood',
  componentNames: ['Bagatelle', 'La Faourette', 'Papus', 'Tabar', 'Bordelongue'],
  parentTerritoryIds: ['territory:toulouse'],
  isQpv: true,
  cityContract: { period: { from: '2024', to: '2030' }, priorities: ['écologie urbaine et citoyenne'] },
};
const define = (data: Partial<DefineTerritory['data']> = {}) => whenRegistry('DefineTerritory', { ...bafapatabor, ...data });
const toulouse = territory('territory:toulouse', 'Toulouse');

describe('DefineTerritory', () => {
  it('records a territory under a known parent', () =>
    givenRegistryIn(toulouse)([]).when(define()).then([{ type: 'TerritoryDefined', data: bafapatabor }]));

  it('a territory is defined once', () =>
    givenRegistryIn(toulouse)([{ type: 'TerritoryDefined', data: bafapatabor }]).when(define()).thenThrows(Code.TerritoryAlreadyDefined, { territoryId: 'territory:qpv-bafapatabor' }));

  it('a parent must be defined', () => givenRegistry([]).when(define()).thenThrows(Code.ParentTerritoryNotFound, { territoryId: 'territory:toulouse' }));

  it('the hierarchy has no cycle', () =>
    givenRegistryIn(territory('territory:a', 'A'), territory('territory:b', 'B', ['territory:a']))([])
      .when(define({ territoryId: 'territory:a', name: 'A bis', parentTerritoryIds: ['territory:b'] }))
      .thenThrows(Code.TerritoryHierarchyCycle, { territoryId: 'territory:a', parentTerritoryId: 'territory:b' }));

  it('a name is not repeated under the same parent', () =>
    givenRegistryIn(toulouse, territory('territory:qpv-other', 'bagatelle la faourette papus tabar bordelongue', ['territory:toulouse']))([])
      .when(define())
      .thenThrows(Code.DuplicateTerritoryName, { existingTerritoryId: 'territory:qpv-other' }));

  it('a name is not repeated among top-level territories', () =>
    givenRegistry([]).when(define({ territoryId: 'territory:marseille-2', name: 'MARSEILLE', parentTerritoryIds: [] })).thenThrows(Code.DuplicateTerritoryName, { existingTerritoryId: 'territory:marseille' }));

  it('the same name is allowed under another parent', () =>
    givenRegistryIn(toulouse, territory('territory:centre-marseille', 'Centre-ville', ['territory:marseille']))([])
      .when(define({ territoryId: 'territory:centre-toulouse', name: 'Centre-ville' }))
      .then([{ type: 'TerritoryDefined', data: { ...bafapatabor, territoryId: 'territory:centre-toulouse', name: 'Centre-ville' } }]));
});
