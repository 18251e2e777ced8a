import { createHash } from 'node:crypto';

/** One HTTP command of a field scenario (domain.md §9), as a client would send it. */
export interface Step {
  readonly path: string;
  readonly body: Record<string, unknown>;
}

export const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

const organisation = (organisationId: string, name: string, kind: string, extra: Record<string, unknown> = {}): Step => ({
  path: '/organisations',
  body: { organisationId, name, kind, ...extra },
});

const coop = (id: string) => (command: string, body: Record<string, unknown>): Step => ({ path: `/cooperations/${id}/${command}`, body });

export const CITEES = 'coop:citees-marseille';
export const CITEES_CHARTER_TEXT = 'Charte de coopération CITÉES — v1. Objet : réduire les inégalités sociales de santé par l’action collective.';
export const CITEES_MEMBERS = [
  'org:fondation-macif',
  'org:banlieues-sante',
  'org:cite-des-transitions',
  'org:inter-made',
  'org:france-active-paca',
] as const;

const citees = coop(CITEES);
const representativeOf: Record<(typeof CITEES_MEMBERS)[number], [string, string, string]> = {
  'org:fondation-macif': ['person:bouchra-rguibi', 'Bouchra Rguibi', 'Chargée de domaine Fondation Macif & ESS, Régions PACA et Corse'],
  'org:banlieues-sante': ['person:yassine-ennomany', 'Yassine Ennomany', 'Directeur'],
  'org:cite-des-transitions': ['person:marianne-morini', 'Marianne Morini', 'Responsable du développement'],
  'org:inter-made': ['person:philippine-menier', 'Philippine Ménier', 'Directrice écoute et animation du territoire'],
  // [demo assumption] the seed names nobody for France Active PACA
  'org:france-active-paca': ['person:representant-france-active-paca', 'Représentant·e France Active PACA', 'Représentant·e'],
};

const role = (organisationId: string, roleName: string, wording: string, extra: Record<string, unknown> = {}): Step =>
  citees('assign-role', { organisationId, role: roleName, from: '2025', wording, ...extra });

