import { isPartialDate, isPersonalPath, precisionOf, startDay, type CooperationEvent, type DecisionOutcome, type EvaluationKind, type StartWarning } from '#domain';

export type Lang = 'fr' | 'en';
export interface Label {
  readonly fr: string;
  readonly en: string;
}

/** What a label may need beyond the event: names from the registry, the lead's earlier period. */
export interface LabelContext {
  readonly nameOf: (organisationId: string) => string;
  readonly leadSince?: string;
}

const PHASE: Record<string, Label> = {
  identification: { fr: 'repérage', en: 'identification' },
  diagnostic: { fr: 'diagnostic', en: 'diagnostic' },
  framing: { fr: 'cadrage', en: 'framing' },
  implementation: { fr: 'mise en œuvre', en: 'implementation' },
  consolidation: { fr: 'consolidation', en: 'consolidation' },
  scaling: { fr: 'essaimage', en: 'scaling' },
  closed: { fr: 'close', en: 'closed' },
};

const ROLE: Record<string, Label> = {
  Lead: { fr: 'Pilote', en: 'Lead' },
  FieldLead: { fr: 'Pilote de l’action de terrain', en: 'Field lead' },
  Coordinator: { fr: 'Coordination', en: 'Coordinator' },
  Facilitator: { fr: 'Animation', en: 'Facilitator' },
  Convener: { fr: 'Ensemblier', en: 'Convener' },
  Funder: { fr: 'Financeur', en: 'Funder' },
  Trainer: { fr: 'Formation', en: 'Trainer' },
  SupportProvider: { fr: 'Accompagnement', en: 'Support provider' },
  ExpertiseProvider: { fr: 'Expertise', en: 'Expertise provider' },
  Mobiliser: { fr: 'Mobilisation', en: 'Mobiliser' },
  NeedsAssessor: { fr: 'Identification des besoins', en: 'Needs assessor' },
  TrustedThirdParty: { fr: 'Tiers de confiance', en: 'Trusted third party' },
  Sponsor: { fr: 'Parrain', en: 'Sponsor' },
  Mentor: { fr: 'Mentorat', en: 'Mentor' },
  Carrier: { fr: 'Structure porteuse', en: 'Carrier' },
  Host: { fr: 'Structure d’accueil', en: 'Host' },
  Prescriber: { fr: 'Prescripteur', en: 'Prescriber' },
  Evaluator: { fr: 'Évaluation', en: 'Evaluator' },
  Volunteer: { fr: 'Bénévolat', en: 'Volunteer' },
  ResidentRepresentative: { fr: 'Représentation des habitant·e·s', en: 'Resident representative' },
  NetworkHead: { fr: 'Tête de réseau', en: 'Network head' },
};

/** Made once: `toLocaleString` with options builds a formatter per call, and a replay labels every amount it meets. */
const EUROS: Record<Lang, Intl.NumberFormat> = {
  fr: new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' }),
  en: new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'EUR' }),
};

export const euros = (cents: number, lang: Lang): string => EUROS[lang].format(cents / 100);

/** A count's word, in French or English: singular for one (« 1 demande », "1 request"), plural above. */
export const plural = (count: number, word: string): string => (count > 1 ? `${word}s` : word);

const year = (date: string): number => Number(date.slice(0, 4));

const MONTHS: Record<Lang, readonly string[]> = {
  fr: ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'],
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
};

/** A business date in words at its own precision: « 1er mars 2026 », « décembre 2025 », « 2026 » (never a made-up day). */
export const dateInWords = (date: string, lang: Lang): string => {
  const [y, m, d] = date.split('-');
  if (m === undefined) return y!;
  const month = `${MONTHS[lang][Number(m) - 1]} ${y}`;
  if (d === undefined) return month;
  const day = Number(d);
  return `${lang === 'fr' && day === 1 ? '1er' : day} ${month}`;
};

/** A date after « depuis » or « échéance » in French: « depuis le 4 décembre 2025 » but « depuis décembre 2025 ». */
export const dateAfter = (word: 'depuis' | 'échéance', date: string, lang: Lang): string => {
  if (lang === 'en' || precisionOf(date) !== 'day') return dateInWords(date, lang);
  return `${word === 'depuis' ? 'le' : 'du'} ${dateInWords(date, lang)}`;
};

