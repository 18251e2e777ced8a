/** Labels of the dashboard, French first. */
export type Lang = 'fr' | 'en';

const LABELS = {
  skip: { fr: 'Aller au contenu', en: 'Skip to content' },
  tagline: { fr: 'le carnet de bord des coopérations territoriales', en: 'the logbook of territorial cooperations' },
  cooperations: { fr: 'Coopérations', en: 'Cooperations' },
  name: { fr: 'Nom', en: 'Name' },
  territory: { fr: 'Territoire', en: 'Territory' },
  form: { fr: 'Forme', en: 'Form' },
  phase: { fr: 'Phase', en: 'Phase' },
  members: { fr: 'Membres', en: 'Members' },
  charter: { fr: 'Charte', en: 'Charter' },
  lastActivity: { fr: 'Dernière activité', en: 'Last activity' },
  recentActivity: { fr: 'Activité récente', en: 'Recent activity' },
  noCooperation: { fr: 'Aucune coopération pour l’instant. Chargez les données de démonstration : npx carnet demo', en: 'No cooperation yet. Load the demo data: npx carnet demo' },
  nothingYet: { fr: 'Rien pour l’instant : les nouveautés s’afficheront ici en direct.', en: 'Nothing yet: new events appear here live.' },
  back: { fr: '← Toutes les coopérations', en: '← All cooperations' },
  membersAndRoles: { fr: 'Membres et rôles', en: 'Members and roles' },
  organisation: { fr: 'Organisation', en: 'Organisation' },
  membership: { fr: 'Statut', en: 'Membership' },
  roles: { fr: 'Rôles', en: 'Roles' },
  since: { fr: 'Depuis', en: 'Since' },
  leadHistory: { fr: 'Historique du pilotage', en: 'Lead history' },
  noLead: { fr: 'Aucun pilote désigné.', en: 'No lead designated.' },
  charters: { fr: 'Chartes et signatures', en: 'Charters and signatures' },
  noCharter: { fr: 'Aucune charte.', en: 'No charter.' },
  version: { fr: 'Version', en: 'Version' },
  signatures: { fr: 'signatures', en: 'signatures' },
  instances: { fr: 'Instances de gouvernance', en: 'Governance instances' },
  noInstance: { fr: 'Aucune instance.', en: 'No instance.' },
  seats: { fr: 'sièges', en: 'seats' },
  timeline: { fr: 'Chronologie', en: 'Timeline' },
  demo: { fr: 'hypothèse de démonstration', en: 'demo assumption' },
  connecting: { fr: 'Connexion…', en: 'Connecting…' },
  live: { fr: 'En direct', en: 'Live' },
  reconnecting: { fr: 'Reconnexion…', en: 'Reconnecting…' },
  offline: { fr: 'Hors ligne', en: 'Offline' },
  notFound: { fr: 'Coopération introuvable.', en: 'Cooperation not found.' },
  loadError: { fr: 'Impossible de charger les données.', en: 'Could not load the data.' },
  switchTo: { fr: 'English version', en: 'Version française' },
  current: { fr: 'en cours', en: 'current' },
} satisfies Record<string, Record<Lang, string>>;
export type LabelKey = keyof typeof LABELS;

const VALUES: Record<string, Record<Lang, string>> = {
  identification: { fr: 'Repérage', en: 'Identification' },
  diagnostic: { fr: 'Diagnostic', en: 'Diagnostic' },
  framing: { fr: 'Cadrage', en: 'Framing' },
  implementation: { fr: 'Mise en œuvre', en: 'Implementation' },
  consolidation: { fr: 'Consolidation', en: 'Consolidation' },
  scaling: { fr: 'Essaimage', en: 'Scaling' },
  closed: { fr: 'Close', en: 'Closed' },
  none: { fr: 'aucune', en: 'none' },
  draft: { fr: 'en rédaction', en: 'draft' },
  adopted: { fr: 'adoptée, en signature', en: 'adopted, being signed' },
  inForce: { fr: 'en vigueur', en: 'in force' },
  superseded: { fr: 'remplacée', en: 'superseded' },
  consortium: { fr: 'consortium', en: 'consortium' },
  collective: { fr: 'collectif', en: 'collective' },
  ptce: { fr: 'PTCE', en: 'PTCE' },
  partnershipAgreement: { fr: 'convention de partenariat', en: 'partnership agreement' },
  member: { fr: 'membre', en: 'member' },
  associatedPartner: { fr: 'partenaire associé', en: 'associated partner' },
  institutionalPartner: { fr: 'partenaire institutionnel', en: 'institutional partner' },
  steeringCommittee: { fr: 'comité de pilotage', en: 'steering committee' },
  Lead: { fr: 'Pilote', en: 'Lead' },
  Coordinator: { fr: 'Coordination', en: 'Coordinator' },
  Facilitator: { fr: 'Animation', en: 'Facilitator' },
  Funder: { fr: 'Financeur', en: 'Funder' },
  Convener: { fr: 'Ensemblier', en: 'Convener' },
  FieldLead: { fr: 'Pilote de terrain', en: 'Field lead' },
  NeedsAssessor: { fr: 'Besoins locaux', en: 'Needs assessor' },
  SupportProvider: { fr: 'Accompagnement', en: 'Support provider' },
  ExpertiseProvider: { fr: 'Expertise', en: 'Expertise' },
  Mobiliser: { fr: 'Mobilisation', en: 'Mobiliser' },
  Trainer: { fr: 'Formation', en: 'Trainer' },
  ResidentRepresentative: { fr: 'Représentation des habitant·e·s', en: 'Resident representative' },
  Volunteer: { fr: 'Bénévolat', en: 'Volunteer' },
};

let lang: Lang = localStorage.getItem('carnet.lang') === 'en' ? 'en' : 'fr';
export const currentLang = (): Lang => lang;
export const setLang = (next: Lang): void => {
  lang = next;
  localStorage.setItem('carnet.lang', next);
  document.documentElement.lang = next;
};
export const t = (key: LabelKey): string => LABELS[key][lang];
/** A vocabulary value (phase, role, status…) in the current language; unknown values show as they are. */
export const v = (value: string | null | undefined): string => (value ? (VALUES[value]?.[lang] ?? value) : '—');

/** "2025", "oct. 2025", "1 janv. 2027": a business date at its own precision. */
export const formatDate = (date: string): string => {
  const [y, m, d] = date.split('-').map(Number);
  const locale = lang === 'fr' ? 'fr-FR' : 'en-GB';
  if (d) return new Date(Date.UTC(y!, m! - 1, d)).toLocaleDateString(locale, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
  if (m) return new Date(Date.UTC(y!, m - 1, 1)).toLocaleDateString(locale, { month: 'short', year: 'numeric', timeZone: 'UTC' });
  return String(y);
};
