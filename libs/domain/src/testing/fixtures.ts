import type { BusinessDate } from '../shared/business-date.js';
import type { Command } from '../shared/decider.js';
import { InMemoryDirectory } from '../directory/directory.js';
import type { OrganisationRegistered, ProgrammeLaunched, TerritoryDefined } from '../registry/events/index.js';
import { DEFAULT_PROGRAMME_POLICIES } from '../registry/events/programme-launched.event.js';
import type { OrganisationKind } from '../registry/organisation-kind.js';
import { cooperationDecider } from '../cooperation/cooperation.decider.js';
import type { CooperationCommand } from '../cooperation/commands/index.js';
import type { CooperationEvent } from '../cooperation/events/index.js';
import { deciderSpecification } from './decider-specification.js';

/** Record time of every test command: the day this brief's scenarios are replayed. */
export const NOW = '2026-11-23T10:00:00.000Z';

export const command = <C extends Command>(
  type: C['type'],
  data: C['data'],
  occurredAt?: BusinessDate,
): C => ({ type, data, metadata: { now: NOW, actor: { userId: 'test' }, ...(occurredAt ? { occurredAt } : {}) } }) as C;

/** Shorthand for a cooperation command: the type checks the data against the command's own shape. */
export const when = <T extends CooperationCommand['type']>(
  type: T,
  data: Extract<CooperationCommand, { type: T }>['data'],
  occurredAt?: BusinessDate,
): Extract<CooperationCommand, { type: T }> => command(type, data, occurredAt);

export const event = <T extends CooperationEvent['type']>(
  type: T,
  data: Extract<CooperationEvent, { type: T }>['data'],
): Extract<CooperationEvent, { type: T }> => ({ type, data }) as Extract<CooperationEvent, { type: T }>;

const organisation = (organisationId: string, name: string, kind: OrganisationKind): OrganisationRegistered => ({
  type: 'OrganisationRegistered',
  data: { organisationId, name, aliases: [], kind, networkMemberships: [] },
});

/** The shared registry of the scenarios (domain.md §9, Appendix A). */
export const registryEvents = (): (OrganisationRegistered | TerritoryDefined | ProgrammeLaunched)[] => [
  organisation('org:fondation-macif', 'Fondation Macif', 'foundation'),
  organisation('org:banlieues-sante', 'Banlieues Santé', 'association'),
  organisation('org:cite-des-transitions', 'La Cité des Transitions', 'association'),
  organisation('org:france-active-paca', 'France Active Provence-Alpes-Côte d’Azur', 'solidarityFinance'),
  { ...organisation('org:inter-made', 'Inter-Made', 'incubator'), data: { ...organisation('org:inter-made', 'Inter-Made', 'incubator').data, aliases: ['Intermade', 'InterMade'] } },
  organisation('org:onesight', 'OneSight', 'association'),
  organisation('org:toulouse-metropole', 'Toulouse Métropole', 'localAuthority'),
  organisation('org:habitants-bafapatabor', 'Habitant·e·s du quartier', 'residentsGroup'),
  organisation('org:e-graine-occitanie', 'e-graine Occitanie', 'association'),
  organisation('org:acme', 'Entreprise locale', 'company'),
  {
    type: 'TerritoryDefined',
    data: { territoryId: 'territory:marseille', name: 'Marseille', kind: 'municipality', componentNames: [], parentTerritoryIds: [], isQpv: false },
  },
  {
    type: 'ProgrammeLaunched',
    data: {
      programmeId: 'programme:tec',
      name: 'Territoires d’Engagement et de Coopération (TEC)',
      ownerOrganisationIds: ['org:fondation-macif'],
      period: { from: '2025-11-03', to: '2028-11' },
      thematicAreas: [],
      targetTerritoryIds: [],
      targetTerritoryLabels: [],
      phaseTemplate: [],
      policies: { ...DEFAULT_PROGRAMME_POLICIES, maxCooperationMonths: 36 },
    },
  },
];

export const testDirectory = (): InMemoryDirectory => {
  const directory = new InMemoryDirectory();
  for (const e of registryEvents()) directory.apply({ ...e, streamId: 'registry' });
  return directory;
};

export const given = deciderSpecification(cooperationDecider, testDirectory);

export const COOP = 'coop:test';

export const proposed = (overrides: Partial<Extract<CooperationEvent, { type: 'CooperationProposed' }>['data']> = {}) =>
  event('CooperationProposed', {
    cooperationId: COOP,
    name: 'CITÉES Marseille',
    purpose: 'Réduire les inégalités sociales de santé par l’action collective',
    levers: [],
    territoryIds: ['territory:marseille'],
    form: 'consortium',
    origin: 'initiatedByFoundation',
    initiatorOrganisationIds: ['org:fondation-macif'],
    thematicAreas: [],
    proposedOn: '2025',
    ...overrides,
  });

export const joined = (organisationId: string, membershipType: 'member' | 'associatedPartner' | 'institutionalPartner' = 'member') =>
  event('MemberJoined', { organisationId, membershipType, joinedOn: '2025' });

export const assigned = (
  assignmentId: string,
  organisationId: string,
  role: Extract<CooperationEvent, { type: 'RoleAssigned' }>['data']['role'],
  extra: Partial<Extract<CooperationEvent, { type: 'RoleAssigned' }>['data']> = {},
) => event('RoleAssigned', { assignmentId, organisationId, role, from: '2025', ...extra });

export const phase = (fromPhase: 'identification' | 'diagnostic', toPhase: 'diagnostic' | 'framing') =>
  event('CooperationPhaseChanged', { fromPhase, toPhase });

export const steeringCommittee = (instanceId = 'instance:copil') =>
  event('GovernanceInstanceCreated', {
    instanceId,
    ownerScope: 'cooperation',
    kind: 'steeringCommittee',
    label: 'Comité de pilotage',
    mandate: ['decide', 'orient', 'evaluate', 'adoptCharter'],
    frequency: { kind: 'timesPerYear', timesPerYear: 3 },
    chairingModel: 'single',
    createdOn: '2025-10',
  });

export const representative = (organisationId: string, personId: string, capacities: ('sign' | 'sit' | 'speak')[] = ['sign', 'sit', 'speak']) =>
  event('RepresentativeDesignated', { organisationId, personId, title: 'Directeur·rice', capacities, scope: 'cooperation', from: '2025' });

/** CITÉES after its five members joined (scenario A, events 3–4). */
export const citeesMembers = () => [
  proposed(),
  joined('org:fondation-macif'),
  joined('org:banlieues-sante'),
  joined('org:cite-des-transitions'),
  joined('org:inter-made'),
  joined('org:france-active-paca'),
];