/** Scenario A, CITÉES Marseille, events 1–14 (domain.md §9): the README's curl walk-through sends the same. */
export const scenarioA = (): Step[] => [
  organisation('org:fondation-macif', 'Fondation Macif', 'foundation'),
  organisation('org:banlieues-sante', 'Banlieues Santé', 'association', { foundedIn: '2018' }),
  organisation('org:cite-des-transitions', 'La Cité des Transitions', 'association'),
  organisation('org:france-active-paca', 'France Active Provence-Alpes-Côte d’Azur', 'solidarityFinance'),
  organisation('org:inter-made', 'Inter-Made', 'incubator', { aliases: ['Intermade', 'InterMade'] }),
  { path: '/territories', body: { territoryId: 'territory:marseille', name: 'Marseille', kind: 'municipality', department: 'Bouches-du-Rhône', region: 'Provence-Alpes-Côte d’Azur' } },
  {
    path: '/programmes',
    body: {
      programmeId: 'programme:macif-2024-2028',
      name: 'Orientation emblématique 2024-2028 – transition écologique juste',
      ownerOrganisationIds: ['org:fondation-macif'],
      period: { from: '2024', to: '2028' },
      thematicAreas: ['transition écologique juste'],
    },
  },
  {
    path: '/cooperations',
    body: {
      cooperationId: CITEES,
      name: 'CITÉES Marseille',
      acronym: 'CITÉES',
      acronymExpansion: 'Coopération Inclusive Territoriale pour l’Équité En Santé à Marseille',
      purpose: 'Réduire les inégalités sociales de santé par l’action collective',
      levers: ['accès aux soins', 'accès à une alimentation saine', 'amélioration des conditions de vie des personnes les plus précaires et isolées'],
      territoryIds: ['territory:marseille'],
      form: 'consortium',
      origin: 'initiatedByFoundation',
      initiatorOrganisationIds: ['org:fondation-macif'],
      programmeId: 'programme:macif-2024-2028',
      occurredAt: { date: '2025' },
      source: { document: '000_0dc475c9d600a2f3.txt', lines: '524-632', confidence: 'stated' },
    },
  },
  ...CITEES_MEMBERS.map((organisationId) => citees('admit-member', { organisationId, membershipType: 'member', joinedOn: '2025' })),
  role('org:fondation-macif', 'Convener', 'Ensemblier à l’initiative de la démarche de coopération'),
  role('org:fondation-macif', 'Funder', 'finance et facilite son fonctionnement', { scope: 'cooperation' }),
  role('org:fondation-macif', 'Mobiliser', 'contribue à la mobilisation du territoire, notamment grâce à son réseau de sociétaires'),
  role('org:banlieues-sante', 'FieldLead', 'pilote l’action de terrain'),
  role('org:banlieues-sante', 'NeedsAssessor', 'identifie les besoins locaux'),
  role('org:cite-des-transitions', 'Coordinator', 'assure la coordination et l’ingénierie de coopération'),
  role('org:inter-made', 'Coordinator', 'assure la coordination et l’ingénierie de coopération'),
  role('org:inter-made', 'SupportProvider', 'de l’idée à la structuration'),
  role('org:france-active-paca', 'Funder', 'appuie et finance les initiatives identifiées', { scope: 'initiatives' }),
  role('org:france-active-paca', 'SupportProvider', 'appuie et finance les initiatives identifiées'),
  ...CITEES_MEMBERS.map((organisationId) => {
    const [personId, personName, title] = representativeOf[organisationId];
    return citees('designate-representative', { organisationId, personId, personName, title, capacities: ['sit', 'speak', 'sign'], from: '2025' });
  }),
  citees('record-support-decision', {
    supportDecisionId: 'support:macif-citees',
    deciderOrganisationId: 'org:fondation-macif',
    decidingBody: 'regionalFoundationCommission',
    bodyLabel: 'Commission régionale PACA & Corse',
    outcome: 'approved',
    amount: { status: 'notDisclosed' },
    decidedOn: '2025',
    source: { document: '000_0dc475c9d600a2f3.txt', confidence: 'assumedForDemo' },
  }),
  citees('pledge-commitment', {
    commitmentId: 'commitment:macif-structuration',
    organisationId: 'org:fondation-macif',
    kind: 'financialGrant',
    purpose: 'cooperationEngineering',
    amount: { status: 'notDisclosed' },
    description: 'soutien financier … coup d’élan pour la structuration de ce consortium : il sécurise les premières étapes',
    period: { from: '2025' },
    supportDecisionId: 'support:macif-citees',
  }),
  citees('pledge-commitment', {
    commitmentId: 'commitment:macif-societaires',
    organisationId: 'org:fondation-macif',
    kind: 'networkMobilisation',
    purpose: 'cooperationEngineering',
    description: 'mobilisation du territoire, notamment grâce à son réseau de sociétaires',
    period: { from: '2025' },
  }),
  citees('change-phase', { fromPhase: 'identification', toPhase: 'diagnostic', rationale: 'Identifier les besoins locaux' }),
  citees('start-territorial-diagnostic', { diagnosticId: 'diagnostic:citees-besoins', method: 'needsInventory', leadOrganisationIds: ['org:banlieues-sante'], startedOn: '2025' }),
  citees('complete-territorial-diagnostic', {
    diagnosticId: 'diagnostic:citees-besoins',
    completedOn: '2025',
    findings: {
      statements: ['profondes inégalités de santé', 'déficit d’accompagnement global des publics'],
      tangibleVulnerabilities: ['isolement', 'pauvreté', 'mauvaises conditions de logement', 'accès limité à des ressources alimentaires de qualité', 'qualité de l’air et de l’eau'],
    },
    priorities: ['accès aux soins', 'alimentation saine'],
  }),
  citees('change-phase', { fromPhase: 'diagnostic', toPhase: 'framing' }),
  citees('create-governance-instance', {
    instanceId: 'instance:copil-citees',
    kind: 'steeringCommittee',
    label: 'Comité de pilotage CITÉES',
    frequency: { kind: 'timesPerYear', timesPerYear: 3 },
    chairingModel: 'coFacilitators',
    createdOn: '2025-10',
    source: { document: '000_0dc475c9d600a2f3.txt', confidence: 'assumedForDemo' },
  }),
  ...CITEES_MEMBERS.map((holderOrganisationId, i) =>
    citees('assign-instance-seat', { seatId: `seat:copil-citees-${i + 1}`, instanceId: 'instance:copil-citees', holderOrganisationId, personId: representativeOf[holderOrganisationId][0], seatType: 'member', from: '2025-10' }),
  ),
  citees('start-charter-draft', {
    charterId: 'charter:citees',
    kind: 'cooperationCharter',
    title: 'Charte de coopération CITÉES',
    draftingOrganisationIds: [...CITEES_MEMBERS],
    plannedSignatoryOrganisationIds: [...CITEES_MEMBERS],
  }),
  citees('revise-charter-draft', {
    charterId: 'charter:citees',
    version: 1,
    contributedByOrganisationId: 'org:cite-des-transitions',
    sectionsChanged: ['objet', 'membres et rôles', 'gouvernance'],
    summary: 'Première version co-écrite par les cinq membres',
    contentHash: sha256(CITEES_CHARTER_TEXT),
  }),
  citees('schedule-meeting', {
    meetingId: 'meeting:copil-citees-1',
    instanceId: 'instance:copil-citees',
    scheduledFor: '2025-12',
    location: 'Marseille',
    agenda: ['adoption de la charte de coopération'],
    source: { document: '000_0dc475c9d600a2f3.txt', confidence: 'assumedForDemo' },
  }),
  citees('record-meeting-held', {
    meetingId: 'meeting:copil-citees-1',
    heldOn: '2025-12',
    attendees: CITEES_MEMBERS.map((_, i) => ({ seatId: `seat:copil-citees-${i + 1}` })),
    source: { document: '000_0dc475c9d600a2f3.txt', confidence: 'assumedForDemo' },
  }),
  citees('record-decision', {
    decisionId: 'decision:citees-charte',
    instanceId: 'instance:copil-citees',
    meetingId: 'meeting:copil-citees-1',
    subjectType: 'charterAdoption',
    subjectRef: 'charter:citees',
    outcome: 'approved',
    text: 'Le comité adopte la charte de coopération CITÉES, version 1',
    consensus: true,
    decidedOn: '2025-12',
  }),
  citees('adopt-charter', {
    charterId: 'charter:citees',
    version: 1,
    instanceId: 'instance:copil-citees',
    decisionId: 'decision:citees-charte',
    adoptedOn: '2025-12',
    contentHash: sha256(CITEES_CHARTER_TEXT),
    requiredSignatoryOrganisationIds: [...CITEES_MEMBERS],
  }),
  ...CITEES_MEMBERS.map((organisationId) =>
    citees('sign-charter', {
      charterId: 'charter:citees',
      version: 1,
      organisationId,
      signatoryPersonId: representativeOf[organisationId][0],
      signatoryCapacity: representativeOf[organisationId][2],
      signedOn: '2025-12',
      contentHash: sha256(CITEES_CHARTER_TEXT),
    }),
  ),
  citees('assign-role', {
    assignmentId: 'assignment:citees-lead-1',
    organisationId: 'org:cite-des-transitions',
    role: 'Lead',
    from: '2026-01-01',
    wording: 'piloté la première année par la Cité des Transitions',
  }),
  citees('plan-milestone', { milestoneId: 'milestone:citees-rotation', label: 'Rotation du pilotage', kind: 'leadRotation', dueBy: '2026-12' }),
  citees('start', { startedOn: '2026-01', launchLabel: 'Naissance du consortium CITÉES' }),
  citees('launch-action', {
    actionId: 'action:citees-depistage',
    title: 'Dépistage déficit visuel aux personnes sans droits',
    description: 'Dépistages menés avec OneSight (nommée ici seulement : elle n’est pas partie prenante)',
    lever: 'accès aux soins',
    leadOrganisationId: 'org:banlieues-sante',
    territoryIds: ['territory:marseille'],
    launchedOn: '2026',
    source: { document: '000_0dc475c9d600a2f3.txt', lines: '562-563', confidence: 'assumedForDemo' },
  }),
];

