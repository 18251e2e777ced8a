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
  citees('adopt-charter', {
    charterId: 'charter:citees',
    version: 1,
    instanceId: 'instance:copil-citees',
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
  citees('start', { startedOn: '2026-01', launchLabel: 'Naissance du consortium CITÉES' }),
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
