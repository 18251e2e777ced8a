import { dayOf, type BusinessDate } from '../shared/business-date.js';
import { fold, type Command } from '../shared/decider.js';
import { InMemoryDirectory } from '../directory/directory.js';
import type { OrganisationRegistered, ProgrammeLaunched, TerritoryDefined } from '../registry/events/index.js';
import { DEFAULT_PROGRAMME_POLICIES } from '../registry/events/programme-launched.event.js';
import type { OrganisationKind } from '../registry/organisation-kind.js';
import { registryDecider, type RegistryCommand } from '../registry/registry.decider.js';
import { DomainError } from '../shared/domain-error.js';
import { cooperationDecider } from '../cooperation/cooperation.decider.js';
import type { CooperationState } from '../cooperation/cooperation.state.js';
import type { CooperationCommand } from '../cooperation/commands/index.js';
import type { CooperationEvent } from '../cooperation/events/index.js';
import { deciderSpecification } from './decider-specification.js';

/** Record time of every test command: the day this brief's scenarios are replayed. */
export const NOW = '2026-11-23T10:00:00.000Z';

export const command = <C extends Command>(
  type: C['type'],
  data: C['data'],
  occurredAt?: BusinessDate,
): C => ({ type, data, metadata: { now: NOW, today: dayOf(NOW), actor: { userId: 'test' }, ...(occurredAt ? { occurredAt } : {}) } }) as C;

/** Shorthand for a cooperation command: the type checks the data against the command's own shape. */
export const when = <T extends CooperationCommand['type']>(
  type: T,
  data: Extract<CooperationCommand, { type: T }>['data'],
  occurredAt?: BusinessDate,
): Extract<CooperationCommand, { type: T }> =>
  command<Command<T, object>>(type, data, occurredAt) as Extract<CooperationCommand, { type: T }>;

export const event = <T extends CooperationEvent['type']>(
  type: T,
  data: Extract<CooperationEvent, { type: T }>['data'],
): Extract<CooperationEvent, { type: T }> => ({ type, data }) as Extract<CooperationEvent, { type: T }>;

/** An event as the store hands it to `evolve`, with its id: what a correction (E50) names. */
export const withId = <E extends CooperationEvent>(eventId: string, recorded: E): E => ({ ...recorded, eventId });

/** Shorthand for a registry command (RegisterOrganisation, DefineTerritory, LaunchProgramme). */
export const whenRegistry = <T extends RegistryCommand['type']>(
  type: T,
  data: Extract<RegistryCommand, { type: T }>['data'],
  occurredAt?: BusinessDate,
): Extract<RegistryCommand, { type: T }> => command<Command<T, object>>(type, data, occurredAt) as Extract<RegistryCommand, { type: T }>;

export const organisation = (
  organisationId: string,
  name: string,
  kind: OrganisationKind,
  extra: Partial<OrganisationRegistered['data']> = {},
): OrganisationRegistered => ({
  type: 'OrganisationRegistered',
  data: { organisationId, name, aliases: [], kind, networkMemberships: [], ...extra },
});

export const territory = (territoryId: string, name: string, parentTerritoryIds: string[] = []): TerritoryDefined => ({
  type: 'TerritoryDefined',
  data: { territoryId, name, kind: 'municipality', componentNames: [], parentTerritoryIds, isQpv: false },
});

