import type Database from 'better-sqlite3';
import { cooperationEventOf, correctShownFields, defineProjection, dropTables, earlierVersionsOf, isAssumedForDemo, rowsOf, statementsPerConnection, type ShownFields } from '../projection.js';

/**
 * Actions by lever and lead with their results, and the milestones planned and reached (domain.md §8.10 ActionsBoard).
 * v2: each action and milestone says whether it rests on a demo assumption (domain.md §9).
 * v3: corrections (E50) set the fields it shows (SHOWN). The replay is for a rolling upgrade: a v2 node skipped the
 * corrections a newer node recorded, and moved its checkpoint past them.
 * v4: rows keyed within their cooperation: two cooperations may name an action or a milestone alike.
 */
const ACTIONS = 'actions_board_actions_v4';
const MILESTONES = 'actions_board_milestones_v4';
const PREVIOUS = earlierVersionsOf([ACTIONS, MILESTONES], 2);

const statementsOf = statementsPerConnection((db: Database.Database) => ({
  launch: db.prepare(
    `INSERT OR REPLACE INTO ${ACTIONS} (action_id, cooperation_id, title, description, lever, lead, contributors, launched_on, planned_end, status, results, assumed_for_demo)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'launched', '[]', ?)`,
  ),
  complete: db.prepare(`UPDATE ${ACTIONS} SET status = 'completed', completed_on = ?, results = ?, narrative = ? WHERE cooperation_id = ? AND action_id = ?`),
  plan: db.prepare(
    `INSERT OR REPLACE INTO ${MILESTONES} (milestone_id, cooperation_id, label, kind, due_by, status, warnings, assumed_for_demo) VALUES (?, ?, ?, ?, ?, 'planned', ?, ?)`,
  ),
  // A reached milestone rests on a demo assumption if its planning (label, kind) or its reaching (date) does.
  reachPlanned: db.prepare(
    `UPDATE ${MILESTONES} SET status = 'reached', reached_on = ?, evidence_ref = ?, assumed_for_demo = MAX(assumed_for_demo, ?) WHERE cooperation_id = ? AND milestone_id = ?`,
  ),
  reachUnplanned: db.prepare(
    `INSERT OR REPLACE INTO ${MILESTONES} (milestone_id, cooperation_id, label, kind, status, reached_on, evidence_ref, pre_history, warnings, assumed_for_demo)
     VALUES (?, ?, ?, ?, 'reached', ?, ?, ?, '[]', ?)`,
  ),
}));

const action = rowsOf(ACTIONS, 'action_id', 'actionId', { perCooperation: true });
const milestone = rowsOf(MILESTONES, 'milestone_id', 'milestoneId', { perCooperation: true });

/** The fields of the events it keeps that it shows, where a correction (E50) sets them. */
const SHOWN: ShownFields = {
  ActionLaunched: {
    title: action('title'),
    description: action('description'),
    lever: action('lever'),
    launchedOn: action('launched_on'),
    plannedEnd: action('planned_end'),
  },
  ActionCompleted: { completedOn: action('completed_on'), results: action('results', { json: true }), narrative: action('narrative') },
  MilestonePlanned: { label: milestone('label'), dueBy: milestone('due_by') },
  // A planned milestone shows its plan's label; one recorded as it happened (no due date), the label it was reached under.
  MilestoneReached: { reachedOn: milestone('reached_on'), evidenceRef: milestone('evidence_ref'), label: milestone('label', { onlyWhere: 'due_by IS NULL' }) },
};

export const actionsBoard = defineProjection({
  name: 'actions-board',
  version: 4,
  tables: [ACTIONS, MILESTONES],
  handles: ['ActionLaunched', 'ActionCompleted', 'MilestonePlanned', 'MilestoneReached', 'RecordCorrected'],
  init: (db) =>
    db.exec(`${dropTables(PREVIOUS)}
      CREATE TABLE IF NOT EXISTS ${ACTIONS} (action_id TEXT NOT NULL, cooperation_id TEXT NOT NULL, title TEXT NOT NULL, description TEXT NOT NULL,
        lever TEXT, lead TEXT NOT NULL, contributors TEXT NOT NULL, launched_on TEXT NOT NULL, planned_end TEXT, status TEXT NOT NULL,
        completed_on TEXT, results TEXT NOT NULL, narrative TEXT, assumed_for_demo INTEGER NOT NULL, PRIMARY KEY (cooperation_id, action_id));
      CREATE TABLE IF NOT EXISTS ${MILESTONES} (milestone_id TEXT NOT NULL, cooperation_id TEXT NOT NULL, label TEXT NOT NULL, kind TEXT NOT NULL,
        due_by TEXT, status TEXT NOT NULL, reached_on TEXT, evidence_ref TEXT, pre_history INTEGER NOT NULL DEFAULT 0, warnings TEXT NOT NULL,
        assumed_for_demo INTEGER NOT NULL, PRIMARY KEY (cooperation_id, milestone_id));`),
  queryIndexes: [
    `CREATE INDEX IF NOT EXISTS ${ACTIONS}_by_cooperation ON ${ACTIONS} (cooperation_id)`,
    `CREATE INDEX IF NOT EXISTS ${MILESTONES}_by_cooperation ON ${MILESTONES} (cooperation_id)`,
  ],
  apply: (db, recorded) => {
    const cooperation = cooperationEventOf(recorded);
    if (!cooperation) return;
    const { cooperationId, event } = cooperation;
    const s = statementsOf(db);
    const demo = isAssumedForDemo(recorded) ? 1 : 0;
    switch (event.type) {
      case 'ActionLaunched': {
        const d = event.data;
        s.launch.run(d.actionId, cooperationId, d.title, d.description, d.lever ?? null, d.leadOrganisationId, JSON.stringify(d.contributingOrganisationIds), d.launchedOn, d.plannedEnd ?? null, demo);
        return;
      }
      case 'ActionCompleted':
        s.complete.run(event.data.completedOn, JSON.stringify(event.data.results), event.data.narrative, cooperationId, event.data.actionId);
        return;
      case 'MilestonePlanned': {
        const d = event.data;
        s.plan.run(d.milestoneId, cooperationId, d.label, d.kind, d.dueBy, JSON.stringify(d.warnings), demo);
        return;
      }
      case 'RecordCorrected':
        correctShownFields(db, cooperationId, event.data, SHOWN);
        return;
      case 'MilestoneReached': {
        const d = event.data;
        if (d.planned) s.reachPlanned.run(d.reachedOn, d.evidenceRef ?? null, demo, cooperationId, d.milestoneId);
        else s.reachUnplanned.run(d.milestoneId, cooperationId, d.label, d.kind, d.reachedOn, d.evidenceRef ?? null, d.preHistory ? 1 : 0, demo);
        return;
      }
      default:
        return;
    }
  },
});

