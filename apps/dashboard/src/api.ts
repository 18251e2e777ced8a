import { endSession, sessionToken, type Principal } from './session.js';

/** Shapes of the API answers the dashboard reads (see GET /docs). */
export interface CooperationSummary {
  cooperationId: string;
  name: string;
  form: string;
  phase: string;
  territories: { territoryId: string; name: string }[];
  membersCount: number;
  charterStatus: string;
  lastActivity: { recordedAt: string; recordedOn: string; type: string; position: string };
}

export interface TimelineItem {
  position: string;
  eventId: string;
  type: string;
  date: { date: string; precision: string; to?: string; approximate: boolean };
  label: string;
  assumedForDemo: boolean;
}

/** GET /dashboard `recentActivity`: the latest items across the caller's cooperations, newest record first. */
export interface ActivityItem extends TimelineItem {
  cooperationId: string;
  recordedAt: string;
  /** The record day where the cooperations are: the day the feed shows. */
  recordedOn: string;
}

/** Items the API may flag as demo assumptions (source confidence D): labelled as such when it does. */
interface MaybeDemo { assumedForDemo?: boolean }

export type AlertKind = 'mustConvene' | 'meetingOverdue' | 'milestoneOverdue' | 'leadRotationDue' | 'signaturesPending' | 'departedMemberCommitment' | 'noFacilitator';
/** GET /cooperations/{id}/alerts and GET /dashboard `alerts`: labels already in the asked language. */
export interface Alert {
  kind: AlertKind;
  cooperationId: string;
  label: string;
  subjectId: string;
  since?: string;
}

/** GET /cooperations/{id}/commitments: totals leave undisclosed amounts out and count them. */
export interface LedgerTotals { statedCents: number; estimatedCents: number; disbursedCents: number; undisclosed: number }

export interface Ledger {
  commitments: (MaybeDemo & {
    commitmentId: string;
    organisationId: string;
    coFunderOrganisationIds: string[];
    kind: string;
    purpose: string;
    beneficiaryOrganisationId: string | null;
    description: string;
    amount: { status: 'stated' | 'estimated' | 'notDisclosed'; cents: number | null } | null;
    quantity: { value: number; unit: string } | null;
    disbursedCents: number;
    status: string;
    /** The support decision it follows from and the action it funds, when the pledge names them (domain.md §10.2). */
    supportDecisionId: string | null;
    actionId: string | null;
    /** Each payment on it, in the order recorded. */
    disbursements: LedgerDisbursement[];
  })[];
  totals: LedgerTotals;
  totalsByFunder: (LedgerTotals & { organisationId: string })[];
  totalsByScope: (LedgerTotals & { scope: 'project' | 'structure' })[];
  supportDecisions: LedgerSupportDecision[];
}

/** A payment on a commitment: `label`, its amount as the asked language writes it; `allocationId`, the co-funding share it paid. */
export interface LedgerDisbursement {
  disbursementId: string;
  toOrganisationId: string;
  disbursedOn: string;
  cents: number;
  label: string;
  allocationId: string | null;
}

/** A funder's decision to support the cooperation (a board, a regional commission…) and the commitments that follow from it. */
export interface LedgerSupportDecision {
  supportDecisionId: string;
  deciderOrganisationId: string;
  decidingBody: string;
  bodyLabel: string;
  outcome: string;
  /** null when the decision states no amount; `label` « montant non communiqué » when it withholds it. */
  amount: { status: 'stated' | 'estimated' | 'notDisclosed'; cents: number | null; label: string } | null;
  conditions: string[];
  decidedOn: string;
  commitmentIds: string[];
}

export interface Decision extends MaybeDemo {
  decisionId: string;
  subjectType: string;
  outcome: string;
  text: string;
  votes: { for: number; against: number; abstain: number } | null;
  consensus: boolean;
  decidedOn: string;
}