export const programme = (programmeId: string, extra: Partial<ProgrammeLaunched['data']> = {}): ProgrammeLaunched => ({
  type: 'ProgrammeLaunched',
  data: {
    programmeId,
    name: programmeId,
    ownerOrganisationIds: ['org:fondation-macif'],
    period: { from: '2024', to: '2028' },
    thematicAreas: [],
    targetTerritoryIds: [],
    targetTerritoryLabels: [],
    phaseTemplate: [],
    policies: DEFAULT_PROGRAMME_POLICIES,
    ...extra,
  },
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
  organisation('org:la-france-s-engage', 'La France s’engage', 'foundation'),
  organisation('org:ville-de-marseille', 'Ville de Marseille', 'localAuthority'),
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

/** A fact the directory indexes; cooperation facts need their stream (`cooperation-<id>`). */
export type DirectoryFact = { readonly type: string; readonly data: object; readonly streamId?: string };

export const testDirectory = (...extra: DirectoryFact[]): InMemoryDirectory => {
  const directory = new InMemoryDirectory();
  for (const e of [...registryEvents(), ...extra]) directory.apply({ streamId: 'registry', ...e });
  return directory;
};

export const given = deciderSpecification(cooperationDecider, () => testDirectory());

/** `given`, against the test directory plus some more registry entries or other cooperations. */
export const givenIn = (...extra: DirectoryFact[]) => deciderSpecification(cooperationDecider, () => testDirectory(...extra));

export const givenRegistry = deciderSpecification(registryDecider, () => testDirectory());

export const givenRegistryIn = (...extra: DirectoryFact[]) => deciderSpecification(registryDecider, () => testDirectory(...extra));

/** The state a cooperation stream folds to, for the rare rule no event can reach yet. */
export const stateOf = (events: CooperationEvent[]): CooperationState =>
  fold(cooperationDecider.evolve, cooperationDecider.initialState(), events);

/** The DomainError a direct call throws (undefined when it does not throw). */
export const errorOf = (run: () => unknown): DomainError | undefined => {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  return undefined;
};

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

export const representative = (
  organisationId: string,
  personId: string,
  capacities: ('sign' | 'sit' | 'speak')[] = ['sign', 'sit', 'speak'],
  from = '2025',
) => event('RepresentativeDesignated', { organisationId, personId, title: 'Directeur·rice', capacities, scope: 'cooperation', from });

/** CITÉES after its five members joined (scenario A, events 3–4). */
export const citeesMembers = () => [
  proposed(),
  joined('org:fondation-macif'),
  joined('org:banlieues-sante'),
  joined('org:cite-des-transitions'),
  joined('org:inter-made'),
  joined('org:france-active-paca'),
];

export const CITEES = ['org:fondation-macif', 'org:banlieues-sante', 'org:cite-des-transitions', 'org:inter-made', 'org:france-active-paca'];

/** The person designated for an organisation in these tests: `org:x` is represented by `person:x`. */
export const personOf = (organisationId: string) => organisationId.replace(/^org:/, 'person:');

export const representativesOf = (organisationIds: string[]) => organisationIds.map((id) => representative(id, personOf(id)));

export const started = (startedOn = '2026-01') => event('CooperationStarted', { startedOn, warnings: [] });

export const actionLaunched = (actionId = 'action:depistage', extra: Partial<Extract<CooperationEvent, { type: 'ActionLaunched' }>['data']> = {}) =>
  event('ActionLaunched', {
    actionId,
    title: 'Dépistage déficit visuel aux personnes sans droits',
    description: 'avec OneSight',
    leadOrganisationId: 'org:banlieues-sante',
    contributingOrganisationIds: [],
    territoryIds: [],
    launchedOn: '2026-03',
    ...extra,
  });

export const seat = (seatId: string, holderOrganisationId: string, extra: Partial<Extract<CooperationEvent, { type: 'InstanceSeatAssigned' }>['data']> = {}) =>
  event('InstanceSeatAssigned', { seatId, instanceId: 'instance:copil', holderOrganisationId, seatType: 'member', from: '2025-10', ...extra });

export const CHARTER = 'charter:citees';

/** Version n of the test charter carries the hash `sha256:vn`. */
export const hashOf = (version: number) => `sha256:v${version}`;

export const charterDraftStarted = (extra: Partial<Extract<CooperationEvent, { type: 'CharterDraftStarted' }>['data']> = {}) =>
  event('CharterDraftStarted', {
    charterId: CHARTER,
    kind: 'cooperationCharter',
    title: 'Charte de coopération CITÉES',
    draftingOrganisationIds: CITEES,
    plannedSignatoryOrganisationIds: CITEES,
    ...extra,
  });

export const charterRevised = (version: number, extra: Partial<Extract<CooperationEvent, { type: 'CharterDraftRevised' }>['data']> = {}) =>
  event('CharterDraftRevised', {
    charterId: CHARTER,
    version,
    contributedByOrganisationId: 'org:cite-des-transitions',
    sectionsChanged: ['objet'],
    summary: `Version ${version}`,
    contentHash: hashOf(version),
    ...extra,
  });

export const charterAdopted = (requiredSignatoryOrganisationIds: string[], version = 1, adoptedOn = '2025-10') =>
  event('CharterAdopted', {
    charterId: CHARTER,
    version,
    instanceId: 'instance:copil',
    adoptedOn,
    contentHash: hashOf(version),
    requiredSignatoryOrganisationIds,
  });

export const charterSigned = (organisationId: string, version = 1, signedOn = '2025-11') =>
  event('CharterSigned', {
    charterId: CHARTER,
    version,
    organisationId,
    signatoryPersonId: personOf(organisationId),
    signatoryCapacity: 'Directeur·rice',
    signedOn,
    witnesses: [],
    contentHash: hashOf(version),
  });

export const charterInForce = (signatories: string[], version = 1, effectiveOn = '2025-11', supersedesVersion?: number) =>
  event('CharterEnteredIntoForce', {
    charterId: CHARTER,
    version,
    effectiveOn,
    signatories,
    ...(supersedesVersion !== undefined ? { supersedesVersion } : {}),
  });

/** CITÉES with its steering committee, one signing representative per member and charter v1 adopted (scenario A, event 12). */
export const citeesCharterAdopted = () => [
  ...citeesMembers(),
  steeringCommittee(),
  ...representativesOf(CITEES),
  charterDraftStarted(),
  charterRevised(1),
  charterAdopted(CITEES),
];

/** The same charter once all five have signed it: v1 in force. */
export const citeesCharterInForce = () => [...citeesCharterAdopted(), ...CITEES.map((id) => charterSigned(id)), charterInForce(CITEES)];