/** When something is planned, as a sentence says it: « le 12 mars 2026 », « en décembre 2025 »; "on …", "in …". */
const plannedFor = (date: string, lang: Lang): string =>
  `${precisionOf(date) === 'day' ? (lang === 'fr' ? 'le' : 'on') : lang === 'fr' ? 'en' : 'in'} ${dateInWords(date, lang)}`;

/** "2026", "2026–2027": the years a period covered, its end being the day before `endedOn` (before its first day, if fuzzy). */
export const yearsOf = (from: string, endedOn: string): string => {
  // The day before a 1st of January (« 2027 », « janvier 2027 », « 2027-01-01 ») is in the year before.
  const lastYear = startDay(endedOn).endsWith('-01-01') ? year(endedOn) - 1 : year(endedOn);
  return lastYear > year(from) ? `${year(from)}–${lastYear}` : `${year(from)}`;
};

/** The scopes the sources give roles (domain.md §3, glossary); any other is shown as it was typed. */
const ROLE_SCOPE: Record<string, Label> = {
  cooperation: { fr: 'coopération', en: 'cooperation' },
  initiatives: { fr: 'initiatives', en: 'initiatives' },
  territory: { fr: 'territoire', en: 'territory' },
  habitat: { fr: 'habitat', en: 'housing' },
  members: { fr: 'membres', en: 'members' },
  equipment: { fr: 'équipement', en: 'equipment' },
  programme: { fr: 'programme', en: 'programme' },
  laureates: { fr: 'lauréats', en: 'laureates' },
};

/** A role's scope in both languages, for the API's role views too: the dashboard says « Financeur (coopération) ». */
export const roleScopeLabel = (scope: string): Label => (Object.hasOwn(ROLE_SCOPE, scope) ? ROLE_SCOPE[scope]! : { fr: scope, en: scope });

const role = (r: string, scope: string | undefined, lang: Lang): string => `${ROLE[r]?.[lang] ?? r}${scope ? ` (${roleScopeLabel(scope)[lang]})` : ''}`;

const OUTCOME: Record<DecisionOutcome, Label> = {
  approved: { fr: 'approuvée', en: 'approved' },
  rejected: { fr: 'rejetée', en: 'rejected' },
  deferred: { fr: 'ajournée', en: 'deferred' },
};

/** What a cooperation started without, when its programme's policy only warns (E08). */
const START_WARNING: Record<StartWarning['code'], Label> = {
  NoDecidingInstance: { fr: 'aucune instance de décision', en: 'no deciding instance' },
  NoFacilitationRole: { fr: 'aucun rôle d’animation ni de coordination', en: 'no facilitator or coordinator' },
  NoCharterInForce: { fr: 'aucune charte en vigueur', en: 'no charter in force' },
};

const EVALUATION: Record<EvaluationKind, Label> = {
  impactStudy: { fr: 'étude d’impact', en: 'impact study' },
  steeringReview: { fr: 'revue du comité de pilotage', en: 'steering review' },
  annualReview: { fr: 'bilan annuel', en: 'annual review' },
  externalEvaluation: { fr: 'évaluation externe', en: 'external evaluation' },
  fieldVisit: { fr: 'visite de terrain', en: 'field visit' },
};