/** Scenario A, event 16: the lead passes to Inter-Made on 2027-01-01 ([gap] the seed names no next pilot). */
export const scenarioAHandOver = (): Step[] => [
  citees('hand-over-role', {
    role: 'Lead',
    fromOrganisationId: 'org:cite-des-transitions',
    toOrganisationId: 'org:inter-made',
    effectiveOn: '2027-01-01',
    source: { document: '000_0dc475c9d600a2f3.txt', lines: '611', confidence: 'assumedForDemo' },
  }),
];

export const BAFAPATABOR = 'coop:bafapatabor';
const bafa = coop(BAFAPATABOR);

/** Scenario B, BaFaPaTaBor (Toulouse), events 1–12 that the core covers. */
export const scenarioB = (): Step[] => [
  { path: '/territories', body: { territoryId: 'territory:toulouse', name: 'Toulouse', kind: 'municipality', department: 'Haute-Garonne', region: 'Occitanie' } },
  {
    path: '/territories',
    body: {
      territoryId: 'territory:qpv-bafapatabor',
      name: 'Bagatelle, La Faourette, Papus, Tabar, Bordelongue',
      nickname: 'BaFaPaTaBor',
      kind: 'priorityNeighbourhood',
      isQpv: true,
      componentNames: ['Bagatelle', 'La Faourette', 'Papus', 'Tabar', 'Bordelongue'],
      parentTerritoryIds: ['territory:toulouse'],
      cityContract: { period: { from: '2024', to: '2030' }, priorities: ['écologie urbaine et citoyenne', 'lutte contre le non-recours aux prestations sociales'] },
    },
  },
  organisation('org:amae', 'Atelier de menuiserie associatif et expérimental (AMAE)', 'association'),
  organisation('org:e-graine-occitanie', 'e-graine Occitanie', 'association'),
  organisation('org:patrimoine-sa-languedocienne', 'PATRIMOINE SA Languedocienne', 'socialLandlord'),
  organisation('org:toulouse-metropole', 'Toulouse Métropole', 'localAuthority'),
  organisation('org:prefecture-haute-garonne', 'Préfecture de la Haute-Garonne', 'stateService'),
  organisation('org:habitants-bafapatabor', 'Habitant·e·s du quartier', 'residentsGroup'),
  {
    path: '/cooperations',
    body: {
      cooperationId: BAFAPATABOR,
      name: 'Un atelier de quartier pour BaFaPaTaBor en transition',
      purpose: 'Créer un espace convivial au service de la montée en compétences et de la participation des habitant·e·s au développement du réemploi',
      territoryIds: ['territory:qpv-bafapatabor'],
      form: 'collective',
      origin: 'preExisting',
      initiatorOrganisationIds: ['org:amae', 'org:e-graine-occitanie'],
      programmeId: 'programme:macif-2024-2028',
      occurredAt: { date: '2025' },
    },
  },
  bafa('record-milestone-reached', {
    milestoneId: 'milestone:ateliers-hors-les-murs',
    label: 'Ateliers hors-les-murs autour du réemploi (activités tests)',
    kind: 'testActivities',
    reachedOn: '2023',
    preHistory: true,
    occurredAt: { date: '2023', approximate: true },
    source: { document: '000_0dc475c9d600a2f3.txt', confidence: 'inferred' },
  }),
  bafa('record-support-decision', {
    supportDecisionId: 'support:macif-bafapatabor',
    deciderOrganisationId: 'org:fondation-macif',
    decidingBody: 'regionalFoundationCommission',
    bodyLabel: 'Commission régionale Fondation Occitanie',
    outcome: 'approved',
    amount: { status: 'notDisclosed' },
    decidedOn: '2025',
  }),
  ...['org:amae', 'org:e-graine-occitanie', 'org:patrimoine-sa-languedocienne', 'org:fondation-macif', 'org:habitants-bafapatabor'].map((organisationId) =>
    bafa('admit-member', { organisationId, membershipType: 'member', joinedOn: '2025' }),
  ),
  ...['org:toulouse-metropole', 'org:prefecture-haute-garonne'].map((organisationId) =>
    bafa('admit-member', { organisationId, membershipType: 'institutionalPartner', joinedOn: '2025' }),
  ),
  bafa('establish-resident-participation', {
    residentsGroupOrganisationId: 'org:habitants-bafapatabor',
    mode: 'directParticipation',
    description: 'directement associé·e·s au projet et à son pilotage',
    facilitatedByOrganisationId: 'org:e-graine-occitanie',
  }),
  bafa('assign-role', { organisationId: 'org:amae', role: 'Trainer', from: '2025', wording: 'formation technique des partenaires et des habitant·e·s' }),
  bafa('assign-role', { assignmentId: 'assignment:egraine-facilitation', organisationId: 'org:e-graine-occitanie', role: 'Facilitator', scope: 'cooperation', from: '2025' }),
  bafa('assign-role', { assignmentId: 'assignment:egraine-habitat', organisationId: 'org:e-graine-occitanie', role: 'Facilitator', scope: 'habitat', from: '2025' }),
  bafa('assign-role', { organisationId: 'org:habitants-bafapatabor', role: 'ResidentRepresentative', from: '2025' }),
  bafa('assign-role', { organisationId: 'org:patrimoine-sa-languedocienne', role: 'Funder', scope: 'members', from: '2025' }),
  bafa('assign-role', { organisationId: 'org:patrimoine-sa-languedocienne', role: 'Mobiliser', from: '2025', wording: 'ancrage territorial avec une grande capacité de mobilisation citoyenne' }),
  bafa('assign-role', { organisationId: 'org:fondation-macif', role: 'Funder', scope: 'cooperation', from: '2025' }),
  bafa('assign-role', { organisationId: 'org:fondation-macif', role: 'ExpertiseProvider', from: '2025', wording: 'son expertise des projets d’innovation sociale' }),
  bafa('designate-representative', { organisationId: 'org:amae', personId: 'person:francois-herbel', personName: 'François Herbel', title: 'Président', capacities: ['sit', 'speak', 'sign'], from: '2025' }),
  bafa('designate-representative', { organisationId: 'org:e-graine-occitanie', personId: 'person:jessica-renard', personName: 'Jessica Renard', title: 'e-graine Occitanie', capacities: ['sit', 'speak', 'sign'], from: '2025' }),
  ...['org:amae', 'org:e-graine-occitanie'].map((beneficiaryOrganisationId) =>
    bafa('pledge-commitment', {
      commitmentId: `commitment:patrimoine-${beneficiaryOrganisationId.slice(4)}`,
      organisationId: 'org:patrimoine-sa-languedocienne',
      kind: 'financialGrant',
      purpose: 'memberStructure',
      beneficiaryOrganisationId,
      amount: { status: 'notDisclosed' },
      description: 'soutien financier du bailleur aux structures porteuses de l’atelier',
      period: { from: '2025' },
    }),
  ),
  bafa('pledge-commitment', {
    commitmentId: 'commitment:macif-atelier', organisationId: 'org:fondation-macif', kind: 'financialGrant', purpose: 'cooperationEngineering',
    amount: { status: 'notDisclosed' }, description: 'soutien financier de la Fondation Macif', period: { from: '2025' }, supportDecisionId: 'support:macif-bafapatabor',
  }),
  bafa('pledge-commitment', { commitmentId: 'commitment:macif-expertise', organisationId: 'org:fondation-macif', kind: 'expertise', purpose: 'cooperationEngineering', description: 'expertise des projets d’innovation sociale', period: { from: '2025' } }),
  bafa('pledge-commitment', { commitmentId: 'commitment:amae-formation', organisationId: 'org:amae', kind: 'training', purpose: 'action', description: 'formation technique des partenaires et des habitant·e·s', period: { from: '2025' } }),
  // [gap] the seed gives no quantity for e-graine's facilitation time
  bafa('pledge-commitment', { commitmentId: 'commitment:egraine-animation', organisationId: 'org:e-graine-occitanie', kind: 'staffTime', purpose: 'cooperationEngineering', description: 'animation de la coopération et du pôle habitat', period: { from: '2025' } }),
  bafa('change-phase', {
    fromPhase: 'identification',
    toPhase: 'framing',
    waiver: { rule: 'diagnosticRequired', justification: 'dynamique préexistante depuis deux ans ; activités tests concluantes' },
  }),
  bafa('create-governance-instance', { instanceId: 'instance:copil-atelier', kind: 'steeringCommittee', label: 'Comité de pilotage de l’atelier', frequency: { kind: 'adHoc' }, chairingModel: 'none', createdOn: '2025-10' }),
  bafa('plan-milestone', { milestoneId: 'milestone:atelier-ouverture', label: 'Ouverture de l’atelier de menuiserie de réemploi', kind: 'venueOpened', dueBy: '2026' }),
];

