/** Labels of the dashboard, French first. */
import { VOCABULARY } from './vocabulary.js';

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
  // A term handed over from a later date: not « en cours » before it starts.
  upcoming: { fr: 'à venir', en: 'upcoming' },
  alerts: { fr: 'Alertes', en: 'Alerts' },
  noAlert: { fr: 'Aucune alerte : les réunions, jalons et signatures sont à jour.', en: 'No alert: meetings, milestones and signatures are up to date.' },
  sinceDay: { fr: 'depuis le {date}', en: 'since {date}' },
  sinceDate: { fr: 'depuis {date}', en: 'since {date}' },
  ledger: { fr: 'Engagements', en: 'Commitments' },
  noCommitment: { fr: 'Aucun engagement enregistré.', en: 'No commitment recorded.' },
  kind: { fr: 'Nature', en: 'Kind' },
  purpose: { fr: 'Objet', en: 'Purpose' },
  amount: { fr: 'Montant', en: 'Amount' },
  status: { fr: 'État', en: 'Status' },
  disbursed: { fr: 'Versé', en: 'Disbursed' },
  jointWith: { fr: 'conjointement avec {names}', en: 'jointly with {names}' },
  beneficiary: { fr: 'bénéficiaire : {name}', en: 'beneficiary: {name}' },
  notDisclosed: { fr: 'montant non communiqué', en: 'amount not disclosed' },
  estimated: { fr: '(estimé)', en: '(estimated)' },
  totalKnown: { fr: 'Total des montants connus : {total}', en: 'Total of known amounts: {total}' },
  ofWhichEstimated: { fr: 'dont {total} estimés', en: 'of which {total} estimated' },
  totalDisbursed: { fr: 'versé : {total}', en: 'disbursed: {total}' },
  undisclosedOne: { fr: 'hors 1 montant non communiqué', en: 'excluding 1 amount not disclosed' },
  undisclosedMany: { fr: 'hors {n} montants non communiqués', en: 'excluding {n} amounts not disclosed' },
  decisions: { fr: 'Décisions', en: 'Decision log' },
  noMeeting: { fr: 'Aucune réunion ni décision enregistrée.', en: 'No meeting or decision recorded.' },
  meetingOn: { fr: 'Réunion : {date}', en: 'Meeting: {date}' },
  compositionOn: { fr: 'Composition à la date de la réunion ({date})', en: 'Composition on the meeting’s date ({date})' },
  seat: { fr: 'Siège', en: 'Seat' },
  seatType: { fr: 'Type', en: 'Type' },
  attendance: { fr: 'Présence', en: 'Attendance' },
  present: { fr: 'présent·e', en: 'present' },
  apologised: { fr: 'excusé·e', en: 'apologised' },
  absent: { fr: 'absent·e', en: 'absent' },
  notHeldYet: { fr: 'pas encore tenue', en: 'not held yet' },
  guests: { fr: 'Invité·e·s : {names}', en: 'Guests: {names}' },
  noDecision: { fr: 'Aucune décision.', en: 'No decision.' },
  writtenDecisions: { fr: 'Décisions par procédure écrite', en: 'Decisions by written procedure' },
  votes: { fr: '{for} pour, {against} contre, {abstain} abstention(s)', en: '{for} for, {against} against, {abstain} abstaining' },
  consensus: { fr: 'par consensus', en: 'by consensus' },
  actionsAndMilestones: { fr: 'Actions et jalons', en: 'Actions and milestones' },
  actions: { fr: 'Actions', en: 'Actions' },
  noAction: { fr: 'Aucune action lancée.', en: 'No action launched.' },
  action: { fr: 'Action', en: 'Action' },
  lead: { fr: 'Pilote', en: 'Lead' },
  launchedOn: { fr: 'Lancée', en: 'Launched' },
  results: { fr: 'Résultats', en: 'Results' },
  result: { fr: '{label} : {value} {unit}', en: '{label}: {value} {unit}' },
  completedOn: { fr: 'terminée ({date})', en: 'completed ({date})' },
  plannedMilestones: { fr: 'Jalons prévus', en: 'Planned milestones' },
  noPlannedMilestone: { fr: 'Aucun jalon prévu.', en: 'No planned milestone.' },
  reachedMilestones: { fr: 'Jalons atteints', en: 'Milestones reached' },
  noReachedMilestone: { fr: 'Aucun jalon atteint.', en: 'No milestone reached.' },
  milestone: { fr: 'Jalon', en: 'Milestone' },
  dueBy: { fr: 'Échéance', en: 'Due by' },
  reachedOn: { fr: 'Atteint', en: 'Reached' },
  overdue: { fr: 'en retard', en: 'overdue' },
  preHistory: { fr: 'avant la coopération', en: 'before the cooperation' },
  auditLink: { fr: 'Audit / historique', en: 'Audit / history' },
  auditTitle: { fr: '{name} — audit et historique', en: '{name} — audit and history' },
  backToCooperation: { fr: '← Retour à la coopération', en: '← Back to the cooperation' },
  auditIntro: {
    fr: 'Tout ce que le journal a enregistré pour cette coopération, qui l’a saisi, d’après quelle source, et la preuve que rien n’a été modifié depuis. Les heures d’enregistrement sont en UTC.',
    en: 'Everything the log recorded for this cooperation, who entered it, on what source, and the proof that nothing was changed since. Record times are in UTC.',
  },
  verification: { fr: 'Intégrité du journal', en: 'Log integrity' },
  chainIntact: { fr: 'Chaîne d’empreintes intacte — {n} événements vérifiés', en: 'Hash chain intact — {n} events verified' },
  chainIntactOne: { fr: 'Chaîne d’empreintes intacte — 1 événement vérifié', en: 'Hash chain intact — 1 event verified' },
  unchained: { fr: 'dont {n} non chaînés, enregistrés avant la chaîne d’empreintes', en: 'of which {n} unchained, recorded before the hash chain' },
  chainBroken: { fr: 'Chaîne d’empreintes rompue', en: 'Hash chain broken' },
  copyAltered: { fr: 'Copie altérée : les empreintes tiennent, mais une copie lue à leur place a changé', en: 'Altered copy: the hashes hold, but a copy read instead was changed' },
  field: { fr: 'Champ', en: 'Field' },
  checkedUpTo: { fr: '{n} événements vérifiés jusqu’au premier événement altéré :', en: '{n} events checked up to the first altered event:' },
  checkedAt: { fr: 'Vérifiée le {time}', en: 'Checked on {time}' },
  recheck: { fr: 'Vérifier à nouveau', en: 'Check again' },
  checking: { fr: 'Vérification en cours…', en: 'Checking…' },
  event: { fr: 'Événement', en: 'Event' },
  revision: { fr: 'Révision', en: 'Revision' },
  reason: { fr: 'Raison', en: 'Reason' },
  expected: { fr: 'Attendu', en: 'Expected' },
  found: { fr: 'Trouvé', en: 'Found' },
  hashMismatch: {
    fr: 'Le contenu de cet événement ne correspond plus à son empreinte : il a été modifié après son enregistrement. Attendu : l’empreinte recalculée du contenu actuel ; trouvé : l’empreinte enregistrée avec l’événement.',
    en: 'This event’s content no longer matches its hash: it was changed after it was recorded. Expected: the hash recomputed from its content now; found: the hash stored with the event.',
  },
  previousHashMismatch: {
    fr: 'Cet événement ne renvoie plus à l’empreinte de l’événement qui le précède : un événement a été supprimé, déplacé ou réécrit avec son empreinte. Attendu : l’empreinte de l’événement précédent ; trouvé : celle à laquelle cet événement renvoie.',
    en: 'This event no longer points to the hash of the event before it: an event was removed, moved or rewritten together with its hash. Expected: the previous event’s hash; found: the one this event points to.',
  },
  missingHash: {
    fr: 'Cet événement n’a pas d’empreinte alors qu’un événement précédent du flux en a une.',
    en: 'This event has no hash although an earlier event of the stream has one.',
  },
  copyMismatch: {
    fr: 'Une copie d’un champ de cet événement (sa date d’enregistrement ou sa commande), que Carnet lit pour reconstituer les états passés, a été modifiée : elle ne correspond plus au champ protégé par l’empreinte. Attendu : le champ enregistré ; trouvé : la copie.',
    en: 'A copy of one of this event’s fields (its record time or its command), which Carnet reads to rebuild past states, was changed: it no longer matches the field the hash protects. Expected: the recorded field; found: the copy.',
  },
  corrections: { fr: 'Corrections', en: 'Corrections' },
  noCorrection: { fr: 'Aucune correction : chaque enregistrement est tel qu’il a été saisi.', en: 'No correction: every record stands as entered.' },
  correctedOn: { fr: 'Corrigé le', en: 'Corrected on' },
  correctedRecord: { fr: 'Enregistrement corrigé', en: 'Corrected record' },
  correctedField: { fr: 'champ {field}', en: 'field {field}' },
  correctedValues: { fr: 'Valeur précédente → corrigée', en: 'Previous → corrected value' },
  correctionReason: { fr: 'Motif', en: 'Reason' },
  sourceRef: { fr: 'source : {ref}', en: 'source: {ref}' },
  asOf: { fr: 'État à une date', en: 'State at a date' },
  asOfHint: {
    fr: 'La coopération telle que le journal la tenait à cette heure d’enregistrement : membres et rôles, pilote, phase, chartes, instances.',
    en: 'The cooperation as the log held it at that record time: members and roles, lead, phase, charters, instances.',
  },
  asOfInput: { fr: 'Date et heure d’enregistrement (UTC)', en: 'Record date and time (UTC)' },
  showState: { fr: 'Afficher l’état', en: 'Show the state' },
  stateAsOf: { fr: 'État au {time} — révision {revision}', en: 'State as of {time} — revision {revision}' },
  leadThen: { fr: 'Pilote à cette date : {name}', en: 'Lead at that time: {name}' },
  nobody: { fr: 'aucun', en: 'none' },
  notYetRecorded: { fr: 'À cette heure, le journal ne contenait pas encore cette coopération.', en: 'At that time the log did not hold this cooperation yet.' },
  loading: { fr: 'Chargement…', en: 'Loading…' },
  whatChanged: { fr: 'Qu’est-ce qui a changé depuis ?', en: 'What has changed since?' },
  changesBetween: { fr: 'Changements du {from} au {to} (révision {fromRevision} → {toRevision})', en: 'Changes from {from} to {to} (revision {fromRevision} → {toRevision})' },
  noChange: { fr: 'Aucun changement de membres, rôles, sièges, signatures, chartes ni de phase.', en: 'No change of members, roles, seats, signatures, charters or phase.' },
  phaseChange: { fr: 'Phase', en: 'Phase' },
  membersJoined: { fr: 'Membres arrivés', en: 'Members who joined' },
  membersLeft: { fr: 'Membres partis', en: 'Members who left' },
  rolesAssigned: { fr: 'Rôles attribués', en: 'Roles assigned' },
  rolesEnded: { fr: 'Rôles terminés', en: 'Roles ended' },
  seatsAssigned: { fr: 'Sièges attribués', en: 'Seats taken' },
  seatsVacated: { fr: 'Sièges libérés', en: 'Seats vacated' },
  newSignatures: { fr: 'Signatures', en: 'Signatures' },
  signaturesWithdrawn: { fr: 'Signatures retirées', en: 'Signatures withdrawn' },
  charterStatus: { fr: 'Statut des chartes', en: 'Charter status' },
  eventsBetween: { fr: 'Événements enregistrés entre-temps ({n})', en: 'Events recorded in between ({n})' },
  endedOn: { fr: 'fin : {date}', en: 'ended: {date}' },
  history: { fr: 'Historique des événements', en: 'Event history' },
  historyCaption: { fr: '{shown} événements affichés sur {total}, dans l’ordre du journal', en: '{shown} of {total} events shown, in log order' },
  loadMore: { fr: 'Charger les événements suivants', en: 'Load the next events' },
  revisionShort: { fr: 'Rév.', en: 'Rev.' },
  calendarDownload: { fr: 'Calendrier des réunions (.ics)', en: 'Meetings calendar (.ics)' },
  timelineDownload: { fr: 'Chronologie pour tableur (.csv)', en: 'Timeline for a spreadsheet (.csv)' },
  print: { fr: 'Imprimer ou enregistrer en PDF', en: 'Print or save as PDF' },
  printedOn: { fr: 'Édité par Carnet le {at} — {url}', en: 'Printed from Carnet on {at} — {url}' },
  dossierLink: { fr: 'dossier', en: 'dossier' },
  dossierTitle: { fr: 'Dossier de décision : {subject}', en: 'Decision dossier: {subject}' },
  dossierAsKnown: { fr: 'Tel que le journal le connaissait le', en: 'As the log knew it on' },
  dossierAsCorrected: { fr: 'voir le dossier tel que corrigé aujourd’hui', en: 'see the dossier as corrected today' },
  knownBefore: { fr: 'dossier tel que connu avant', en: 'dossier as known before' },
  dossierDecision: { fr: 'La décision', en: 'The decision' },
  dossierSubject: { fr: 'Objet : {ref}', en: 'Subject: {ref}' },
  dossierRevisits: { fr: 'Revient sur la décision {ref}', en: 'Revisits decision {ref}' },
  dossierRecorded: { fr: 'Enregistrée (révision {revision}) le', en: 'Recorded (revision {revision})' },
  dossierSource: { fr: 'Source : {document} ({confidence})', en: 'Source: {document} ({confidence})' },
  dossierBody: { fr: 'L’instance qui l’a prise', en: 'The body that took it' },
  dossierMandate: { fr: 'mandat : {mandate}', en: 'mandate: {mandate}' },
  dossierQuorum: { fr: 'Quorum : {rule} % des sièges, soit {required} sur {seats} ; {present} présents', en: 'Quorum: {rule}% of the seats, {required} of {seats}; {present} present' },
  dossierMeeting: { fr: 'La réunion', en: 'The meeting' },
  dossierWritten: { fr: 'Décision prise par procédure écrite, hors réunion.', en: 'Decided by written procedure, outside any meeting.' },
  dossierCharters: { fr: 'Chartes en vigueur ce jour-là', en: 'Charters in force that day' },
  dossierNoCharter: { fr: 'Aucune charte en vigueur ce jour-là.', en: 'No charter in force that day.' },
  dossierConsequences: { fr: 'Ce qui en a découlé', en: 'What followed from it' },
  dossierNoConsequence: { fr: 'Aucun événement ne cite encore cette décision.', en: 'No event cites this decision yet.' },
  recordedAt: { fr: 'Enregistré le', en: 'Recorded' },
  occurredAt: { fr: 'Date des faits', en: 'Business date' },
  actor: { fr: 'Saisi par', en: 'Actor' },
  provenance: { fr: 'Provenance', en: 'Provenance' },
  hash: { fr: 'Empreinte', en: 'Hash' },
  previousHash: { fr: 'Empreinte précédente', en: 'Previous hash' },
  commandHash: { fr: 'Empreinte de la commande', en: 'Command hash' },
  context: { fr: 'Contexte', en: 'Context' },
  show: { fr: 'Afficher', en: 'Show' },
  hide: { fr: 'Masquer', en: 'Hide' },
  showContext: { fr: 'Afficher le contexte de la décision, révision {revision}', en: 'Show the decision context, revision {revision}' },
  hideContext: { fr: 'Masquer le contexte de la décision, révision {revision}', en: 'Hide the decision context, revision {revision}' },
  lines: { fr: 'lignes {lines}', en: 'lines {lines}' },
  circa: { fr: 'vers', en: 'circa' },
  commandBy: { fr: 'Commande {commandId}, enregistrée le {time} par {actor}.', en: 'Command {commandId}, recorded on {time} by {actor}.' },
  noCommand: { fr: 'Aucune commande connue pour cet événement.', en: 'No known command for this event.' },
  commandEvents: { fr: 'Événements produits par cette commande ({n})', en: 'Events this command produced ({n})' },
  correlationChain: { fr: 'Chaîne de corrélation {id} ({n} événements)', en: 'Correlation chain {id} ({n} events)' },
  correlationAlone: { fr: 'Chaîne de corrélation {id} : cette commande seule, aucune requête liée.', en: 'Correlation chain {id}: this command alone, no related request.' },
  causedByCommand: { fr: 'Cause : la commande elle-même.', en: 'Caused by: the command itself.' },
  causedByEvent: { fr: 'Cause : l’événement {id}.', en: 'Caused by: event {id}.' },
  thisEvent: { fr: 'cet événement', en: 'this event' },
  inStream: { fr: '{stream}, rév. {revision}', en: '{stream}, rev. {revision}' },
  revisionN: { fr: 'rév. {revision}', en: 'rev. {revision}' },
  signIn: { fr: 'Connexion', en: 'Sign in' },
  signInIntro: {
    fr: 'Carnet ne montre l’historique d’une coopération qu’aux personnes autorisées. Collez le jeton d’accès (« bearer token ») que vous avez reçu.',
    en: 'Carnet shows a cooperation’s history only to those entitled to it. Paste the access token (bearer token) you were given.',
  },
  tokenLabel: { fr: 'Jeton d’accès', en: 'Access token' },
  signInButton: { fr: 'Se connecter', en: 'Sign in' },
  checkingToken: { fr: 'Vérification du jeton…', en: 'Checking the token…' },
  howToGetToken: { fr: 'Obtenir un jeton', en: 'Getting a token' },
  tokenFromProvider: {
    fr: 'Auprès du fournisseur d’identité de votre organisation (connexion unique OIDC, Keycloak…), qui vous donne un jeton à durée limitée.',
    en: 'From your organisation’s identity provider (OIDC single sign-on, Keycloak…), which gives you a short-lived token.',
  },
  tokenFromCli: {
    fr: 'Ou, sur le poste qui héberge Carnet, avec la commande :',
    en: 'Or, on the machine that hosts Carnet, with the command:',
  },
  tokenRoles: {
    fr: 'Rôles : auditor lit tout sans rien écrire ; member ne lit que ses coopérations (--cooperation coop:…, répétable, et --organisation org:…) ; admin est l’équipe de la plateforme. --ttl fixe la durée (8h par défaut).',
    en: 'Roles: auditor reads everything and writes nothing; member reads only its cooperations (--cooperation coop:…, repeatable, and --organisation org:…); admin is the platform staff. --ttl sets the lifetime (8h by default).',
  },
  tokenKept: {
    fr: 'Le jeton reste dans cet onglet et disparaît à sa fermeture ; il n’apparaît jamais dans l’adresse.',
    en: 'The token stays in this tab and is gone when it closes; it never appears in the address.',
  },
  pasteToken: { fr: 'Collez d’abord votre jeton.', en: 'Paste your token first.' },
  tokenExpired: {
    fr: 'Votre jeton a expiré : obtenez-en un nouveau, puis collez-le ici.',
    en: 'Your token has expired: get a new one, then paste it here.',
  },
  tokenRefused: {
    fr: 'Jeton refusé : il est invalide, incomplet ou n’a pas été émis pour ce Carnet.',
    en: 'Token refused: it is invalid, incomplete or was not issued for this Carnet.',
  },
  signedOut: { fr: 'Vous êtes déconnecté·e.', en: 'You are signed out.' },
  signedInAs: { fr: 'Connecté·e : {user} ({role})', en: 'Signed in: {user} ({role})' },
  signOut: { fr: 'Se déconnecter', en: 'Sign out' },
  auditorsOnly: {
    fr: 'Réservé aux auditeur·rice·s et à l’équipe de la plateforme : votre rôle ne permet pas de vérifier ce journal.',
    en: 'For auditors and platform staff only: your role cannot verify this log.',
  },
  forbidden: { fr: 'Votre rôle ne donne pas accès à cette page.', en: 'Your role does not give access to this page.' },
  sharedWithFunders: { fr: 'partagé avec les financeurs', en: 'shared with the funders' },
  sharedWithPublic: { fr: 'public', en: 'public' },
  webhooks: { fr: 'Webhooks', en: 'Webhooks' },
  webhooksIntro: {
    fr: 'Les adresses auxquelles ce nœud poste les événements du journal, signés, dans l’ordre et au moins une fois. Relu toutes les 10 secondes.',
    en: 'The addresses this node posts the log’s events to, signed, in order and at least once. Read again every 10 seconds.',
  },
  webhooksReadAt: { fr: 'Lu le {time}.', en: 'Read {time}.' },
  webhooksStale: { fr: 'Relecture impossible le {time} : affichage de la lecture du {shown}.', en: 'Could not read again at {time}: showing the read of {shown}.' },
  noWebhook: { fr: 'Aucun webhook sur ce nœud (POST /webhooks en enregistre un).', en: 'No webhook on this node (POST /webhooks registers one).' },
  webhookReceiver: { fr: 'Adresse de réception', en: 'Receiver' },
  webhookEvents: { fr: 'Événements', en: 'Events' },
  webhookScope: { fr: 'Flux', en: 'Streams' },
  webhookState: { fr: 'État', en: 'State' },
  webhookCreated: { fr: 'Enregistré le {at} par {by}', en: 'Registered {at} by {by}' },
  allEventTypes: { fr: 'tous les types', en: 'every type' },
  allStreams: { fr: 'toutes les coopérations et les registres', en: 'every cooperation and registry' },
  webhookDelivering: { fr: 'livre normalement', en: 'delivering' },
  webhookFailing: { fr: 'en échec depuis le {since} : {attempts} échec(s) de suite', en: 'failing since {since}: {attempts} failure(s) in a row' },
  webhookLastError: { fr: 'Dernière erreur : {error}', en: 'Last error: {error}' },
  webhookDeliveries: { fr: 'Dernières tentatives', en: 'Latest attempts' },
  noDelivery: { fr: 'Aucune tentative pour l’instant.', en: 'No attempt yet.' },
  deliveryAt: { fr: 'Quand', en: 'When' },
  deliveryAttempt: { fr: 'Tentative', en: 'Attempt' },
  deliveryAnswer: { fr: 'Réponse', en: 'Answer' },
  deliveryDuration: { fr: 'Durée', en: 'Duration' },
  noAnswer: { fr: 'pas de réponse : {error}', en: 'no answer: {error}' },
} satisfies Record<string, Record<Lang, string>>;
export type LabelKey = keyof typeof LABELS;

