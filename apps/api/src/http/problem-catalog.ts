import { CooperationErrorCode, RegistryErrorCode } from '#domain';

/** Codes raised by the transport and the store rather than by a domain rule. */
export const TransportErrorCode = {
  ValidationFailed: 'ValidationFailed',
  MalformedJson: 'MalformedJson',
  PayloadTooLarge: 'PayloadTooLarge',
  UnsupportedMediaType: 'UnsupportedMediaType',
  RouteNotFound: 'RouteNotFound',
  OrganisationNotFound: 'OrganisationNotFound',
  ConcurrencyConflict: 'ConcurrencyConflict',
  InvalidIfMatch: 'InvalidIfMatch',
  IdempotencyKeyReused: 'IdempotencyKeyReused',
  MaxAppendSizeExceeded: 'MaxAppendSizeExceeded',
  InternalError: 'InternalError',
} as const;
export type TransportErrorCode = (typeof TransportErrorCode)[keyof typeof TransportErrorCode];

export type ProblemCode = CooperationErrorCode | RegistryErrorCode | TransportErrorCode;

export interface ProblemEntry {
  readonly status: 400 | 404 | 409 | 413 | 415 | 422 | 500;
  readonly title: { readonly fr: string; readonly en: string };
}

const rule = (fr: string, en: string): ProblemEntry => ({ status: 422, title: { fr, en } });

/**
 * The one table from stable error codes to HTTP status and French-first titles. Exhaustive by type:
 * a new code does not compile until it has its line here.
 */
