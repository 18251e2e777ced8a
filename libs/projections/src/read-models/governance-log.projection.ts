import type Database from 'better-sqlite3';
import { isDefinitelyBefore, periodCovers, periodsOverlap, withoutPersonalData, type MeetingAttendee } from '#domain';
import { cooperationEventOf, correctShownFields, defineProjection, dropTables, earlierVersionsOf, isAssumedForDemo, rowsOf, statementsPerConnection, type ShownFields } from '../projection.js';

/**
 * Meetings and decisions per governance instance (domain.md §8.10 MeetingsAndDecisions), with the seats'
 * periods kept so the log can show who sat on the committee on the day it met, not who sits today.
 * v3: each meeting and decision says whether it rests on a demo assumption (domain.md §9).
 * v4: a guest who is a person is kept without their capacity (GDPR, personal-data.ts): the API resolves it at read time.
 * v5: corrections (E50) set the fields it shows (SHOWN). The replay is for a rolling upgrade: a v4 node skipped the
 * corrections a newer node recorded, and moved its checkpoint past them.
 * v6: a meeting still planned when its cooperation closes reads « non renseignée » (a closed cooperation records no
 * meeting, domain.md §8.1), not « prévue » for good.
 * v7: every row keyed within its cooperation: two cooperations may name an instance, a seat or a meeting alike.
 * v8: so does a meeting still planned when its instance is dissolved (E30 lets one dated before the dissolution stay
 * unrecorded); recorded as held afterwards, it reads « tenue » again.
 * v9: a member leaving ends only its Lead terms still in force: one already expired without a successor stays open
 * (the domain ends only the roles still held, E13), so « rotation du pilotage en retard » stays until a new Lead.
 * v10: the Coordinators' and Facilitators' terms are kept beside the Lead's, for the "no facilitator" alert (§10.3).
 */
const INSTANCES = 'governance_instances_v10';
const SEATS = 'governance_seats_v10';
const MEETINGS = 'governance_meetings_v10';
const DECISIONS = 'governance_decisions_v10';
const REQUESTS = 'governance_convening_requests_v10';
/**
 * The terms of the roles that steer or facilitate (Lead, Coordinator, Facilitator): the Lead's for the "lead rotation
 * due" policy of domain.md §8.9, the others for "no facilitator assigned" (§10.3). Until v9, the Lead's alone.
 */
const TERMS = 'governance_role_terms_v10';
const TERM_ROLES: readonly string[] = ['Lead', 'Coordinator', 'Facilitator'];
/** Previous versions' tables (v3 kept guests' capacities in clear): dropped, not left behind in the file. */
const PREVIOUS = [...earlierVersionsOf([INSTANCES, SEATS, MEETINGS, DECISIONS, REQUESTS], 3), ...earlierVersionsOf(['governance_leads_v10'], 3)];