const bafaDemo = { document: '000_0dc475c9d600a2f3.txt', confidence: 'assumedForDemo' } as const;

/** Scenario B, events 12 (seats), 14 (start) and 15 (the "Cantine solidaire" action): after B5's refusal. */
export const scenarioBSeatsStartAndAction = (): Step[] => [
  ...[
    ['org:amae', 'person:francois-herbel'],
    ['org:e-graine-occitanie', 'person:jessica-renard'],
    ['org:patrimoine-sa-languedocienne', undefined],
    ['org:fondation-macif', undefined],
    ['org:habitants-bafapatabor', 'person:habitante-atelier-1'],
    ['org:habitants-bafapatabor', 'person:habitant-atelier-2'],
  ].map(([holderOrganisationId, personId], i) =>
    bafa('assign-instance-seat', {
      seatId: `seat:copil-atelier-${i + 1}`, instanceId: 'instance:copil-atelier', holderOrganisationId, ...(personId ? { personId } : {}), seatType: 'member', from: '2025-10', source: bafaDemo,
    }),
  ),
  bafa('assign-instance-seat', { seatId: 'seat:copil-atelier-observateur', instanceId: 'instance:copil-atelier', holderOrganisationId: 'org:toulouse-metropole', seatType: 'observer', from: '2025-10', source: bafaDemo }),
  bafa('start', { startedOn: '2026', source: { document: '000_0dc475c9d600a2f3.txt', lines: '641', confidence: 'inferred' } }),
  bafa('launch-action', {
    actionId: 'action:cantine-solidaire',
    title: 'Cantine solidaire',
    description: 'd’autres activités qui émanent des habitant·e·s (cantine solidaire par exemple)',
    leadOrganisationId: 'org:habitants-bafapatabor',
    contributingOrganisationIds: ['org:e-graine-occitanie'],
    territoryIds: ['territory:qpv-bafapatabor'],
    launchedOn: '2026',
    source: { document: '000_0dc475c9d600a2f3.txt', lines: '459-461', confidence: 'assumedForDemo' },
  }),
];

export const TEC_ROYA = 'coop:tec-roya';
const roya = coop(TEC_ROYA);
const demo = { document: '002_7373664a8005e34d.txt', confidence: 'assumedForDemo' } as const;