/** Names of the fields a correction (E50) may set right; a field within a list or an object shows as its path. */
const FIELD: Record<string, Label> = {
  title: { fr: 'titre', en: 'title' },
  label: { fr: 'libellé', en: 'label' },
  wording: { fr: 'formulation', en: 'wording' },
  purpose: { fr: 'objet', en: 'purpose' },
  personName: { fr: 'nom', en: 'name' },
  name: { fr: 'nom', en: 'name' },
  acronym: { fr: 'sigle', en: 'acronym' },
  acronymExpansion: { fr: 'sigle développé', en: 'acronym expansion' },
  description: { fr: 'description', en: 'description' },
  summary: { fr: 'résumé', en: 'summary' },
  text: { fr: 'texte', en: 'text' },
  reason: { fr: 'motif', en: 'reason' },
  rationale: { fr: 'justification', en: 'rationale' },
  findings: { fr: 'conclusions', en: 'findings' },
  topic: { fr: 'sujet', en: 'topic' },
  location: { fr: 'lieu', en: 'place' },
  place: { fr: 'lieu', en: 'place' },
  agenda: { fr: 'ordre du jour', en: 'agenda' },
  attendees: { fr: 'présences', en: 'attendance' },
  frequency: { fr: 'rythme', en: 'frequency' },
  quorum: { fr: 'quorum', en: 'quorum' },
  conveningThreshold: { fr: 'seuil de convocation', en: 'convening threshold' },
  period: { fr: 'période', en: 'period' },
  results: { fr: 'résultats', en: 'results' },
  measurements: { fr: 'mesures', en: 'measurements' },
  minutesRef: { fr: 'compte rendu', en: 'minutes' },
  reportRef: { fr: 'rapport', en: 'report' },
  from: { fr: 'début', en: 'start' },
  to: { fr: 'fin', en: 'end' },
  proposedOn: { fr: 'date de proposition', en: 'proposal date' },
  startedOn: { fr: 'date de lancement', en: 'start date' },
  completedOn: { fr: 'date d’achèvement', en: 'completion date' },
  closedOn: { fr: 'date de clôture', en: 'closing date' },
  joinedOn: { fr: 'date d’entrée', en: 'joining date' },
  leftOn: { fr: 'date de départ', en: 'leaving date' },
  adoptedOn: { fr: 'date d’adoption', en: 'adoption date' },
  createdOn: { fr: 'date de création', en: 'creation date' },
  dissolvedOn: { fr: 'date de dissolution', en: 'dissolution date' },
  decidedOn: { fr: 'date de décision', en: 'decision date' },
  heldOn: { fr: 'date de la réunion', en: 'meeting date' },
  scheduledFor: { fr: 'date prévue', en: 'planned date' },
  requestedOn: { fr: 'date de la demande', en: 'request date' },
  effectiveOn: { fr: 'date d’effet', en: 'effective date' },
  launchedOn: { fr: 'date de lancement', en: 'launch date' },
  reachedOn: { fr: 'date d’atteinte', en: 'date reached' },
  dueBy: { fr: 'échéance', en: 'due date' },
  withdrawnOn: { fr: 'date de retrait', en: 'withdrawal date' },
  revisedOn: { fr: 'date de révision', en: 'revision date' },
  fulfilledOn: { fr: 'date de réalisation', en: 'fulfilment date' },
};

/** A corrected value as a reader reads it: a date in words (« 15 octobre 2025 »), text as is, anything else as JSON, long values cut. */
const shown = (value: unknown, lang: Lang): string => {
  const text = isPartialDate(value) ? dateInWords(value, lang) : typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > 120 ? `${text.slice(0, 119)}…` : text;
};

/** Appended to the label of an item a correction changed: it shows the corrected value, and says so. */
export const markedCorrected = (label: Label): Label => ({ fr: `${label.fr} (corrigé)`, en: `${label.en} (corrected)` });

