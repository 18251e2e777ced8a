import type Database from 'better-sqlite3';
import { COOPERATION_EVENT_TYPES, type CooperationEvent, type TerritoryDefined } from '#domain';
import type { ProjectableEvent } from '#event-store';
import { cooperationEventOf, correctShownFields, defineProjection, dropTables, earlierVersionsOf, recordDayOf, rowsOf, statementsPerConnection, type ShownFields } from '../projection.js';

/** The list of cooperations (api.md `GET /cooperations`): one row each, kept current by the log. */
const COOPERATIONS = 'cooperation_list_v5';
const TERRITORIES = 'cooperation_list_territories_v5';
/** Who takes part where: the portfolio filter (`organisationId`) of domain.md §8.10 FoundationPortfolio. */
const PARTICIPANTS = 'cooperation_list_participants_v5';
/** The previous version's tables, dropped by `init` (dropTables). */
const PREVIOUS = earlierVersionsOf([COOPERATIONS, TERRITORIES, PARTICIPANTS], 2);

export type CharterStatus = 'none' | 'draft' | 'adopted' | 'inForce';

export interface CooperationListItem {
  readonly cooperationId: string;
  readonly name: string;
  readonly form: string;
  readonly phase: string;
  readonly programmeId: string | null;
  readonly territories: readonly { territoryId: string; name: string }[];
  readonly membersCount: number;
  readonly charterStatus: CharterStatus;
  /** `recordedOn`: the day of `recordedAt` where the cooperations are (CARNET_TIME_ZONE), the day a list shows. */
  readonly lastActivity: { readonly recordedAt: string; readonly recordedOn: string; readonly type: string; readonly position: string };
}

const CHARTER_RANK: Record<CharterStatus, number> = { none: 0, draft: 1, adopted: 2, inForce: 3 };

const statementsOf = statementsPerConnection((db: Database.Database) => ({
  territory: db.prepare(`INSERT OR REPLACE INTO ${TERRITORIES} (territory_id, name) VALUES (?, ?)`),
  propose: db.prepare(
    `INSERT OR REPLACE INTO ${COOPERATIONS} (cooperation_id, name, form, phase, programme_id, territory_ids, members_count, charter_status,
       last_activity_at, last_activity_on, last_activity_type, last_activity_position, last_activity_seq)
     VALUES (?, ?, ?, 'identification', ?, ?, 0, 'none', ?, ?, ?, ?, (SELECT COALESCE(MAX(last_activity_seq), 0) + 1 FROM ${COOPERATIONS}))`,
  ),
  joined: db.prepare(`INSERT OR REPLACE INTO ${PARTICIPANTS} (cooperation_id, organisation_id) VALUES (?, ?)`),
  left: db.prepare(`DELETE FROM ${PARTICIPANTS} WHERE cooperation_id = ? AND organisation_id = ?`),
  phase: db.prepare(`UPDATE ${COOPERATIONS} SET phase = ? WHERE cooperation_id = ?`),
  members: db.prepare(`UPDATE ${COOPERATIONS} SET members_count = members_count + ? WHERE cooperation_id = ?`),
  charter: db.prepare(`SELECT charter_status AS status FROM ${COOPERATIONS} WHERE cooperation_id = ?`),
  setCharter: db.prepare(`UPDATE ${COOPERATIONS} SET charter_status = ? WHERE cooperation_id = ?`),
  activity: db.prepare(
    // Positions are opaque (EventStoreDB's are C:<commit>/P:<prepare>): recency is this table's own sequence.
    `UPDATE ${COOPERATIONS} SET last_activity_at = ?, last_activity_on = ?, last_activity_type = ?, last_activity_position = ?,
       last_activity_seq = (SELECT MAX(last_activity_seq) + 1 FROM ${COOPERATIONS}) WHERE cooperation_id = ?`,
  ),
}));

/** A charter status only moves forward in this summary: one charter in force outranks a new draft. */
const raiseCharter = (db: Database.Database, cooperationId: string, status: CharterStatus): void => {
  const s = statementsOf(db);
  const current = (s.charter.get(cooperationId) as { status: CharterStatus } | undefined)?.status ?? 'none';
  if (CHARTER_RANK[status] > CHARTER_RANK[current]) s.setCharter.run(status, cooperationId);
};

/** A correction (E50) of a cooperation's form sets the form listed (its name is structural: the registry's rule indexes it). */
const SHOWN: ShownFields = { CooperationProposed: { form: rowsOf(COOPERATIONS, 'cooperation_id', 'cooperationId')('form') } };

const applyCooperationEvent = (db: Database.Database, cooperationId: string, event: CooperationEvent, recorded: ProjectableEvent): void => {
  const s = statementsOf(db);
  switch (event.type) {
    case 'CooperationProposed':
      s.propose.run(cooperationId, event.data.name, event.data.form, event.data.programmeId ?? null, JSON.stringify(event.data.territoryIds),
        recorded.metadata.recordedAt, recordDayOf(recorded), recorded.type, recorded.position);
      return;
    case 'CooperationPhaseChanged':
      s.phase.run(event.data.toPhase, cooperationId);
      break;
    case 'CooperationStarted':
      s.phase.run('implementation', cooperationId);
      break;
    case 'CooperationClosed':
      s.phase.run('closed', cooperationId);
      break;
    case 'MemberJoined':
      s.members.run(1, cooperationId);
      s.joined.run(cooperationId, event.data.organisationId);
      break;
    case 'MemberLeft':
      s.members.run(-1, cooperationId);
      s.left.run(cooperationId, event.data.organisationId);
      break;
    case 'CharterDraftStarted':
      raiseCharter(db, cooperationId, 'draft');
      break;
    case 'CharterAdopted':
      raiseCharter(db, cooperationId, 'adopted');
      break;
    case 'CharterEnteredIntoForce':
      raiseCharter(db, cooperationId, 'inForce');
      break;
    case 'RecordCorrected':
      correctShownFields(db, cooperationId, event.data, SHOWN);
      break;
    default:
      break;
  }
  s.activity.run(recorded.metadata.recordedAt, recordDayOf(recorded), recorded.type, recorded.position, cooperationId);
};