/** Scenario C, TEC Vallée de la Roya, events 0–10 (actions and the coalition come with the governance issue). */
export const scenarioC = (): Step[] => [
  organisation('org:fondation-de-france', 'Fondation de France', 'foundation'),
  organisation('org:fdf-mediterranee', 'Fondation de France Méditerranée', 'foundation', { parentOrganisationId: 'org:fondation-de-france' }),
  organisation('org:collectif-territoires-d-engagement', 'Collectif d’action Territoires d’engagement', 'foundation', { parentOrganisationId: 'org:fondation-de-france' }),
  organisation('org:kiif', 'Kiif', 'supportNetwork', { foundedIn: '2022' }),
  organisation('org:atis', 'ATIS', 'supportNetwork', { networkMemberships: ['org:kiif'] }),
  organisation('org:benevoles-tec-roya', 'Bénévoles TEC Roya', 'residentsGroup', { source: demo }),
  { path: '/territories', body: { territoryId: 'territory:vallee-de-la-roya', name: 'Vallée de la Roya', kind: 'valley', region: 'Provence-Alpes-Côte d’Azur' } },
  {
    path: '/cooperations',
    body: {
      cooperationId: 'coop:roya-experimentation',
      name: 'Expérimentation commune dans la Vallée de la Roya',
      purpose: 'Expérimenter l’accompagnement de coopérations territoriales dans la vallée',
      territoryIds: ['territory:vallee-de-la-roya'],
      form: 'collective',
      origin: 'initiatedByFoundation',
      initiatorOrganisationIds: ['org:fdf-mediterranee', 'org:inter-made'],
      occurredAt: { date: '2025-10', approximate: true },
    },
  },
  {
    path: '/programmes',
    body: {
      programmeId: 'programme:tec',
      name: 'Territoires d’Engagement et de Coopération (TEC)',
      ownerOrganisationIds: ['org:collectif-territoires-d-engagement', 'org:kiif'],
      period: { from: '2025-11-03', to: '2028-11' },
      targetTerritoryIds: ['territory:vallee-de-la-roya'],
      targetTerritoryLabels: ['Entre-deux-Mers (Gironde)', 'secteur de Forbach (Moselle)', 'un quartier prioritaire de Nantes', 'Vallée de la Roya', 'un territoire en Auvergne-Rhône-Alpes', 'un territoire en Haute-Garonne'],
      phaseTemplate: ['portrait', 'implementation', 'coalition'],
      policies: { minSectorsForCoalition: 3, maxCooperationMonths: 36 },
    },
  },
  {
    path: '/cooperations',
    body: {
      cooperationId: TEC_ROYA,
      name: 'TEC – Vallée de la Roya',
      purpose: 'Faire émerger une coalition territoriale qui cultive dans la durée la dynamique de coopération',
      territoryIds: ['territory:vallee-de-la-roya'],
      form: 'collective',
      origin: 'initiatedByFoundation',
      initiatorOrganisationIds: ['org:fdf-mediterranee', 'org:inter-made'],
      programmeId: 'programme:tec',
      predecessorCooperationId: 'coop:roya-experimentation',
      occurredAt: { date: '2025-11' },
    },
  },
  {
    path: '/cooperations/coop:roya-experimentation/record-milestone-reached',
    body: {
      milestoneId: 'milestone:experimentation-roya',
      label: 'Expérimentation commune Fondation de France Méditerranée × InterMade',
      kind: 'experimentation',
      reachedOn: '2025-10',
      occurredAt: { date: '2025-10', approximate: true },
      source: { document: '002_7373664a8005e34d.txt', lines: '11-53', confidence: 'stated' },
    },
  },
  { path: '/cooperations/coop:roya-experimentation/close', body: { closedOn: '2025-11', reason: 'completed', successorId: TEC_ROYA } },
  roya('admit-member', { organisationId: 'org:fdf-mediterranee', membershipType: 'member', joinedOn: '2025-11' }),
  roya('admit-member', { organisationId: 'org:inter-made', membershipType: 'member', joinedOn: '2025-11' }),
  roya('admit-member', { organisationId: 'org:benevoles-tec-roya', membershipType: 'member', joinedOn: '2025-11', source: demo }),
  roya('assign-role', { organisationId: 'org:fdf-mediterranee', role: 'Convener', from: '2025-11' }),
  roya('assign-role', { organisationId: 'org:fdf-mediterranee', role: 'Funder', scope: 'cooperation', from: '2025-11' }),
  roya('assign-role', { organisationId: 'org:inter-made', role: 'SupportProvider', scope: 'binôme TEC', from: '2025-11' }),
  roya('assign-role', { organisationId: 'org:inter-made', role: 'Facilitator', scope: 'territory', from: '2025-11' }),
  roya('assign-role', { organisationId: 'org:benevoles-tec-roya', role: 'Volunteer', from: '2025-11' }),
  roya('designate-representative', { organisationId: 'org:inter-made', personId: 'person:cedric-hamon', personName: 'Cédric Hamon', title: 'Directeur d’InterMade', capacities: ['sit', 'speak'], from: '2025-11' }),
  roya('change-phase', { fromPhase: 'identification', toPhase: 'diagnostic', rationale: 'Phase 1 : portrait sensible et vivant du territoire' }),
  roya('start-territorial-diagnostic', { diagnosticId: 'diagnostic:roya-portrait', method: 'portrait', leadOrganisationIds: ['org:fdf-mediterranee', 'org:inter-made'], startedOn: '2026', plannedInterviews: { individual: 40, collective: 6 } }),
  roya('complete-territorial-diagnostic', {
    diagnosticId: 'diagnostic:roya-portrait',
    completedOn: '2026',
    findings: {
      drivingActors: ['acteurs moteurs (à nommer)'],
      cooperativeMaturity: { level: 'émergente', narrative: 'des dynamiques à l’œuvre ou en potentiel' },
      localCulture: 'culture locale de vallée',
    },
    priorities: ['accompagner la mise en œuvre concrète de coopérations'],
    source: demo,
  }),
  roya('change-phase', { fromPhase: 'diagnostic', toPhase: 'framing' }),
];

export const ROYA_PLACEHOLDERS = ['org:commune-roya-a-nommer', 'org:association-roya-a-nommer', 'org:entreprise-roya-a-nommer'] as const;

/** Scenario C, events 10 (placeholder members) and 11 (start, first action) as of today. */
export const scenarioCImplementation = (): Step[] => [
  // [gap] the seed names no Roya actor: placeholders, labelled as demo assumptions
  organisation('org:commune-roya-a-nommer', 'Commune de la Roya (à nommer)', 'localAuthority', { source: demo }),
  organisation('org:association-roya-a-nommer', 'Association locale de la Roya (à nommer)', 'association', { source: demo }),
  organisation('org:entreprise-roya-a-nommer', 'Entreprise locale de la Roya (à nommer)', 'company', { source: demo }),
  ...ROYA_PLACEHOLDERS.map((organisationId) => roya('admit-member', { organisationId, membershipType: 'member', joinedOn: '2026', source: demo })),
  roya('start', { startedOn: '2026', launchLabel: 'Phase 2 : mise en œuvre concrète de coopérations territoriales', source: { document: '002_7373664a8005e34d.txt', lines: '11-53', confidence: 'stated' } }),
  roya('launch-action', {
    actionId: 'action:roya-outils-cooperation',
    title: 'Outils de coopération créés avec les acteurs de la vallée',
    description: 'mise en œuvre concrète de coopérations territoriales, avec des outils créés avec les acteurs',
    leadOrganisationId: 'org:inter-made',
    contributingOrganisationIds: ['org:fdf-mediterranee', 'org:association-roya-a-nommer'],
    territoryIds: ['territory:vallee-de-la-roya'],
    launchedOn: '2026',
    source: demo,
  }),
  // Events 12 and 13 are dated 2028: a log of facts cannot hold them yet, so the demo plans them.
  roya('plan-milestone', { milestoneId: 'milestone:roya-coalition', label: 'Coalition territoriale (passage en consolidation)', kind: 'structuring', dueBy: '2028' }),
  roya('plan-milestone', { milestoneId: 'milestone:roya-fin-accompagnement', label: 'Fin de l’accompagnement TEC (36 mois) : la coalition continue', kind: 'other', dueBy: '2028-11' }),
];