/** GET /cooperations/{id}/decisions/{decisionId}: one decision in its context (the decision dossier). */
export interface DecisionDossier {
  /** The record time it is shown as known at (`?asOf=`, a bare day meaning its end), when asked. */
  asOf?: string;
  decision: Omit<Decision, 'assumedForDemo' | 'votes'> & {
    eventId: string;
    revision: number;
    instanceId: string;
    meetingId?: string;
    writtenProcedure?: boolean;
    subjectRef?: string;
    votes?: { for: number; against: number; abstain: number };
    consensus?: boolean;
    revisits?: string;
    recordedAt?: string;
    actor?: Actor;
    source?: { document: string; lines?: string; confidence: string };
  };
  instance?: { instanceId: string; label: string; kind: string; mandate: string[]; quorum?: number; status: string };
  meeting?: { meetingId: string; scheduledFor: string; location: string; agenda: string[]; heldOn: string | null; minutesRef: string | null; guests: { organisationId?: string; personId?: string; capacity?: string }[] };
  composition: { seatId: string; holderOrganisationId: string; holderName: string; personId?: string; seatType: string; present: boolean; apologised: boolean }[];
  quorum: { rule: number; seats: number; required: number; present: number } | null;
  chartersInForce: { charterId: string; title: string; version: number; effectiveOn: string }[];
  consequences: { eventId: string; type: string; revision: number; label: string }[];
  /** Each with the corrected event's label as the dossier's log reads it (as known then, with asOf). */
  corrections: (Correction & { correctedEventLabel: string })[];
}

/** GET /cooperations/{id}/decisions: each meeting with the seats held on its date and who attended. */
export interface DecisionLog {
  cooperationId: string;
  instances: {
    instanceId: string;
    label: string;
    kind: string;
    meetings: (MaybeDemo & {
      meetingId: string;
      scheduledFor: string;
      heldOn: string | null;
      status: string;
      location: string;
      agenda: string[];
      composition: { seatId: string; holderName: string; personId: string | null; seatType: string; present: boolean; apologised: boolean }[];
      guests: { organisationId?: string; personId?: string; capacity: string }[];
      decisions: Decision[];
    })[];
    writtenDecisions: Decision[];
  }[];
}

/** GET /cooperations/{id}/actions. */
export interface ActionsBoard {
  actions: (MaybeDemo & {
    actionId: string;
    title: string;
    lever: string | null;
    leadOrganisationId: string;
    launchedOn: string;
    status: string;
    completedOn: string | null;
    results: { label: string; value: number; unit: string }[];
  })[];
  milestones: (MaybeDemo & { milestoneId: string; label: string; kind: string; dueBy: string | null; status: string; reachedOn: string | null; preHistory: boolean })[];
}

/** A period an evaluation covers, « 2016 » to « 2016 » for a year's review. */
export interface Period { from: string; to?: string }
/** GET /cooperations/{id}/indicators: the indicators agreed (E47) with their measures over the periods, and the evaluations (E48), latest first. */
export interface IndicatorsView {
  indicatorSets: (MaybeDemo & { indicatorSetId: string; decisionId: string; agreedOn: string })[];
  indicators: {
    code: string;
    label: string;
    unit: string;
    baseline?: number;
    target?: number;
    frequency: string;
    indicatorSetId: string;
    /** Oldest period first. */
    measurements: { evaluationId: string; period: Period; value: number; unit: string }[];
  }[];
  evaluations: (MaybeDemo & {
    evaluationId: string;
    kind: string;
    conductedByOrganisationId: string;
    period: Period;
    measurements: { indicatorCode?: string; label: string; value: number; unit: string }[];
    findings: string;
    reportRef: string | null;
  })[];
}

/** A charter version as GET /cooperations/{id} gives it: who wrote it and what it changed, who signed it, who took their signature back. */
export interface CharterVersion {
  version: number;
  status: 'draft' | 'adopted' | 'inForce' | 'superseded';
  adoptedOn?: string;
  effectiveOn?: string;
  authorship: {
    contributedByOrganisationId: string;
    contributedByName: string;
    summary: string;
    sectionsChanged: string[];
    contentRef?: string;
    /** For a version proposed as an amendment: which one, and why. */
    amendmentId?: string;
    rationale?: string;
  };
  signatures: { organisationId: string; organisationName: string; signatoryPersonId: string; signatoryCapacity: string; signedOn: string; witnesses: { name?: string; personId?: string; organisationId?: string; capacity?: string }[] }[];
  signatureProgress: { signed: number; required: number };
  /** Signatures taken back (E26): no longer counted in `signatures`. */
  withdrawals: { organisationId: string; organisationName: string; withdrawnOn: string }[];
}

