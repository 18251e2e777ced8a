import { describe, it } from '@jest/globals';
import { businessDate } from '../../shared/business-date.js';
import { RegistryErrorCode as Code } from '../registry.errors.js';
import type { RegisterOrganisation } from './register-organisation.command.js';
import { givenRegistry, givenRegistryIn, organisation, whenRegistry } from '../../testing/fixtures.js';

const kiif: RegisterOrganisation['data'] = { organisationId: 'org:kiif', name: 'Kiif', aliases: [], kind: 'association', networkMemberships: [], foundedIn: '2022' };
const register = (data: Partial<RegisterOrganisation['data']> = {}) => whenRegistry('RegisterOrganisation', { ...kiif, ...data });

describe('RegisterOrganisation', () => {
  it('records a new organisation', () => givenRegistry([]).when(register()).then([organisation('org:kiif', 'Kiif', 'association', { foundedIn: '2022' })]));

  it('aliases are kept once, without blanks or the name itself', () =>
    givenRegistry([])
      .when(register({ organisationId: 'org:atis', name: 'ATIS', aliases: ['La Fabrique à Initiatives', 'ATIS', 'La Fabrique à Initiatives', ' - '] }))
      .then([organisation('org:atis', 'ATIS', 'association', { foundedIn: '2022', aliases: ['La Fabrique à Initiatives'] })]));

  it('a registration dated in the future is refused, as any command is (domain.md §8.1)', () =>
    givenRegistry([]).when(whenRegistry('RegisterOrganisation', kiif, businessDate('2027'))).thenThrows(Code.BusinessDateInFuture, { date: '2027' }));

  it('an organisation is registered once', () =>
    givenRegistry([organisation('org:kiif', 'Kiif', 'association')]).when(register()).thenThrows(Code.OrganisationAlreadyRegistered, { organisationId: 'org:kiif' }));

  it('a name already used by an organisation of the same kind is refused: propose an alias instead', () =>
    givenRegistry([]).when(register({ organisationId: 'org:cdt-bis', name: 'la cite des transitions' })).thenThrows(Code.DuplicateOrganisationName, { existingOrganisationId: 'org:cite-des-transitions' }));

  it('an alias already used by an organisation of the same kind is refused', () =>
    givenRegistry([]).when(register({ organisationId: 'org:im-bis', name: 'IM', aliases: ['Intermade'], kind: 'incubator' })).thenThrows(Code.DuplicateOrganisationName, { name: 'Intermade', existingOrganisationId: 'org:inter-made' }));

  it('a name shared by organisations of several kinds is refused to each of those kinds, whichever was registered last', () =>
    givenRegistryIn(organisation('org:x-asso', 'Collectif X', 'association'), organisation('org:x-fondation', 'Collectif X', 'foundation'))([])
      .when(register({ organisationId: 'org:x-bis', name: 'collectif x', kind: 'association' }))
      .thenThrows(Code.DuplicateOrganisationName, { existingOrganisationId: 'org:x-asso' }));

  it('the same name is allowed for another kind of organisation', () =>
    givenRegistry([])
      .when(register({ organisationId: 'org:marseille-asso', name: 'Ville de Marseille', kind: 'association' }))
      .then([organisation('org:marseille-asso', 'Ville de Marseille', 'association', { foundedIn: '2022' })]));

  it('a parent must be registered', () =>
    givenRegistry([]).when(register({ organisationId: 'org:fdf-mediterranee', name: 'Fondation de France Méditerranée', parentOrganisationId: 'org:fondation-de-france' })).thenThrows(Code.ParentOrganisationNotRegistered, { parentOrganisationId: 'org:fondation-de-france' }));

  it('a registered parent is recorded', () =>
    givenRegistry([])
      .when(register({ organisationId: 'org:macif-occitanie', name: 'Fondation Macif Occitanie', kind: 'foundation', parentOrganisationId: 'org:fondation-macif' }))
      .then([organisation('org:macif-occitanie', 'Fondation Macif Occitanie', 'foundation', { foundedIn: '2022', parentOrganisationId: 'org:fondation-macif' })]));

  it('a network must be registered', () =>
    givenRegistry([]).when(register({ networkMemberships: ['org:unknown-network'] })).thenThrows(Code.NetworkNotRegistered, { organisationId: 'org:unknown-network' }));
});