export const RESTOS_PASSERELLE = 'coop:restos-passerelle';
const restos = coop(RESTOS_PASSERELLE);
const guide = { document: '001_6896deeae8272fff.txt', lines: '3281-3606', confidence: 'stated' } as const;
const guideDemo = { document: '001_6896deeae8272fff.txt', confidence: 'assumedForDemo' } as const;

export const RESTAURANTS = [
  ['org:taf-et-maffe-saint-denis', 'Taf et Maffé Saint-Denis'],
  ['org:taf-et-maffe-aubervilliers', 'Taf et Maffé Aubervilliers'],
  ['org:afrique-et-espoirs', 'Afrique et Espoirs'],
  ['org:agds', 'AGDS'],
  ['org:marmite-d-afrique', 'La Marmite d’Afrique'],
] as const;

const FUNDERS = [
  ['org:ville-de-saint-denis', 'Ville de Saint-Denis', 'localAuthority'],
  ['org:plaine-commune', 'Plaine Commune', 'localAuthority'],
  ['org:bailleurs-sociaux-saint-denis', 'Bailleurs sociaux de Saint-Denis', 'socialLandlord'],
  ['org:sous-prefecture-saint-denis', 'Sous-préfecture de Saint-Denis', 'stateService'],
  ['org:acse', 'Acsé', 'publicAgency'],
  ['org:coallia', 'COALLIA', 'association'],
  ['org:ville-de-paris', 'Ville de Paris', 'localAuthority'],
  ['org:conseil-regional-idf', 'Conseil régional d’Île-de-France', 'localAuthority'],
  ['org:etat-unite-territoriale', 'État (unité territoriale)', 'stateService'],
] as const;

export const RESTOS_CHARTER_TEXT = 'Charte de coopération / manifeste des Restos Passerelle — stabiliser la coopération.';
export const restaurantSeat = (organisationId: string) => `seat:gp-${organisationId.slice(4)}`;
export const restaurantRepresentative = (organisationId: string) => `person:representant-${organisationId.slice(4)}`;