interface Role { role: string; scope?: string; scopeLabel?: { fr: string; en: string }; wording?: string }
/** GET /cooperations/{id}, now, `?asOf=` (then `asOf` is the record time looked at) or `?on=` (then `on` is the business day). */
export interface Cooperation {
  cooperationId: string;
  revision: number;
  asOf?: string;
  on?: string;
  name: string;
  acronymExpansion?: string;
  purpose: string;
  phase: string;
  territories: { name: string }[];
  members: { organisationId: string; name: string; membershipType: string; joinedOn: string; roles: Role[] }[];
  formerMembers: { organisationId: string; name: string }[];
  representatives: { personId: string; personName: string }[];
  lead: { current: { organisationName: string } | null; history: { organisationName: string; from: string; endedOn?: string; to?: string; current: boolean; upcoming: boolean }[] };
  charters: { charterId: string; title: string; status: string; versions: CharterVersion[] }[];
  instances: { label: string; kind: string; status: string; seats: { holderName: string; seatType: string }[] }[];
  corrections: Correction[];
}

/** A record set right by `correct-record` (E50): the corrected event stays as recorded. */
export interface Correction {
  correctedEventId: string;
  correctedEventType: string;
  fieldPath: string;
  previousValue: unknown;
  correctedValue: unknown;
  reason: string;
  sourceRef: string | null;
  recordedAt?: string;
}

export interface Actor { userId: string; personId?: string; organisationId?: string; capacity?: string }
/** A business date as events carry it (`occurredAt`). */
export interface BusinessDate { date: string; to?: string; precision?: string; approximate?: boolean }
export interface Source { document: string; lines?: string; confidence: string }

/** One stored event, as GET /cooperations/{id}/events and GET /events/{eventId} give it. */
export interface StoredEvent {
  eventId: string;
  streamId: string;
  revision: number;
  position: string;
  type: string;
  data: Record<string, unknown>;
  metadata: {
    actor: Actor;
    recordedAt: string;
    correlationId?: string;
    causationId?: string;
    commandId?: string;
    commandHash?: string;
    occurredAt?: BusinessDate;
    source?: Source;
    /** Who the fact is shared with; absent on events recorded before it was stamped (consortium). */
    visibility?: 'consortium' | 'funders' | 'public';
    previousHash?: string;
    hash?: string;
  };
}

/** GET /cooperations/{id}/events: `nextFromRevision` is null on the last page. */
export interface EventPage { events: StoredEvent[]; nextFromRevision: number | null }

/** An event as the decision context lists it. */
export interface EventRef { eventId: string; streamId: string; revision: number; type: string; recordedAt: string; actor: Actor }
/** GET /events/{eventId}: the command that recorded the event, and every event sharing its correlation id. */
export interface EventContext {
  event: StoredEvent;
  command: { commandId: string; actor: Actor; recordedAt: string; commandHash?: string; events: EventRef[] } | null;
  causation: { causationId: string; causedByCommand: boolean; causedByEvent: string | null } | null;
  correlation: { correlationId: string; events: EventRef[] } | null;
}

export type BreakReason = 'hashMismatch' | 'previousHashMismatch' | 'missingHash' | 'copyMismatch';
/** GET /audit/verify: a broken chain is a finding (still 200), `firstBreak` names where. */
export interface VerifyReport {
  ok: boolean;
  eventsChecked: number;
  streamsChecked: number;
  unchainedEvents: number;
  firstBreak?: { streamId: string; revision: number; eventId: string; position: string; reason: BreakReason; field?: string; expected: string; found: string | null };
}