export const cooperationList = defineProjection({
  name: 'cooperation-list',
  // v3: every event of a cooperation is its last activity (v2 left out meetings, decisions, commitments, actions, milestones…).
  // v4: a correction (E50) of its form sets the form listed; replayed for a rolling upgrade (a v3 node counted it as activity only).
  // v5: the last activity's day where the cooperations are (metadata.recordedOn), not UTC's.
  version: 5,
  tables: [COOPERATIONS, TERRITORIES, PARTICIPANTS],
  handles: ['TerritoryDefined', ...COOPERATION_EVENT_TYPES],
  init: (db) =>
    db.exec(`
      ${dropTables(PREVIOUS)}
      CREATE TABLE IF NOT EXISTS ${TERRITORIES} (territory_id TEXT PRIMARY KEY, name TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS ${COOPERATIONS} (
        cooperation_id TEXT PRIMARY KEY, name TEXT NOT NULL, form TEXT NOT NULL, phase TEXT NOT NULL, programme_id TEXT,
        territory_ids TEXT NOT NULL, members_count INTEGER NOT NULL, charter_status TEXT NOT NULL,
        last_activity_at TEXT NOT NULL, last_activity_on TEXT NOT NULL, last_activity_type TEXT NOT NULL, last_activity_position TEXT NOT NULL,
        last_activity_seq INTEGER NOT NULL);
      -- Every event of a cooperation takes MAX(last_activity_seq) + 1: read from this index, not by a scan of every row.
      CREATE INDEX IF NOT EXISTS ${COOPERATIONS}_by_activity ON ${COOPERATIONS} (last_activity_seq);
      CREATE TABLE IF NOT EXISTS ${PARTICIPANTS} (
        cooperation_id TEXT NOT NULL, organisation_id TEXT NOT NULL, PRIMARY KEY (organisation_id, cooperation_id));`),
  apply: (db, recorded) => {
    if (recorded.type === 'TerritoryDefined') {
      const { territoryId, name } = (recorded as unknown as TerritoryDefined).data;
      statementsOf(db).territory.run(territoryId, name);
      return;
    }
    const cooperation = cooperationEventOf(recorded);
    if (cooperation) applyCooperationEvent(db, cooperation.cooperationId, cooperation.event, recorded);
  },
});

interface Row {
  cooperation_id: string;
  name: string;
  form: string;
  phase: string;
  programme_id: string | null;
  territory_ids: string;
  members_count: number;
  charter_status: CharterStatus;
  last_activity_at: string;
  last_activity_on: string;
  last_activity_type: string;
  last_activity_position: string;
}

export interface CooperationFilter {
  readonly phase?: string;
  readonly cooperationId?: string;
  /** Cooperations this organisation currently takes part in (its portfolio). */
  readonly organisationId?: string;
  readonly programmeId?: string;
}

/** Each cooperation's phase (all, or one), most recently active first: what the alerts need of the list, without building its items. */
export const getPhases = (db: Database.Database, cooperationId?: string): Map<string, string> =>
  new Map(
    db
      .prepare<[string | null, string | null], { cooperation_id: string; phase: string }>(`SELECT cooperation_id, phase FROM ${COOPERATIONS} WHERE ? IS NULL OR cooperation_id = ? ORDER BY last_activity_seq DESC`)
      .all(cooperationId ?? null, cooperationId ?? null)
      .map((row) => [row.cooperation_id, row.phase]),
  );

/** Most recently active first; every filter given narrows the list. */
export const getCooperations = (db: Database.Database, filter: CooperationFilter = {}): CooperationListItem[] => {
  const territoryName = db.prepare<[string], { name: string }>(`SELECT name FROM ${TERRITORIES} WHERE territory_id = ?`);
  const { phase = null, cooperationId = null, organisationId = null, programmeId = null } = filter;
  const rows = db
    .prepare<Record<string, string | null>, Row>(
      `SELECT * FROM ${COOPERATIONS} c
       WHERE (@phase IS NULL OR phase = @phase) AND (@cooperationId IS NULL OR cooperation_id = @cooperationId)
         AND (@programmeId IS NULL OR programme_id = @programmeId)
         AND (@organisationId IS NULL OR EXISTS (SELECT 1 FROM ${PARTICIPANTS} p WHERE p.organisation_id = @organisationId AND p.cooperation_id = c.cooperation_id))
       ORDER BY last_activity_seq DESC`,
    )
    .all({ phase, cooperationId, organisationId, programmeId });
  return rows.map((row) => ({
    cooperationId: row.cooperation_id,
    name: row.name,
    form: row.form,
    phase: row.phase,
    programmeId: row.programme_id,
    territories: (JSON.parse(row.territory_ids) as string[]).map((territoryId) => ({ territoryId, name: territoryName.get(territoryId)?.name ?? territoryId })),
    membersCount: row.members_count,
    charterStatus: row.charter_status,
    lastActivity: { recordedAt: row.last_activity_at, recordedOn: row.last_activity_on, type: row.last_activity_type, position: row.last_activity_position },
  }));
};