export const PROBLEM_CATALOG: Readonly<Record<ProblemCode, ProblemEntry>> = {
  // transport
  ValidationFailed: { status: 400, title: { fr: 'La requête est invalide', en: 'The request is invalid' } },
  MalformedJson: { status: 400, title: { fr: 'Le corps de la requête n’est pas un JSON valide', en: 'The request body is not valid JSON' } },
  PayloadTooLarge: { status: 413, title: { fr: 'Le corps de la requête est trop volumineux', en: 'The request body is too large' } },
  UnsupportedMediaType: { status: 415, title: { fr: 'Type de contenu non pris en charge (JSON attendu)', en: 'Unsupported media type (JSON expected)' } },
  RouteNotFound: { status: 404, title: { fr: 'Ressource ou commande inconnue', en: 'Unknown resource or command' } },
  OrganisationNotFound: { status: 404, title: { fr: 'Organisation inconnue', en: 'Unknown organisation' } },
  ConcurrencyConflict: { status: 409, title: { fr: 'La coopération a changé entre-temps', en: 'The stream changed in the meantime' } },
  InvalidIfMatch: { status: 400, title: { fr: 'En-tête If-Match invalide (révision attendue entre guillemets)', en: 'Invalid If-Match header (quoted revision expected)' } },
  IdempotencyKeyReused: { status: 422, title: { fr: 'Clé d’idempotence déjà utilisée pour une autre commande', en: 'Idempotency key already used for another command' } },
  MaxAppendSizeExceeded: { status: 413, title: { fr: 'Commande trop volumineuse pour être enregistrée', en: 'Command too large to be recorded' } },
  InternalError: { status: 500, title: { fr: 'Erreur interne', en: 'Internal error' } },

  // registries
  OrganisationAlreadyRegistered: rule('Organisation déjà enregistrée', 'Organisation already registered'),
  DuplicateOrganisationName: rule('Une organisation de même nom et de même type existe déjà (ajoutez plutôt un alias)', 'An organisation with the same name and kind exists (add an alias instead)'),
  ParentOrganisationNotRegistered: rule('Organisation mère inconnue', 'Parent organisation not registered'),
  NetworkNotRegistered: rule('Réseau d’appartenance inconnu', 'Network not registered'),
  TerritoryAlreadyDefined: rule('Territoire déjà défini', 'Territory already defined'),
  ParentTerritoryNotFound: rule('Territoire parent inconnu', 'Parent territory not found'),
  TerritoryHierarchyCycle: rule('La hiérarchie des territoires formerait une boucle', 'The territory hierarchy would contain a cycle'),
  DuplicateTerritoryName: rule('Un territoire de même nom existe sous le même parent', 'A territory with the same name exists under the same parent'),
  ProgrammeAlreadyLaunched: rule('Programme déjà lancé', 'Programme already launched'),
  ProgrammeOwnerNotRegistered: rule('Porteur du programme inconnu', 'Programme owner not registered'),
  InvalidPeriod: rule('La fin de la période précède son début', 'The period ends before it starts'),
  DuplicateProgrammeName: rule('Un programme actif porte déjà ce nom', 'An active programme already has this name'),
  TargetTerritoryNotFound: rule('Territoire cible inconnu', 'Target territory not found'),

  // every cooperation command
  CooperationNotFound: { status: 404, title: { fr: 'Coopération inconnue', en: 'Unknown cooperation' } },
  CooperationAlreadyExists: rule('Cette coopération existe déjà', 'This cooperation already exists'),
  CooperationClosed: rule('La coopération est close', 'The cooperation is closed'),
  BusinessDateInFuture: rule('La date du fait est dans le futur', 'The business date lies in the future'),

  // lifecycle
  TerritoryNotFound: rule('Territoire inconnu', 'Territory not found'),
  OrganisationNotRegistered: rule('Organisation non enregistrée', 'Organisation not registered'),
  ProgrammeNotFound: rule('Programme inconnu', 'Programme not found'),
  PredecessorNotFound: rule('Coopération précédente inconnue', 'Predecessor cooperation not found'),
  CooperationNameAlreadyUsed: rule('Une coopération en cours porte déjà ce nom sur ce territoire', 'A non-closed cooperation on this territory already has this name'),
  DiagnosticAlreadyExists: rule('Ce diagnostic existe déjà', 'This diagnostic already exists'),
  DiagnosticLeadNotParticipant: rule('Le ou la responsable du diagnostic n’est pas partie prenante', 'The diagnostic lead is not a participant'),
  DiagnosticAlreadyInProgress: rule('Un diagnostic de même méthode est déjà en cours', 'A diagnostic with the same method is in progress'),
  DiagnosticNotStarted: rule('Ce diagnostic n’a pas été lancé', 'This diagnostic was not started'),
  DiagnosticAlreadyCompleted: rule('Ce diagnostic est déjà achevé', 'This diagnostic is already completed'),
  DiagnosticFindingsEmpty: rule('Un diagnostic achevé doit comporter des constats ou des priorités', 'A completed diagnostic needs findings or priorities'),
  StalePhase: rule('La phase indiquée n’est plus la phase actuelle', 'The stated phase is no longer the current phase'),
  TransitionNotAllowed: rule('Ce changement de phase n’est pas permis', 'This phase transition is not allowed'),
  TransitionRequiresDedicatedCommand: rule('Ce changement de phase passe par une commande dédiée', 'This transition goes through a dedicated command'),
  DiagnosticNotCompleted: rule('Le diagnostic doit être achevé avant le cadrage', 'The diagnostic must be completed before framing'),
  DiagnosticRequired: rule('Passer le diagnostic exige une dynamique préexistante et une dérogation motivée', 'Skipping the diagnostic needs a pre-existing dynamic and a justified waiver'),
  NoActionLaunched: rule('Aucune action n’a encore été lancée', 'No action has been launched yet'),
  InsufficientSectorDiversity: rule('La coalition ne réunit pas assez de secteurs différents', 'The coalition does not bring together enough sectors'),
  CooperationAlreadyStarted: rule('La coopération a déjà démarré', 'The cooperation has already started'),
  CooperationNotInFraming: rule('La coopération doit être en phase de cadrage pour démarrer', 'The cooperation must be in framing to start'),
  NotEnoughActiveMembers: rule('Il faut au moins deux membres actifs pour démarrer', 'At least two active members are needed to start'),
  NoDecidingInstance: rule('Aucune instance ne détient de mandat de décision', 'No instance holds a decision mandate'),
  NoFacilitationRole: rule('Aucune structure n’assure l’animation ou la coordination', 'Nobody holds the Facilitator or Coordinator role'),
  NoCharterInForce: rule('Aucune charte n’est en vigueur', 'No charter is in force'),
  SuccessorNotFound: rule('Coopération successeure inconnue', 'Successor cooperation not found'),

  // membership and roles
  AlreadyParticipant: rule('Cette organisation est déjà partie prenante', 'This organisation already takes part'),
  JoinedBeforeProposal: rule('L’adhésion précède la proposition de la coopération', 'Joining precedes the cooperation’s proposal'),
  NotAnActiveParticipant: rule('Cette organisation n’est pas partie prenante active', 'This organisation is not an active participant'),
  LeadMustBeHandedOver: rule('Le pilotage doit être transmis avant le départ', 'The lead must be handed over before leaving'),
  LastMemberCannotLeave: rule('Le dernier membre ne peut pas partir d’une coopération ouverte', 'The last member cannot leave an open cooperation'),
  LeftBeforeJoining: rule('Le départ précède l’adhésion', 'Leaving precedes joining'),
  AssignmentAlreadyExists: rule('Cette attribution de rôle existe déjà', 'This role assignment already exists'),
  DuplicateRoleAssignment: rule('Cette organisation tient déjà ce rôle sur ce périmètre pour cette période', 'This organisation already holds this role and scope for the period'),
  ExclusiveRoleAlreadyHeld: rule('Ce rôle exclusif est déjà tenu par une autre organisation sur cette période', 'This exclusive role is already held by another organisation for the period'),
  ResidentRepresentativeRequiresResidentsGroup: rule('Seul un collectif d’habitant·e·s peut représenter les habitant·e·s', 'Only a residents’ group can be ResidentRepresentative'),
  RoleNotAllowedForMembershipType: rule('Ce rôle n’est pas ouvert à ce type de partenaire', 'This role is not open to this membership type'),
  AssignmentNotFound: rule('Attribution de rôle inconnue', 'Role assignment not found'),
  AssignmentNotActive: rule('Cette attribution de rôle a déjà pris fin', 'This role assignment has already ended'),
  EffectiveBeforeAssignmentStart: rule('La date d’effet précède le début de l’attribution', 'The effective date precedes the assignment’s start'),
  RoleNotHeld: rule('L’organisation cédante ne tient pas ce rôle à cette date', 'The handing-over organisation does not hold the role on that date'),
  HandOverToSelf: rule('Un rôle ne se transmet pas à soi-même', 'A role cannot be handed over to its holder'),
  RepresentativeAlreadyDesignated: rule('Cette personne est déjà désignée sur ce périmètre pour cette période', 'This person is already designated for this scope and period'),
  NotAResidentsGroup: rule('Cette organisation n’est pas un collectif d’habitant·e·s', 'This organisation is not a residents’ group'),

  // charters
  CharterAlreadyExists: rule('Cette charte existe déjà', 'This charter already exists'),
  CharterDraftAlreadyOpen: rule('Un projet de charte de même nature est déjà en cours', 'A draft of the same kind is already open'),
  DraftingOrganisationNotParticipant: rule('Une organisation rédactrice n’est pas partie prenante', 'A drafting organisation is not a participant'),
  CharterNotFound: rule('Charte inconnue', 'Charter not found'),
  CharterNotInDraft: rule('La charte n’est pas en rédaction', 'The charter is not in draft'),
  UnexpectedDraftVersion: rule('Numéro de version inattendu', 'Unexpected draft version number'),
  ContributorNotParticipant: rule('La contribution vient d’une organisation qui n’est pas partie prenante', 'The contributor is not a participant'),
  NotLatestDraftVersion: rule('Seule la dernière version du projet peut être adoptée', 'Only the latest draft version can be adopted'),
  ContentHashMismatch: rule('L’empreinte du texte ne correspond pas à la version', 'The content hash does not match the version'),
  InstanceLacksMandate: rule('Cette instance n’a pas le mandat requis', 'This instance lacks the required mandate'),
  RequiredSignatoryNotParticipant: rule('Un signataire requis n’est pas partie prenante active', 'A required signatory is not an active participant'),
  CharterAlreadyAdopted: rule('La charte est déjà adoptée', 'The charter is already adopted'),
  CharterVersionNotFound: rule('Version de charte inconnue', 'Charter version not found'),
  CharterVersionNotAdopted: rule('Cette version n’est pas adoptée', 'This version is not adopted'),
  CharterVersionSuperseded: rule('Cette version est remplacée', 'This version is superseded'),
  SignatoryNotParticipant: rule('Ce signataire n’est pas partie prenante de la coopération', 'The signatory is not a participant'),
  SignatoryNotRequired: rule('Cette organisation ne figure pas parmi les signataires requis', 'This organisation is not a required signatory'),
  SignatoryNotAuthorised: rule('Cette personne n’est pas habilitée à signer pour cette organisation', 'This person may not sign for this organisation'),
  AlreadySigned: rule('Cette organisation a déjà signé cette version', 'This organisation already signed this version'),
  SignedBeforeAdoption: rule('La signature précède l’adoption', 'The signature precedes adoption'),
  CharterNotInForce: rule('La charte n’est pas en vigueur', 'The charter is not in force'),
  AmendmentAlreadyExists: rule('Cet avenant existe déjà', 'This amendment already exists'),
  AmendmentBaseNotCurrent: rule('L’avenant ne porte pas sur la version en vigueur', 'The amendment is not based on the version in force'),
  AmendmentAlreadyPending: rule('Un avenant est déjà en attente sur cette version', 'An amendment is already pending on this version'),
  AmendmentNotPending: rule('Cet avenant n’est pas en attente', 'This amendment is not pending'),

  // governance
  InstanceAlreadyExists: rule('Cette instance existe déjà', 'This instance already exists'),
  InstanceNotFound: rule('Instance inconnue', 'Instance not found'),
  InstanceLabelAlreadyUsed: rule('Une instance active porte déjà ce nom', 'An active instance already has this label'),
  PreparingInstanceNotActive: rule('L’instance préparatoire n’est pas active', 'The preparing instance is not active'),
  MonitoringInstanceCannotDecide: rule('Un comité de suivi ne décide pas sans dérogation explicite', 'A monitoring committee does not decide without an explicit override'),
  InvalidConveningThreshold: rule('Le seuil de convocation doit être compris entre 0 (exclu) et 1', 'The convening threshold must lie in (0, 1]'),
  SteeringCommitteeAlreadyExists: rule('La coopération a déjà un comité de pilotage actif', 'The cooperation already has an active steering committee'),
  InstanceDissolved: rule('Cette instance est dissoute', 'This instance is dissolved'),
  SeatAlreadyExists: rule('Ce siège existe déjà', 'This seat already exists'),
  SeatHolderNotParticipant: rule('Le titulaire du siège n’est pas partie prenante active', 'The seat holder is not an active participant'),
  SeatAlreadyHeld: rule('Ce titulaire siège déjà dans cette instance pour cette période', 'This holder already sits in this instance for the period'),
  ChairAlreadyTaken: rule('La présidence est déjà occupée', 'The chair is already taken'),
  SeatTypeNotAllowedByChairing: rule('Ce type de siège ne convient pas au mode de présidence', 'This seat type does not fit the chairing model'),
  FunderRoleRequired: rule('Seul un financeur siège au comité des financeurs', 'Only a Funder sits on the funders’ committee'),
  SeatNotFound: rule('Siège inconnu', 'Seat not found'),
  SeatNotActive: rule('Ce siège est déjà vacant', 'This seat is already vacant'),

  // funding and commitments
  SupportDecisionAlreadyExists: rule('Cette décision de soutien existe déjà', 'This support decision already exists'),
  NonPositiveAmount: rule('Un montant indiqué doit être strictement positif', 'A stated amount must be positive'),
  CommitmentAlreadyExists: rule('Cet engagement existe déjà', 'This commitment already exists'),
  PledgerNotParticipant: rule('L’organisation qui s’engage n’est pas partie prenante active', 'The pledging organisation is not an active participant'),
  BeneficiaryNotParticipant: rule('Le ou la bénéficiaire n’est pas partie prenante', 'The beneficiary is not a participant'),
  CommitmentUndescribed: rule('Un engagement non financier doit dire ce qu’il apporte (quantité ou description)', 'A non-financial commitment needs a quantity or a description'),
  SupportDecisionMismatch: rule('La décision de soutien citée n’est pas une approbation de cette organisation', 'The support decision is not an approval by this organisation'),
  CommitmentNotFound: rule('Engagement inconnu', 'Commitment not found'),
  CommitmentNotActive: rule('Cet engagement n’est plus actif', 'This commitment is no longer active'),
  NotAFinancialCommitment: rule('Cet engagement n’est pas financier', 'This commitment is not financial'),
  DisbursementAlreadyRecorded: rule('Ce versement est déjà enregistré', 'This disbursement is already recorded'),
  DisbursementExceedsCommitment: rule('Les versements dépasseraient le montant engagé', 'Disbursements would exceed the pledged amount'),
  RecipientNotEligible: rule('Le destinataire n’est ni le bénéficiaire ni partie prenante', 'The recipient is neither the beneficiary nor a participant'),
  DisbursedBeforeCommitment: rule('Le versement précède la période de l’engagement', 'The disbursement precedes the commitment period'),
  CommitmentNotFullyDisbursed: rule('Tout n’a pas été versé : indiquez « partiel » ou une raison', 'Not fully disbursed: say it is partial or give a reason'),
  OpenFinancialCommitments: rule('Des engagements financiers sont encore ouverts', 'Financial commitments are still open'),
};

export const isProblemCode = (code: string): code is ProblemCode => Object.hasOwn(PROBLEM_CATALOG, code);