/** GET /cooperations/{id}/diff: what changed between two record times. */
export interface CooperationDiff {
  from: string;
  to: string;
  fromRevision: number | null;
  toRevision: number;
  phase: { from: string | null; to: string } | null;
  membersJoined: { name: string; joinedOn: string }[];
  membersLeft: { name: string; leftOn?: string }[];
  rolesAssigned: { organisationName: string; role: string; scope?: string; scopeLabel?: { fr: string; en: string }; from: string; to?: string }[];
  rolesEnded: { organisationName: string; role: string; scope?: string; scopeLabel?: { fr: string; en: string }; from: string; endedOn?: string; to?: string }[];
  seatsAssigned: { instanceLabel: string; holderName: string; seatType: string }[];
  seatsVacated: { instanceLabel: string; holderName: string; seatType: string }[];
  signatures: { title: string; version: number; organisationName: string; signedOn: string }[];
  signaturesWithdrawn: { title: string; version: number; organisationName: string; signedOn: string }[];
  charters: { title: string; status: string; previousStatus: string | null }[];
  events: { eventId: string; revision: number; type: string; recordedAt: string; occurredAt?: BusinessDate; actor: Actor }[];
}

export interface LiveUpdate {
  position: string;
  cooperationId: string;
  type: string;
  timelineItem: { eventId: string; date: BusinessDate; recordedAt: string; recordedOn: string; label: { fr: string; en: string } };
  summary: CooperationSummary | null;
}

export class NotFound extends Error {}
/** 401: the token is missing, invalid or expired (the session has ended, unless the token was only being tried). */
export class Unauthorised extends Error {
  constructor(readonly reason: 'Unauthenticated' | 'TokenExpired') {
    super(reason);
  }
}
/** 403: the caller's role may not read this (`AuditorOrAdminOnly` for a member, say). */
export class Forbidden extends Error {
  constructor(readonly code: string) {
    super(code);
  }
}

const codeOf = async (response: Response): Promise<string | undefined> => {
  try {
    const body = (await response.json()) as { code?: unknown };
    return typeof body.code === 'string' ? body.code : undefined;
  } catch {
    return undefined;
  }
};

/**
 * The one place the dashboard calls the API: every request carries the session's bearer token (or `token`, the
 * one being tried at sign-in). A 401 to the session's token ends the session, whose handler shows the sign-in view.
 */
const authorisedGet = async (path: string, accept: string, options: { token?: string }): Promise<Response> => {
  const token = options.token ?? sessionToken();
  const response = await fetch(path, {
    headers: { Accept: accept, ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    credentials: 'omit',
    cache: 'no-store',
  });
  if (response.status === 401) {
    const reason = (await codeOf(response)) === 'TokenExpired' ? 'TokenExpired' : 'Unauthenticated';
    if (options.token === undefined) endSession(reason, token);
    throw new Unauthorised(reason);
  }
  if (response.status === 403) throw new Forbidden((await codeOf(response)) ?? 'Forbidden');
  if (response.status === 404) throw new NotFound(path);
  if (!response.ok) throw new Error(`${path}: ${response.status}`);
  return response;
};

/** GET /webhooks (admin): this node's webhooks, never their secrets. */
export interface Webhook {
  webhookId: string;
  url: string;
  eventTypes: string[];
  cooperationId?: string;
  description?: string;
  createdAt: string;
  createdBy: string;
  cursor: string | null;
  failing?: { attempts: number; lastError: string; since: string };
}

/** GET /webhooks/{id}/deliveries: the latest attempts, newest first. */
export interface WebhookDelivery {
  eventId: string;
  eventType: string;
  attempt: number;
  at: string;
  durationMs: number;
  status: number | null;
  ok: boolean;
  error?: string;
}

export const getJson = async <T>(path: string, options: { token?: string } = {}): Promise<T> =>
  (await (await authorisedGet(path, 'application/json', options)).json()) as T;

/**
 * A file the API serves (the meetings calendar, the timeline as CSV), fetched with the session's token, which a plain
 * link cannot send; named as the server names it (Content-Disposition).
 */
export const getFile = async (path: string, accept: string): Promise<{ file: Blob; name: string }> => {
  const response = await authorisedGet(path, accept, {});
  const name = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? path.split('?')[0]!.split('/').at(-1)!;
  return { file: await response.blob(), name };
};

/** GET /me: who the token says the caller is. */
export const getMe = (token?: string): Promise<Principal> => getJson<Principal>('/me', token === undefined ? {} : { token });