export interface BoardAction {
  readonly actionId: string;
  readonly title: string;
  readonly description: string;
  readonly lever: string | null;
  readonly leadOrganisationId: string;
  readonly contributingOrganisationIds: readonly string[];
  readonly launchedOn: string;
  readonly plannedEnd: string | null;
  readonly status: string;
  readonly completedOn: string | null;
  readonly results: readonly { label: string; value: number; unit: string }[];
  /** Launched on a demo assumption (source confidence D): the UI labels it so (domain.md §9). */
  readonly assumedForDemo: boolean;
}

export interface BoardMilestone {
  readonly milestoneId: string;
  readonly cooperationId: string;
  readonly label: string;
  readonly kind: string;
  readonly dueBy: string | null;
  readonly status: string;
  readonly reachedOn: string | null;
  readonly preHistory: boolean;
  readonly warnings: readonly { code: string }[];
  /** Planned or reached on a demo assumption (source confidence D): the UI labels it so (domain.md §9). */
  readonly assumedForDemo: boolean;
}

interface ActionRow { action_id: string; title: string; description: string; lever: string | null; lead: string; contributors: string; launched_on: string; planned_end: string | null; status: string; completed_on: string | null; results: string; assumed_for_demo: number }
interface MilestoneRow { milestone_id: string; cooperation_id: string; label: string; kind: string; due_by: string | null; status: string; reached_on: string | null; pre_history: number; warnings: string; assumed_for_demo: number }

const milestoneOf = (row: MilestoneRow): BoardMilestone => ({
  milestoneId: row.milestone_id,
  cooperationId: row.cooperation_id,
  label: row.label,
  kind: row.kind,
  dueBy: row.due_by,
  status: row.status,
  reachedOn: row.reached_on,
  preHistory: row.pre_history === 1,
  warnings: JSON.parse(row.warnings) as BoardMilestone['warnings'],
  assumedForDemo: row.assumed_for_demo === 1,
});

export const getActionsBoard = (db: Database.Database, cooperationId: string): { actions: BoardAction[]; milestones: BoardMilestone[] } => ({
  actions: db
    .prepare<[string], ActionRow>(`SELECT * FROM ${ACTIONS} WHERE cooperation_id = ? ORDER BY launched_on, rowid`)
    .all(cooperationId)
    .map((row) => ({
      actionId: row.action_id,
      title: row.title,
      description: row.description,
      lever: row.lever,
      leadOrganisationId: row.lead,
      contributingOrganisationIds: JSON.parse(row.contributors) as string[],
      launchedOn: row.launched_on,
      plannedEnd: row.planned_end,
      status: row.status,
      completedOn: row.completed_on,
      results: JSON.parse(row.results) as BoardAction['results'],
      assumedForDemo: row.assumed_for_demo === 1,
    })),
  milestones: db
    .prepare<[string], MilestoneRow>(`SELECT * FROM ${MILESTONES} WHERE cooperation_id = ? ORDER BY COALESCE(reached_on, due_by), rowid`)
    .all(cooperationId)
    .map(milestoneOf),
});

/** Planned milestones not reached yet, for the overdue alert. */
export const getOpenMilestones = (db: Database.Database, cooperationId?: string): BoardMilestone[] =>
  db
    .prepare<[string | null, string | null], MilestoneRow>(`SELECT * FROM ${MILESTONES} WHERE status = 'planned' AND (? IS NULL OR cooperation_id = ?) ORDER BY due_by`)
    .all(cooperationId ?? null, cooperationId ?? null)
    .map(milestoneOf);
