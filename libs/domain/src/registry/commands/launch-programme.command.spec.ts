import { describe, it } from '@jest/globals';
import { RegistryErrorCode as Code } from '../registry.errors.js';
import type { LaunchProgramme } from './launch-programme.command.js';
import { givenRegistry, givenRegistryIn, programme, whenRegistry } from '../../testing/fixtures.js';

const macif: LaunchProgramme['data'] = programme('programme:macif-2024-2028', {
  name: 'Orientation emblématique 2024-2028 – transition écologique juste',
  ownerOrganisationIds: ['org:fondation-macif'],
  period: { from: '2024', to: '2028' },
  targetTerritoryIds: ['territory:marseille'],
}).data;
const launch = (data: Partial<LaunchProgramme['data']> = {}) => whenRegistry('LaunchProgramme', { ...macif, ...data });

describe('LaunchProgramme', () => {
  it('records a programme with registered owners', () => givenRegistry([]).when(launch()).then([{ type: 'ProgrammeLaunched', data: macif }]));

  it('a programme is launched once', () =>
    givenRegistry([{ type: 'ProgrammeLaunched', data: macif }]).when(launch()).thenThrows(Code.ProgrammeAlreadyLaunched, { programmeId: 'programme:macif-2024-2028' }));

  it('every owner must be registered', () =>
    givenRegistry([]).when(launch({ ownerOrganisationIds: ['org:fondation-macif', 'org:kiif'] })).thenThrows(Code.ProgrammeOwnerNotRegistered, { organisationId: 'org:kiif' }));

  it('every target territory must be defined', () =>
    givenRegistry([]).when(launch({ targetTerritoryIds: ['territory:vallee-de-la-roya'] })).thenThrows(Code.TargetTerritoryNotFound, { territoryId: 'territory:vallee-de-la-roya' }));

  it('a programme does not end before it starts', () =>
    givenRegistry([]).when(launch({ period: { from: '2025-11-03', to: '2025-10' } })).thenThrows(Code.InvalidPeriod, { from: '2025-11-03', to: '2025-10' }));

  it('a name is not reused by an active programme', () =>
    givenRegistry([]).when(launch({ name: 'Territoires d’Engagement et de Coopération (TEC)' })).thenThrows(Code.DuplicateProgrammeName, { existingProgrammeId: 'programme:tec' }));

  it('the name of an ended programme is free again', () =>
    givenRegistryIn(programme('programme:macif-2019-2023', { name: macif.name, period: { from: '2019', to: '2023' } }))([])
      .when(launch())
      .then([{ type: 'ProgrammeLaunched', data: macif }]));
});
