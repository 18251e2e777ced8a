/** Shapes of the API answers the dashboard reads (see GET /docs). */
export interface CooperationSummary {
  cooperationId: string;
  name: string;
  form: string;
  phase: string;
  territories: { territoryId: string; name: string }[];
  membersCount: number;
  charterStatus: string;
  lastActivity: { recordedAt: string; type: string; position: string };
}

export interface TimelineItem {
  position: string;
  type: string;
  date: { date: string; precision: string; approximate: boolean };
  label: string;
  assumedForDemo: boolean;
}

/** Items the API may flag as demo assumptions (source confidence D): labelled as such when it does. */
interface MaybeDemo { assumedForDemo?: boolean }

export type AlertKind = 'mustConvene' | 'meetingOverdue' | 'milestoneOverdue' | 'signaturesPending';
/** GET /cooperations/{id}/alerts and GET /dashboard `alerts`: labels already in the asked language. */
export interface Alert {
  kind: AlertKind;
  cooperationId: string;
  label: string;
  subjectId: string;
  since?: string;
}

/** GET /cooperations/{id}/commitments: totals leave undisclosed amounts out and count them. */
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
  })[];
  totals: { statedCents: number; estimatedCents: number; disbursedCents: number; undisclosed: number };
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

/** GET /cooperations/{id}/decisions: each meeting with the seats held on its date and who attended. */
export interface DecisionLog {
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

export interface LiveUpdate {
  position: string;
  cooperationId: string;
  type: string;
  timelineItem: { eventId: string; date: { date: string } | null; recordedAt: string; label: { fr: string; en: string } };
  summary: CooperationSummary | null;
}

export class NotFound extends Error {}

export const getJson = async <T>(path: string): Promise<T> => {
  const response = await fetch(path, { headers: { Accept: 'application/json' } });
  if (response.status === 404) throw new NotFound(path);
  if (!response.ok) throw new Error(`${path}: ${response.status}`);
  return (await response.json()) as T;
};