/** Scenario D, PTCE Resto Passerelle (Île-de-France), events 1–11 of domain.md §9. */
export const scenarioD = (): Step[] => [
  { path: '/territories', body: { territoryId: 'territory:idf-93-94-75', name: 'Seine-Saint-Denis, Val-de-Marne, Paris', kind: 'multiSite', region: 'Île-de-France' } },
  ...RESTAURANTS.map(([id, name]) => organisation(id, name, 'association')),
  organisation('org:appui', 'APPUI', 'association'),
  ...FUNDERS.map(([id, name, kind]) => organisation(id, name, kind)),
  {
    path: '/cooperations',
    body: {
      cooperationId: RESTOS_PASSERELLE,
      name: 'Restos Passerelle',
      purpose: 'Légaliser et professionnaliser les cuisines informelles des foyers de travailleurs migrants',
      territoryIds: ['territory:idf-93-94-75'],
      form: 'ptce',
      origin: 'preExisting',
      initiatorOrganisationIds: [...RESTAURANTS.map(([id]) => id), 'org:appui'],
      // [gap] the guide dates the modelling phase nowhere; the first funding (2013) bounds it
      occurredAt: { date: '2013', approximate: true },
      source: guideDemo,
    },
  },
  restos('record-milestone-reached', {
    milestoneId: 'milestone:premier-resto-passerelle',
    label: 'Création du premier resto passerelle (légalisation de cuisines informelles de foyers de travailleurs migrants)',
    kind: 'founding',
    reachedOn: '2003',
    preHistory: true,
    source: guide,
  }),
  ...[...RESTAURANTS.map(([id]) => id), 'org:appui'].map((organisationId) => restos('admit-member', { organisationId, membershipType: 'member', joinedOn: '2013' })),
  ...FUNDERS.map(([organisationId]) => restos('admit-member', { organisationId, membershipType: 'associatedPartner', joinedOn: '2013' })),
  restos('assign-role', { organisationId: 'org:appui', role: 'Coordinator', from: '2013', wording: 'équipe de coordination … assure le fonctionnement courant du PTCE' }),
  restos('assign-role', { organisationId: 'org:appui', role: 'SupportProvider', from: '2013' }),
  ...FUNDERS.map(([organisationId]) => restos('assign-role', { organisationId, role: 'Funder', from: '2013' })),
  restos('pledge-commitment', {
    commitmentId: 'commitment:ingenierie-90k',
    organisationId: 'org:ville-de-saint-denis',
    coFunderOrganisationIds: ['org:plaine-commune', 'org:bailleurs-sociaux-saint-denis', 'org:sous-prefecture-saint-denis'],
    kind: 'financialGrant',
    purpose: 'cooperationEngineering',
    beneficiaryOrganisationId: 'org:appui',
    amount: { cents: 9_000_000, currency: 'EUR' },
    description: 'accompagnement à la transformation de cuisines informelles, études de faisabilité',
    period: { from: '2013', to: '2014-06' },
    source: guide,
  }),
  ...[
    ['org:acse', 'Saint-Denis et Aubervilliers'],
    ['org:coallia', 'Ivry-sur-Seine'],
    ['org:ville-de-paris', 'Paris 19e'],
  ].map(([organisationId, site]) =>
    restos('pledge-commitment', { organisationId, kind: 'equipment', purpose: 'investment', amount: { status: 'notDisclosed' }, description: `équipement des cuisines (${site})`, period: { from: '2013' }, source: guide }),
  ),
  restos('pledge-commitment', {
    commitmentId: 'commitment:etat-droit-commun',
    organisationId: 'org:etat-unite-territoriale',
    kind: 'financialGrant',
    purpose: 'operating',
    amount: { status: 'notDisclosed' },
    description: 'fonds publics de droit commun (contrats d’insertion)',
    period: { from: '2013' },
    source: guide,
  }),
  restos('change-phase', { fromPhase: 'identification', toPhase: 'framing', waiver: { rule: 'diagnosticRequired', justification: 'coopération préexistante depuis 2003' }, occurredAt: { date: '2014-04', approximate: true } }),
  restos('create-governance-instance', {
    instanceId: 'instance:groupe-de-pilotage',
    kind: 'steeringCommittee',
    label: 'Groupe de pilotage',
    mandate: ['decide', 'orient', 'propose', 'evaluate', 'adoptCharter'],
    frequency: { kind: 'annual', atLeast: true },
    conveningThreshold: 1 / 3,
    chairingModel: 'none',
    createdOn: '2014-04',
    source: guide,
  }),
  restos('create-governance-instance', { instanceId: 'instance:commissions-thematiques', kind: 'thematicCommission', label: 'Commissions thématiques', frequency: { kind: 'monthly' }, chairingModel: 'none', createdOn: '2014-04', source: guide }),
  restos('create-governance-instance', { instanceId: 'instance:groupes-de-suivi', kind: 'operationalMonitoringGroup', label: 'Groupes de suivi opérationnels', frequency: { kind: 'adHoc' }, chairingModel: 'none', createdOn: '2014-04', source: guide }),
  ...RESTAURANTS.map(([holderOrganisationId]) =>
    restos('assign-instance-seat', { seatId: restaurantSeat(holderOrganisationId), instanceId: 'instance:groupe-de-pilotage', holderOrganisationId, seatType: 'member', from: '2014-04' }),
  ),
  restos('start', { startedOn: '2014-04', occurredAt: { date: '2014-04', approximate: true } }),
  ...RESTAURANTS.map(([organisationId, name]) =>
    restos('designate-representative', { organisationId, personId: restaurantRepresentative(organisationId), personName: `Représentant·e ${name}`, title: 'Président·e', capacities: ['sit', 'speak', 'sign'], from: '2015-10', source: guideDemo }),
  ),
  restos('start-charter-draft', { charterId: 'charter:restos-passerelle', kind: 'cooperationCharter', title: 'Charte de coopération / manifeste', draftingOrganisationIds: [...RESTAURANTS.map(([id]) => id), 'org:appui'], plannedSignatoryOrganisationIds: RESTAURANTS.map(([id]) => id) }),
  restos('revise-charter-draft', { charterId: 'charter:restos-passerelle', version: 1, contributedByOrganisationId: 'org:appui', summary: 'Version 1, afin de stabiliser la coopération', contentHash: sha256(RESTOS_CHARTER_TEXT) }),
  restos('schedule-meeting', { meetingId: 'meeting:gp-2015-10', instanceId: 'instance:groupe-de-pilotage', scheduledFor: '2015-10', location: 'Saint-Denis', agenda: ['adoption de la charte'], source: guideDemo }),
  restos('record-meeting-held', {
    meetingId: 'meeting:gp-2015-10',
    heldOn: '2015-10',
    attendees: [...RESTAURANTS.map(([id]) => ({ seatId: restaurantSeat(id) })), { guest: { organisationId: 'org:appui', capacity: 'équipe de coordination' } }],
    source: guideDemo,
  }),
  restos('record-decision', {
    decisionId: 'decision:gp-charte',
    instanceId: 'instance:groupe-de-pilotage',
    meetingId: 'meeting:gp-2015-10',
    subjectType: 'charterAdoption',
    subjectRef: 'charter:restos-passerelle',
    outcome: 'approved',
    text: 'Le groupe de pilotage adopte la charte de coopération / manifeste',
    consensus: true,
    decidedOn: '2015-10',
  }),
  restos('adopt-charter', {
    charterId: 'charter:restos-passerelle',
    version: 1,
    instanceId: 'instance:groupe-de-pilotage',
    decisionId: 'decision:gp-charte',
    adoptedOn: '2015-10',
    contentHash: sha256(RESTOS_CHARTER_TEXT),
    requiredSignatoryOrganisationIds: RESTAURANTS.map(([id]) => id),
  }),
];

/** Scenario D, events 9 (signatures) to 11: kept apart so the acceptance tests can stop before the last signature. */
export const scenarioDSignaturesAndAfter = (): Step[] => [
  ...RESTAURANTS.map(([organisationId]) =>
    restos('sign-charter', { charterId: 'charter:restos-passerelle', version: 1, organisationId, signatoryPersonId: restaurantRepresentative(organisationId), signatoryCapacity: 'Président·e', signedOn: '2015-10', contentHash: sha256(RESTOS_CHARTER_TEXT) }),
  ),
  // [demo assumption] "à terme": the seed gives no date; 2018 makes the overdue alert visible in the demo
  restos('plan-milestone', { milestoneId: 'milestone:centrale-d-achat', label: 'Centrale d’achat (à terme)', kind: 'structuring', dueBy: '2018', source: guideDemo }),
  restos('record-evaluation', {
    evaluationId: 'evaluation:restos-2016',
    kind: 'annualReview',
    conductedByOrganisationId: 'org:appui',
    period: { from: '2016', to: '2016' },
    measurements: [
      { label: 'repas servis par an', value: 650_000, unit: 'repas' },
      { label: 'chiffre d’affaires cumulé', value: 2_100_000, unit: '€' },
      { label: 'économies d’achats alimentaires (5 ACI, 7 mois)', value: 32_934, unit: '€' },
      { label: 'levés pour la formation (9 ACI)', value: 250_000, unit: '€' },
      { label: 'employés polyvalents formés', value: 80, unit: 'personnes' },
      { label: 'postes permanents', value: 24, unit: 'postes' },
      { label: 'repas par jour', value: 2_500, unit: 'repas' },
    ],
    findings: 'Plus de 30 % d’emplois durables et 60 % de sorties dynamiques',
    source: guide,
  }),
];