let lang: Lang = localStorage.getItem('carnet.lang') === 'en' ? 'en' : 'fr';
export const currentLang = (): Lang => lang;
export const setLang = (next: Lang): void => {
  lang = next;
  localStorage.setItem('carnet.lang', next);
  document.documentElement.lang = next;
};
/** A label in the current language, its {placeholders} filled from `params`. */
export const t = (key: LabelKey, params: Record<string, string | number> = {}): string =>
  LABELS[key][lang].replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? ''));
/** « Financeur (coopération) »: a role and its scope (the API gives the scope's label), if any. */
export const roleWithScope = ({ role, scope, scopeLabel }: { role: string; scope?: string; scopeLabel?: Record<Lang, string> }): string =>
  `${v(role)}${scope ? ` (${scopeLabel?.[lang] ?? scope})` : ''}`;

/** A vocabulary value (phase, role, status…) in the current language; unknown values show as they are. */
export const v = (value: string | null | undefined): string => (value ? (VOCABULARY[value]?.[lang] ?? value) : '—');

const locale = (): string => (lang === 'fr' ? 'fr-FR' : 'en-GB');
/** "650 000" or "650,000". */
export const formatNumber = (value: number): string => value.toLocaleString(locale());
/** An amount in euros, "90 000,00 €" or "€90,000.00". */
export const formatEuros = (cents: number): string => (cents / 100).toLocaleString(locale(), { style: 'currency', currency: 'EUR' });