/** French-first label of a timeline item, English beside it. */
export const labelOf = (event: CooperationEvent, context: LabelContext): Label => {
  const name = context.nameOf;
  switch (event.type) {
    case 'CooperationProposed':
      return { fr: `Coopération proposée : ${event.data.name}`, en: `Cooperation proposed: ${event.data.name}` };
    case 'TerritorialDiagnosticStarted':
      return { fr: 'Diagnostic territorial lancé', en: 'Territorial diagnostic started' };
    case 'TerritorialDiagnosticCompleted':
      return { fr: 'Diagnostic territorial achevé', en: 'Territorial diagnostic completed' };
    case 'CooperationPhaseChanged':
      return {
        fr: `Phase : ${PHASE[event.data.fromPhase]!.fr} → ${PHASE[event.data.toPhase]!.fr}${event.data.waiver ? ' (par dérogation)' : ''}`,
        en: `Phase: ${PHASE[event.data.fromPhase]!.en} → ${PHASE[event.data.toPhase]!.en}${event.data.waiver ? ' (waiver)' : ''}`,
      };
    case 'CooperationStarted': {
      // Started in warn mode without what the programme's policy expects: the timeline records it (domain.md §8.9).
      const codes = event.data.warnings.map((w) => w.code);
      const warned = (lang: Lang, one: string, many: string) =>
        codes.length === 0 ? '' : ` (${codes.length === 1 ? one : many}${codes.map((code) => START_WARNING[code][lang]).join(lang === 'fr' ? ' ; ' : '; ')})`;
      return {
        fr: `${event.data.launchLabel ?? 'Lancement de la coopération'}${warned('fr', 'avertissement : ', 'avertissements : ')}`,
        en: `${event.data.launchLabel ? `Cooperation started: ${event.data.launchLabel}` : 'Cooperation started'}${warned('en', 'warning: ', 'warnings: ')}`,
      };
    }
    case 'CooperationClosed':
      return { fr: 'Coopération close', en: 'Cooperation closed' };
    case 'MemberJoined':
      return { fr: `${name(event.data.organisationId)} rejoint la coopération`, en: `${name(event.data.organisationId)} joined` };
    case 'MemberLeft':
      return { fr: `${name(event.data.organisationId)} quitte la coopération`, en: `${name(event.data.organisationId)} left` };
    case 'RoleAssigned':
      return {
        fr: `${role(event.data.role, event.data.scope, 'fr')} : ${name(event.data.organisationId)}`,
        en: `${role(event.data.role, event.data.scope, 'en')}: ${name(event.data.organisationId)}`,
      };
    case 'RoleRelinquished':
      return { fr: `Fin de rôle : ${name(event.data.organisationId)}`, en: `Role ended: ${name(event.data.organisationId)}` };
    case 'RoleHandedOver': {
      const { fromOrganisationId, toOrganisationId, effectiveOn } = event.data;
      const before = context.leadSince ? ` (${yearsOf(context.leadSince, effectiveOn)})` : '';
      const after = ` (${year(effectiveOn)}–)`;
      return {
        fr: `${role(event.data.role, event.data.scope, 'fr')} : ${name(fromOrganisationId)}${before} → ${name(toOrganisationId)}${after}`,
        en: `${role(event.data.role, event.data.scope, 'en')}: ${name(fromOrganisationId)}${before} → ${name(toOrganisationId)}${after}`,
      };
    }
    case 'RepresentativeDesignated':
      return { fr: `Représentant·e désigné·e pour ${name(event.data.organisationId)}`, en: `Representative designated for ${name(event.data.organisationId)}` };
    case 'ResidentParticipationEstablished':
      return { fr: 'Participation des habitant·e·s établie', en: 'Resident participation established' };
    case 'CharterDraftStarted':
      return { fr: `Rédaction engagée : ${event.data.title}`, en: `Drafting started: ${event.data.title}` };
    case 'CharterDraftRevised':
      return { fr: `Charte : version ${event.data.version} rédigée`, en: `Charter: draft version ${event.data.version}` };
    case 'CharterAdopted':
      return { fr: `Charte adoptée (version ${event.data.version})`, en: `Charter adopted (version ${event.data.version})` };
    case 'CharterSigned':
      return { fr: `Charte signée par ${name(event.data.organisationId)}`, en: `Charter signed by ${name(event.data.organisationId)}` };
    case 'CharterSignatureWithdrawn':
      return {
        fr: `Signature retirée : ${name(event.data.organisationId)} (version ${event.data.version})`,
        en: `Signature withdrawn: ${name(event.data.organisationId)} (version ${event.data.version})`,
      };
    case 'CharterEnteredIntoForce':
      return { fr: `Charte en vigueur (version ${event.data.version})`, en: `Charter in force (version ${event.data.version})` };
    case 'CharterAmendmentProposed':
      return { fr: 'Avenant à la charte proposé', en: 'Charter amendment proposed' };
    case 'CharterAmended':
      return { fr: `Avenant adopté : version ${event.data.newVersion}`, en: `Amendment adopted: version ${event.data.newVersion}` };
    case 'GovernanceInstanceCreated':
      return { fr: `Instance créée : ${event.data.label}`, en: `Governance instance created: ${event.data.label}` };
    case 'InstanceSeatAssigned':
      return { fr: `Siège attribué à ${name(event.data.holderOrganisationId)}`, en: `Seat assigned to ${name(event.data.holderOrganisationId)}` };
    case 'InstanceSeatVacated':
      return { fr: 'Siège libéré', en: 'Seat vacated' };
    case 'SupportDecisionRecorded':
      return { fr: `Décision de soutien : ${event.data.bodyLabel}`, en: `Support decision: ${event.data.bodyLabel}` };
    case 'CommitmentPledged':
      return { fr: `Engagement de ${name(event.data.organisationId)} : ${event.data.description}`, en: `Commitment by ${name(event.data.organisationId)}: ${event.data.description}` };
    case 'CommitmentRevised': {
      const { amount } = event.data.changes;
      const figure = (lang: Lang) => (amount && 'cents' in amount ? ` (${lang === 'fr' ? 'nouveau montant' : 'new amount'} ${euros(amount.cents, lang)})` : '');
      return { fr: `Engagement révisé${figure('fr')} : ${event.data.reason}`, en: `Commitment revised${figure('en')}: ${event.data.reason}` };
    }
    case 'CoFundingAllocated': {
      const total = event.data.allocations.reduce((sum, share) => sum + share.amount.cents, 0);
      const funders = event.data.allocations.length;
      return {
        fr: `Cofinancement réparti : ${euros(total, 'fr')} (${funders} ${plural(funders, 'financeur')})`,
        en: `Co-funding allocated: ${euros(total, 'en')} (${funders} ${plural(funders, 'funder')})`,
      };
    }
    case 'CommitmentWithdrawn':
      return { fr: 'Engagement retiré', en: 'Commitment withdrawn' };
    case 'FundsDisbursed':
      return { fr: `Versement à ${name(event.data.toOrganisationId)} : ${euros(event.data.amount.cents, 'fr')}`, en: `Disbursed to ${name(event.data.toOrganisationId)}: ${euros(event.data.amount.cents, 'en')}` };
    case 'CommitmentFulfilled':
      return { fr: 'Engagement honoré', en: 'Commitment fulfilled' };
    case 'MeetingConveningRequested':
      return { fr: `Demande de réunion : ${event.data.topic}`, en: `Meeting requested: ${event.data.topic}` };
    case 'MeetingScheduled':
      return {
        fr: `Réunion prévue ${plannedFor(event.data.scheduledFor, 'fr')} (${event.data.location})`,
        en: `Meeting scheduled ${plannedFor(event.data.scheduledFor, 'en')} (${event.data.location})`,
      };
    case 'MeetingHeld': {
      const present = event.data.attendees.length;
      return { fr: `Réunion tenue : ${present} ${plural(present, 'présent·e')}`, en: `Meeting held: ${present} present` };
    }
    case 'MeetingCancelled':
      return { fr: `Réunion annulée : ${event.data.reason}`, en: `Meeting cancelled: ${event.data.reason}` };
    case 'DecisionRecorded':
      return { fr: `Décision ${OUTCOME[event.data.outcome].fr} : ${event.data.text}`, en: `Decision ${OUTCOME[event.data.outcome].en}: ${event.data.text}` };
    case 'GovernanceInstanceDissolved':
      return { fr: `Instance dissoute : ${event.data.reason}`, en: `Governance instance dissolved: ${event.data.reason}` };
    case 'ActionLaunched':
      return { fr: `Action lancée : ${event.data.title}`, en: `Action launched: ${event.data.title}` };
    case 'ActionCompleted':
      return { fr: 'Action achevée', en: 'Action completed' };
    case 'MilestonePlanned':
      return {
        fr: `Jalon prévu : ${event.data.label} (échéance : ${dateInWords(event.data.dueBy, 'fr')})`,
        en: `Milestone planned: ${event.data.label} (due ${plannedFor(event.data.dueBy, 'en')})`,
      };
    case 'MilestoneReached':
      return { fr: `Jalon atteint : ${event.data.label}`, en: `Milestone reached: ${event.data.label}` };
    case 'IndicatorsAgreed':
      return { fr: `Indicateurs adoptés (${event.data.indicators.length})`, en: `Indicators agreed (${event.data.indicators.length})` };
    case 'EvaluationRecorded':
      return { fr: `Évaluation : ${EVALUATION[event.data.kind].fr}`, en: `Evaluation: ${EVALUATION[event.data.kind].en}` };
    case 'RecordCorrected': {
      const { correctedEventType, fieldPath, previousValue, correctedValue, reason } = event.data;
      const field = FIELD[fieldPath] ?? { fr: fieldPath, en: fieldPath };
      // A person's value never enters a read model (GDPR): GET /cooperations/{id} shows it, decrypted or erased.
      if (isPersonalPath(correctedEventType, fieldPath)) {
        return { fr: `Correction : ${field.fr} (donnée personnelle) (${reason})`, en: `Correction: ${field.en} (personal data) (${reason})` };
      }
      return {
        fr: `Correction : ${field.fr} « ${shown(previousValue, 'fr')} » → « ${shown(correctedValue, 'fr')} » (${reason})`,
        en: `Correction: ${field.en} “${shown(previousValue, 'en')}” → “${shown(correctedValue, 'en')}” (${reason})`,
      };
    }
  }
};