export const LFSE_MARSEILLE = 'coop:lfse-ville-marseille';
const lfse = coop(LFSE_MARSEILLE);
const convention = { document: '003_64b15ef9ecefae2a.txt', lines: '1-35', confidence: 'stated' } as const;
export const LFSE_CONVENTION_TEXT = 'Convention de partenariat La France s’engage × Ville de Marseille — premier et deuxième volets.';

/** Scenario E, the La France s'engage × Ville de Marseille agreement, up to the first signature (events 1–4). */
export const scenarioE = (): Step[] => [
  organisation('org:la-france-s-engage', 'La France s’engage', 'foundation'),
  organisation('org:ville-de-marseille', 'Ville de Marseille', 'localAuthority'),
  ...[
    ['org:federation-caire', 'Fédération CAIRE', '2023'],
    ['org:arts-et-developpement', 'Arts & Développement', '2020'],
    ['org:des-etoiles-et-des-femmes', 'Des Etoiles et des Femmes', '2019'],
    ['org:acta-vista', 'Acta Vista', '2016'],
    ['org:label-vie', 'Label Vie', '2015'],
  ].map(([id, name]) => organisation(id!, name!, 'association')),
  {
    path: '/cooperations',
    body: {
      cooperationId: LFSE_MARSEILLE,
      name: 'Convention de partenariat La France s’engage × Ville de Marseille',
      purpose: 'Démultiplier l’impact des projets sociaux et solidaires innovants menés sur le territoire, destinés à améliorer le quotidien des Marseillaises et des Marseillais',
      territoryIds: ['territory:marseille'],
      form: 'partnershipAgreement',
      origin: 'institutional',
      initiatorOrganisationIds: ['org:la-france-s-engage', 'org:ville-de-marseille'],
      occurredAt: { date: '2024', approximate: true },
      source: convention,
    },
  },
  lfse('admit-member', { organisationId: 'org:la-france-s-engage', membershipType: 'member', joinedOn: '2024' }),
  lfse('admit-member', { organisationId: 'org:ville-de-marseille', membershipType: 'member', joinedOn: '2024' }),
  lfse('designate-representative', { organisationId: 'org:la-france-s-engage', personId: 'person:damien-baldin', personName: 'Damien Baldin', title: 'Directeur général', capacities: ['sign'], from: '2024' }),
  lfse('designate-representative', {
    organisationId: 'org:ville-de-marseille',
    personId: 'person:laurent-lhardit',
    personName: 'Laurent Lhardit',
    title: 'Député des Bouches-du-Rhône, adjoint au Maire en charge du dynamisme économique, de l’emploi et du tourisme durable',
    capacities: ['sign'],
    from: '2024',
  }),
  lfse('start-charter-draft', { charterId: 'charter:lfse-marseille', kind: 'partnershipAgreement', title: 'Convention de partenariat', draftingOrganisationIds: ['org:la-france-s-engage', 'org:ville-de-marseille'], plannedSignatoryOrganisationIds: ['org:la-france-s-engage', 'org:ville-de-marseille'] }),
  lfse('revise-charter-draft', {
    charterId: 'charter:lfse-marseille',
    version: 1,
    contributedByOrganisationId: 'org:la-france-s-engage',
    sectionsChanged: ['premier volet', 'deuxième volet'],
    summary: 'Premier volet : la Ville identifie et accompagne les lauréats ; deuxième volet : La France s’engage identifie des projets marseillais',
    contentHash: sha256(LFSE_CONVENTION_TEXT),
  }),
];

const witnesses = [
  { name: 'Benoît Payan', capacity: 'Maire de Marseille, parrain' },
  { name: 'François Hollande', capacity: 'Président fondateur de la Fondation, parrain' },
  { name: 'Banlieues Santé', capacity: 'lauréat présent', organisationId: 'org:banlieues-sante' },
];

/** Scenario E, events 5–7: the two signatures on 19 September (year assumed for the demo), commitments and roles. */
export const scenarioESignaturesAndAfter = (): Step[] => [
  ...[
    ['org:la-france-s-engage', 'person:damien-baldin', 'Directeur général'],
    ['org:ville-de-marseille', 'person:laurent-lhardit', 'Adjoint au Maire'],
  ].map(([organisationId, signatoryPersonId, signatoryCapacity]) =>
    lfse('sign-charter', {
      charterId: 'charter:lfse-marseille', version: 1, organisationId, signatoryPersonId, signatoryCapacity, signedOn: '2024-09-19', place: 'Marseille', witnesses,
      contentHash: sha256(LFSE_CONVENTION_TEXT), source: { document: '003_64b15ef9ecefae2a.txt', confidence: 'assumedForDemo' },
    }),
  ),
  lfse('record-milestone-reached', { milestoneId: 'milestone:premiere-convention', label: 'Première convention de La France s’engage avec une grande collectivité territoriale', kind: 'firstAgreement', reachedOn: '2024-09-19', source: convention }),
  lfse('assign-role', { organisationId: 'org:ville-de-marseille', role: 'Mentor', from: '2024-09-19' }),
  lfse('assign-role', { organisationId: 'org:la-france-s-engage', role: 'Funder', scope: 'laureates', from: '2024-09-19' }),
  lfse('pledge-commitment', { organisationId: 'org:ville-de-marseille', kind: 'staffTime', purpose: 'action', description: 'mobilisera ses équipes de direction et ses services techniques pour assurer la greffe des projets, accélérer la mise en réseau…', period: { from: '2024-09-19' }, source: convention }),
  lfse('pledge-commitment', { organisationId: 'org:ville-de-marseille', kind: 'expertise', purpose: 'action', description: 'système inédit de mentorat entre agents de la Ville et responsables des associations sélectionnées', period: { from: '2024-09-19' }, source: convention }),
  lfse('pledge-commitment', { organisationId: 'org:la-france-s-engage', kind: 'visibility', purpose: 'action', description: 'identifier des projets marseillais dans le cadre de son concours national', period: { from: '2024-09-19' }, source: convention }),
];