/** "2025", "oct. 2025", "1er janv. 2027": a business date at its own precision. */
export const formatDate = (date: string): string => {
  const [y, m, d] = date.split('-').map(Number);
  if (d) {
    const day = new Date(Date.UTC(y!, m! - 1, d)).toLocaleDateString(locale(), { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
    // French writes the first of the month as an ordinal: « 1er janvier », which Intl does not.
    return lang === 'fr' && d === 1 ? day.replace(/^1 /, '1er ') : day;
  }
  if (m) return new Date(Date.UTC(y!, m - 1, 1)).toLocaleDateString(locale(), { month: 'short', year: 'numeric', timeZone: 'UTC' });
  return String(y);
};

/** A record time, to the millisecond and in UTC like the log: "23 nov. 2026, 13:07:33,755 UTC". */
export const formatInstant = (iso: string): string =>
  `${new Date(iso).toLocaleString(locale(), { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit', fractionalSecondDigits: 3, timeZone: 'UTC' })} UTC`;

/** A business date (`occurredAt`) at its precision, a span as "2025 → 2026", an approximate one as "vers 2025". */
export const formatBusinessDate = ({ date, to, approximate }: { date: string; to?: string; approximate?: boolean }): string =>
  `${approximate ? `${t('circa')} ` : ''}${formatDate(date)}${to ? ` → ${formatDate(to)}` : ''}`;