const statementsOf = statementsPerConnection((db: Database.Database) => ({
  instance: db.prepare(
    `INSERT OR REPLACE INTO ${INSTANCES} (instance_id, cooperation_id, label, kind, frequency, convening_threshold, quorum, created_on, status)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'active')`,
  ),
  dissolve: db.prepare(`UPDATE ${INSTANCES} SET status = 'dissolved' WHERE cooperation_id = ? AND instance_id = ?`),
  seat: db.prepare(`INSERT OR REPLACE INTO ${SEATS} (seat_id, cooperation_id, instance_id, holder, person, seat_type, from_date, to_date) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`),
  vacate: db.prepare(`UPDATE ${SEATS} SET ended_on = ? WHERE cooperation_id = ? AND seat_id = ?`),
  request: db.prepare(`INSERT OR REPLACE INTO ${REQUESTS} (request_id, cooperation_id, instance_id, seat_id, topic, requested_on, status) VALUES (?, ?, ?, ?, ?, ?, 'pending')`),
  answer: db.prepare(`UPDATE ${REQUESTS} SET status = 'answered' WHERE cooperation_id = ? AND request_id = ?`),
  schedule: db.prepare(
    `INSERT OR REPLACE INTO ${MEETINGS} (meeting_id, cooperation_id, instance_id, scheduled_for, location, agenda, status, attendees, apologies, assumed_for_demo)
     VALUES (?, ?, ?, ?, ?, ?, 'scheduled', '[]', '[]', ?)`,
  ),
  // Scheduled or held on a demo assumption: either way the meeting shown rests on one.
  hold: db.prepare(
    `UPDATE ${MEETINGS} SET status = 'held', held_on = ?, attendees = ?, apologies = ?, minutes_ref = ?, assumed_for_demo = MAX(assumed_for_demo, ?) WHERE cooperation_id = ? AND meeting_id = ?`,
  ),
  cancel: db.prepare(`UPDATE ${MEETINGS} SET status = 'cancelled' WHERE cooperation_id = ? AND meeting_id = ?`),
  // The meetings still planned of a cooperation closing, or of one of its instances (not null) being dissolved.
  unrecorded: db.prepare<[string, string | null, string | null]>(
    `UPDATE ${MEETINGS} SET status = 'unrecorded' WHERE cooperation_id = ? AND (? IS NULL OR instance_id = ?) AND status = 'scheduled'`,
  ),
  decision: db.prepare(
    `INSERT OR REPLACE INTO ${DECISIONS} (decision_id, cooperation_id, instance_id, meeting_id, subject_type, subject_ref, outcome, text, votes, consensus, decided_on,
       assumed_for_demo)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ),
  term: db.prepare(`INSERT OR REPLACE INTO ${TERMS} (assignment_id, cooperation_id, role, organisation_id, from_date, to_date) VALUES (?, ?, ?, ?, ?, ?)`),
  endTerm: db.prepare(`UPDATE ${TERMS} SET ended_on = ? WHERE cooperation_id = ? AND assignment_id = ?`),
  openTermsOf: db.prepare<[string, string], { assignment_id: string; to_date: string | null }>(
    `SELECT assignment_id, to_date FROM ${TERMS} WHERE cooperation_id = ? AND organisation_id = ? AND ended_on IS NULL`,
  ),
  instances: db.prepare<[string], InstanceRow>(`SELECT * FROM ${INSTANCES} WHERE cooperation_id = ? ORDER BY rowid`),
  seats: db.prepare<[string, string], SeatRow>(`SELECT * FROM ${SEATS} WHERE cooperation_id = ? AND instance_id = ? ORDER BY rowid`),
  decisions: db.prepare<[string, string], DecisionRow>(`SELECT * FROM ${DECISIONS} WHERE cooperation_id = ? AND instance_id = ? ORDER BY rowid`),
  meetings: db.prepare<[string, string], MeetingRow>(`SELECT * FROM ${MEETINGS} WHERE cooperation_id = ? AND instance_id = ? ORDER BY COALESCE(held_on, scheduled_for), rowid`),
}));

const instance = rowsOf(INSTANCES, 'instance_id', 'instanceId', { perCooperation: true });
const seat = rowsOf(SEATS, 'seat_id', 'seatId', { perCooperation: true });
const meeting = rowsOf(MEETINGS, 'meeting_id', 'meetingId', { perCooperation: true });
const request = rowsOf(REQUESTS, 'request_id', 'requestId', { perCooperation: true });
const decision = rowsOf(DECISIONS, 'decision_id', 'decisionId', { perCooperation: true });
const term = rowsOf(TERMS, 'assignment_id', 'assignmentId', { perCooperation: true });

/** The fields of the events it keeps that it shows, where a correction (E50) sets them. */
const SHOWN: ShownFields = {
  GovernanceInstanceCreated: {
    label: instance('label'),
    frequency: instance('frequency', { json: true }),
    conveningThreshold: instance('convening_threshold'),
    quorum: instance('quorum'),
    createdOn: instance('created_on'),
  },
  InstanceSeatAssigned: { from: seat('from_date'), to: seat('to_date') },
  InstanceSeatVacated: { effectiveOn: seat('ended_on') },
  MeetingConveningRequested: { topic: request('topic'), requestedOn: request('requested_on') },
  MeetingScheduled: { scheduledFor: meeting('scheduled_for'), location: meeting('location'), agenda: meeting('agenda', { json: true }) },
  MeetingHeld: {
    heldOn: meeting('held_on'),
    attendees: meeting('attendees', { json: true }),
    minutesRef: meeting('minutes_ref'),
  },
  DecisionRecorded: { text: decision('text'), decidedOn: decision('decided_on') },
  RoleAssigned: { from: term('from_date'), to: term('to_date') },
  RoleRelinquished: { effectiveOn: term('ended_on') },
  RoleHandedOver: {
    effectiveOn: [rowsOf(TERMS, 'assignment_id', 'endedAssignmentId', { perCooperation: true })('ended_on'), rowsOf(TERMS, 'assignment_id', 'newAssignmentId', { perCooperation: true })('from_date')],
  },
};

export const governanceLog = defineProjection({
  name: 'governance-log',
  version: 10,
  tables: [INSTANCES, SEATS, MEETINGS, DECISIONS, REQUESTS, TERMS],
  handles: [
    'RoleAssigned',
    'RoleHandedOver',
    'RoleRelinquished',
    'MemberLeft',
    'GovernanceInstanceCreated',
    'GovernanceInstanceDissolved',
    'InstanceSeatAssigned',
    'InstanceSeatVacated',
    'MeetingConveningRequested',
    'MeetingScheduled',
    'MeetingHeld',
    'MeetingCancelled',
    'DecisionRecorded',
    'RecordCorrected',
    'CooperationClosed',
  ],
  init: (db) =>
    db.exec(`
      ${dropTables(PREVIOUS)}
      CREATE TABLE IF NOT EXISTS ${INSTANCES} (instance_id TEXT NOT NULL, cooperation_id TEXT NOT NULL, label TEXT NOT NULL, kind TEXT NOT NULL,
        frequency TEXT NOT NULL, convening_threshold REAL, quorum REAL, created_on TEXT NOT NULL, status TEXT NOT NULL, PRIMARY KEY (cooperation_id, instance_id));
      CREATE TABLE IF NOT EXISTS ${SEATS} (seat_id TEXT NOT NULL, cooperation_id TEXT NOT NULL, instance_id TEXT NOT NULL, holder TEXT NOT NULL, person TEXT,
        seat_type TEXT NOT NULL, from_date TEXT NOT NULL, to_date TEXT, ended_on TEXT, PRIMARY KEY (cooperation_id, seat_id));
      CREATE TABLE IF NOT EXISTS ${REQUESTS} (request_id TEXT NOT NULL, cooperation_id TEXT NOT NULL, instance_id TEXT NOT NULL, seat_id TEXT NOT NULL,
        topic TEXT NOT NULL, requested_on TEXT NOT NULL, status TEXT NOT NULL, PRIMARY KEY (cooperation_id, request_id));
      CREATE TABLE IF NOT EXISTS ${MEETINGS} (meeting_id TEXT NOT NULL, cooperation_id TEXT NOT NULL, instance_id TEXT NOT NULL, scheduled_for TEXT NOT NULL,
        location TEXT NOT NULL, agenda TEXT NOT NULL, status TEXT NOT NULL, held_on TEXT, attendees TEXT NOT NULL, apologies TEXT NOT NULL, minutes_ref TEXT,
        assumed_for_demo INTEGER NOT NULL, PRIMARY KEY (cooperation_id, meeting_id));
      CREATE TABLE IF NOT EXISTS ${DECISIONS} (decision_id TEXT NOT NULL, cooperation_id TEXT NOT NULL, instance_id TEXT NOT NULL, meeting_id TEXT,
        subject_type TEXT NOT NULL, subject_ref TEXT, outcome TEXT NOT NULL, text TEXT NOT NULL, votes TEXT, consensus INTEGER NOT NULL, decided_on TEXT NOT NULL,
        assumed_for_demo INTEGER NOT NULL, PRIMARY KEY (cooperation_id, decision_id));
      CREATE TABLE IF NOT EXISTS ${TERMS} (assignment_id TEXT NOT NULL, cooperation_id TEXT NOT NULL, role TEXT NOT NULL, organisation_id TEXT NOT NULL,
        from_date TEXT NOT NULL, to_date TEXT, ended_on TEXT, PRIMARY KEY (cooperation_id, assignment_id));
      -- A member leaving ends its terms: without it, every MemberLeft scanned the terms of every cooperation.
      CREATE INDEX IF NOT EXISTS ${TERMS}_by_member ON ${TERMS} (cooperation_id, organisation_id);`),
  queryIndexes: [
    `CREATE INDEX IF NOT EXISTS ${INSTANCES}_by_cooperation ON ${INSTANCES} (cooperation_id)`,
    `CREATE INDEX IF NOT EXISTS ${SEATS}_by_instance ON ${SEATS} (cooperation_id, instance_id)`,
    `CREATE INDEX IF NOT EXISTS ${MEETINGS}_by_instance ON ${MEETINGS} (cooperation_id, instance_id)`,
    `CREATE INDEX IF NOT EXISTS ${DECISIONS}_by_instance ON ${DECISIONS} (cooperation_id, instance_id)`,
  ],
  apply: (db, recorded) => {
    const cooperation = cooperationEventOf(recorded);
    if (!cooperation) return;
    const { cooperationId, event } = cooperation;
    const s = statementsOf(db);
    const demo = isAssumedForDemo(recorded) ? 1 : 0;
    switch (event.type) {
      case 'RoleAssigned': {
        const d = event.data;
        if (TERM_ROLES.includes(d.role)) s.term.run(d.assignmentId, cooperationId, d.role, d.organisationId, d.from, d.to ?? null);
        return;
      }
      case 'RoleHandedOver': {
        const d = event.data;
        if (!TERM_ROLES.includes(d.role)) return;
        s.endTerm.run(d.effectiveOn, cooperationId, d.endedAssignmentId);
        s.term.run(d.newAssignmentId, cooperationId, d.role, d.toOrganisationId, d.effectiveOn, null);
        return;
      }
      case 'RoleRelinquished':
        s.endTerm.run(event.data.effectiveOn, cooperationId, event.data.assignmentId);
        return;
      case 'MemberLeft': {
        const { organisationId, leftOn } = event.data;
        // As the domain does (record-member-departure): a term whose stated end came before leftOn is not held, so not ended.
        for (const open of s.openTermsOf.all(cooperationId, organisationId)) {
          if (!(open.to_date && isDefinitelyBefore(open.to_date, leftOn))) s.endTerm.run(leftOn, cooperationId, open.assignment_id);
        }
        return;
      }
      case 'GovernanceInstanceCreated': {
        const d = event.data;
        s.instance.run(d.instanceId, cooperationId, d.label, d.kind, JSON.stringify(d.frequency), d.conveningThreshold ?? null, d.quorum ?? null, d.createdOn);
        return;
      }
      case 'GovernanceInstanceDissolved':
        s.dissolve.run(cooperationId, event.data.instanceId);
        s.unrecorded.run(cooperationId, event.data.instanceId, event.data.instanceId);
        return;
      case 'InstanceSeatAssigned': {
        const d = event.data;
        s.seat.run(d.seatId, cooperationId, d.instanceId, d.holderOrganisationId, d.personId ?? null, d.seatType, d.from, d.to ?? null);
        return;
      }
      case 'InstanceSeatVacated':
        s.vacate.run(event.data.effectiveOn, cooperationId, event.data.seatId);
        return;
      case 'MeetingConveningRequested': {
        const d = event.data;
        s.request.run(d.requestId, cooperationId, d.instanceId, d.requestedBySeatId, d.topic, d.requestedOn);
        return;
      }
      case 'MeetingScheduled': {
        const d = event.data;
        s.schedule.run(d.meetingId, cooperationId, d.instanceId, d.scheduledFor, d.location, JSON.stringify(d.agenda), demo);
        for (const requestId of d.answersRequestIds) s.answer.run(cooperationId, requestId);
        return;
      }
      case 'MeetingHeld': {
        const d = withoutPersonalData(event.type, event.data);
        s.hold.run(d.heldOn, JSON.stringify(d.attendees), JSON.stringify(d.apologies), d.minutesRef ?? null, demo, cooperationId, d.meetingId);
        return;
      }
      case 'MeetingCancelled':
        s.cancel.run(cooperationId, event.data.meetingId);
        return;
      case 'RecordCorrected':
        correctShownFields(db, cooperationId, event.data, SHOWN);
        return;
      case 'CooperationClosed':
        s.unrecorded.run(cooperationId, null, null);
        return;
      case 'DecisionRecorded': {
        const d = event.data;
        s.decision.run(d.decisionId, cooperationId, d.instanceId, d.meetingId ?? null, d.subjectType, d.subjectRef ?? null, d.outcome, d.text,
          d.votes ? JSON.stringify(d.votes) : null, d.consensus ? 1 : 0, d.decidedOn, demo);
        return;
      }
      default:
        return;
    }
  },
});

interface InstanceRow { instance_id: string; label: string; kind: string; frequency: string; convening_threshold: number | null; quorum: number | null; created_on: string; status: string }
interface SeatRow { seat_id: string; holder: string; person: string | null; seat_type: string; from_date: string; to_date: string | null; ended_on: string | null }
interface MeetingRow { meeting_id: string; scheduled_for: string; location: string; agenda: string; status: string; held_on: string | null; attendees: string; apologies: string; minutes_ref: string | null; assumed_for_demo: number }
interface DecisionRow { decision_id: string; meeting_id: string | null; subject_type: string; subject_ref: string | null; outcome: string; text: string; votes: string | null; consensus: number; decided_on: string; assumed_for_demo: number }

export interface SeatAtDate {
  readonly seatId: string;
  readonly holderOrganisationId: string;
  readonly personId: string | null;
  readonly seatType: string;
  readonly present: boolean;
  readonly apologised: boolean;
}

export interface LoggedDecision {
  readonly decisionId: string;
  readonly meetingId: string | null;
  readonly subjectType: string;
  readonly subjectRef: string | null;
  readonly outcome: string;
  readonly text: string;
  readonly votes: { for: number; against: number; abstain: number } | null;
  readonly consensus: boolean;
  readonly decidedOn: string;
  /** Recorded on a demo assumption (source confidence D): the UI labels it so (domain.md §9). */
  readonly assumedForDemo: boolean;
}

export interface LoggedMeeting {
  readonly meetingId: string;
  readonly scheduledFor: string;
  readonly heldOn: string | null;
  readonly status: string;
  readonly location: string;
  readonly agenda: readonly string[];
  readonly minutesRef: string | null;
  /** Who held a seat on the meeting's date (or its planned date), and whether they attended. */
  readonly composition: readonly SeatAtDate[];
  /** A guest who is a person comes without `capacity`: personal data, resolved at read time from the log (decrypted or erased). */
  readonly guests: readonly { organisationId?: string; personId?: string; capacity?: string }[];
  readonly decisions: readonly LoggedDecision[];
  /** Scheduled or held on a demo assumption (source confidence D): the UI labels it so (domain.md §9). */
  readonly assumedForDemo: boolean;
}

export interface InstanceLog {
  readonly instanceId: string;
  readonly label: string;
  readonly kind: string;
  readonly status: string;
  readonly meetings: readonly LoggedMeeting[];
  /** Decisions taken by written procedure, outside any meeting. */
  readonly writtenDecisions: readonly LoggedDecision[];
}

const decisionOf = (row: DecisionRow): LoggedDecision => ({
  decisionId: row.decision_id,
  meetingId: row.meeting_id,
  subjectType: row.subject_type,
  subjectRef: row.subject_ref,
  outcome: row.outcome,
  text: row.text,
  votes: row.votes ? (JSON.parse(row.votes) as LoggedDecision['votes']) : null,
  consensus: row.consensus === 1,
  decidedOn: row.decided_on,
  assumedForDemo: row.assumed_for_demo === 1,
});

const compositionOn = (seats: SeatRow[], date: string, attendees: MeetingAttendee[], apologies: string[]): SeatAtDate[] => {
  const present = new Set(attendees.flatMap((a) => ('seatId' in a ? [a.seatId] : [])));
  return seats
    .filter((seat) =>
      periodsOverlap({ from: seat.from_date, ...(seat.to_date ? { to: seat.to_date } : {}), ...(seat.ended_on ? { endedOn: seat.ended_on } : {}) }, { from: date, to: date }),
    )
    .map((seat) => ({
      seatId: seat.seat_id,
      holderOrganisationId: seat.holder,
      personId: seat.person,
      seatType: seat.seat_type,
      present: present.has(seat.seat_id),
      apologised: apologies.includes(seat.seat_id),
    }));
};

/** The decision log of every instance of a cooperation, meetings in date order. */
export const getGovernanceLog = (db: Database.Database, cooperationId: string): InstanceLog[] => {
  const s = statementsOf(db);
  return s.instances.all(cooperationId).map((instance) => {
    const seats = s.seats.all(cooperationId, instance.instance_id);
    const decisions = s.decisions.all(cooperationId, instance.instance_id).map(decisionOf);
    const meetings = s.meetings
      .all(cooperationId, instance.instance_id)
      .map((meeting): LoggedMeeting => {
        const attendees = JSON.parse(meeting.attendees) as MeetingAttendee[];
        return {
          meetingId: meeting.meeting_id,
          scheduledFor: meeting.scheduled_for,
          heldOn: meeting.held_on,
          status: meeting.status,
          location: meeting.location,
          agenda: JSON.parse(meeting.agenda) as string[],
          minutesRef: meeting.minutes_ref,
          composition: compositionOn(seats, meeting.held_on ?? meeting.scheduled_for, attendees, JSON.parse(meeting.apologies) as string[]),
          guests: attendees.flatMap((a) => ('guest' in a ? [a.guest] : [])),
          decisions: decisions.filter((d) => d.meetingId === meeting.meeting_id),
          assumedForDemo: meeting.assumed_for_demo === 1,
        };
      });
    return {
      instanceId: instance.instance_id,
      label: instance.label,
      kind: instance.kind,
      status: instance.status,
      meetings,
      writtenDecisions: decisions.filter((d) => d.meetingId === null),
    };
  });
};

export interface InstanceCadence {
  readonly cooperationId: string;
  readonly instanceId: string;
  readonly label: string;
  readonly frequency: { kind: string; timesPerYear?: number; atLeast?: boolean };
  readonly createdOn: string;
  readonly lastHeldOn: string | null;
  readonly conveningThreshold: number | null;
  readonly activeSeats: number;
  /** Pending requests of seats still held: a vacated seat (its member gone, say) no longer asks for the meeting. */
  readonly pendingRequests: number;
}

/** What the alerts need per active instance: cadence, last meeting, seats and pending convening requests. */
export const getInstanceCadences = (db: Database.Database, cooperationId?: string): InstanceCadence[] =>
  db
    .prepare<[string | null, string | null], InstanceRow & { cooperation_id: string; last_held_on: string | null; active_seats: number; pending_requests: number }>(
      `SELECT i.*,
         (SELECT MAX(held_on) FROM ${MEETINGS} m WHERE m.cooperation_id = i.cooperation_id AND m.instance_id = i.instance_id AND m.status = 'held') AS last_held_on,
         (SELECT COUNT(*) FROM ${SEATS} s WHERE s.cooperation_id = i.cooperation_id AND s.instance_id = i.instance_id AND s.ended_on IS NULL) AS active_seats,
         (SELECT COUNT(*) FROM ${REQUESTS} r JOIN ${SEATS} seat ON seat.cooperation_id = r.cooperation_id AND seat.seat_id = r.seat_id
           WHERE r.cooperation_id = i.cooperation_id AND r.instance_id = i.instance_id AND r.status = 'pending' AND seat.ended_on IS NULL) AS pending_requests
       FROM ${INSTANCES} i WHERE i.status = 'active' AND (? IS NULL OR i.cooperation_id = ?) ORDER BY i.rowid`,
    )
    .all(cooperationId ?? null, cooperationId ?? null)
    .map((row) => ({
      cooperationId: row.cooperation_id,
      instanceId: row.instance_id,
      label: row.label,
      frequency: JSON.parse(row.frequency) as InstanceCadence['frequency'],
      createdOn: row.created_on,
      lastHeldOn: row.last_held_on,
      conveningThreshold: row.convening_threshold,
      activeSeats: row.active_seats,
      pendingRequests: row.pending_requests,
    }));

export interface LeadTermEnding {
  readonly cooperationId: string;
  readonly assignmentId: string;
  readonly organisationId: string;
  readonly from: string;
  readonly to: string;
}

/**
 * Lead assignments given an end (« la première année ») that are still open and have no successor yet:
 * neither handed over, relinquished, nor followed by a later Lead assignment.
 */
export const getLeadTermsWithoutSuccessor = (db: Database.Database, cooperationId?: string): LeadTermEnding[] =>
  db
    .prepare<[string | null, string | null], { cooperation_id: string; assignment_id: string; organisation_id: string; from_date: string; to_date: string }>(
      `SELECT * FROM ${TERMS} l WHERE l.role = 'Lead' AND l.to_date IS NOT NULL AND l.ended_on IS NULL AND (? IS NULL OR l.cooperation_id = ?)
         AND NOT EXISTS (SELECT 1 FROM ${TERMS} n WHERE n.cooperation_id = l.cooperation_id AND n.role = 'Lead' AND n.assignment_id <> l.assignment_id AND n.from_date > l.from_date)
       ORDER BY l.rowid`,
    )
    .all(cooperationId ?? null, cooperationId ?? null)
    .map((row) => ({ cooperationId: row.cooperation_id, assignmentId: row.assignment_id, organisationId: row.organisation_id, from: row.from_date, to: row.to_date }));

/**
 * The cooperations (all, or one) where an organisation facilitates on `day`: a Coordinator or Facilitator whose term
 * covers it (any scope: « animation habitat » facilitates too, as the start policy counts it).
 */
export const getFacilitatedCooperations = (db: Database.Database, day: string, cooperationId?: string): Set<string> =>
  new Set(
    db
      .prepare<[string | null, string | null], { cooperation_id: string; from_date: string; to_date: string | null; ended_on: string | null }>(
        `SELECT cooperation_id, from_date, to_date, ended_on FROM ${TERMS} WHERE role IN ('Coordinator', 'Facilitator') AND (? IS NULL OR cooperation_id = ?)`,
      )
      .all(cooperationId ?? null, cooperationId ?? null)
      .filter((row) => periodCovers({ from: row.from_date, ...(row.to_date ? { to: row.to_date } : {}), ...(row.ended_on ? { endedOn: row.ended_on } : {}) }, day))
      .map((row) => row.cooperation_id),
  );
