import type Database from 'better-sqlite3';
import type { Indicator } from '#domain';
import { cooperationEventOf, correctShownFields, defineProjection, isAssumedForDemo, rowsOf, statementsPerConnection, type ShownFields } from '../projection.js';
import { timelineDateOf } from './cooperation-timeline.projection.js';

/**
 * The indicators a cooperation agreed and the evaluations that measured them (domain.md §8.10 IndicatorsAndEvaluations):
 * what a steering committee reads as « indicateurs acceptés de tous » and the latest evaluations (§10.3).
 */
const SETS = 'indicator_sets_v1';
const EVALUATIONS = 'indicator_evaluations_v1';
/** The decisions' dates (E35): a set was agreed on the date of the decision it cites. */
const DECISIONS = 'indicator_decisions_v1';

const statementsOf = statementsPerConnection((db: Database.Database) => ({
  set: db.prepare(
    `INSERT OR REPLACE INTO ${SETS} (indicator_set_id, cooperation_id, decision_id, indicators, recorded_on, assumed_for_demo) VALUES (?, ?, ?, ?, ?, ?)`,
  ),
  decision: db.prepare(`INSERT OR REPLACE INTO ${DECISIONS} (decision_id, cooperation_id, decided_on) VALUES (?, ?, ?)`),
  evaluation: db.prepare(
    `INSERT OR REPLACE INTO ${EVALUATIONS} (evaluation_id, cooperation_id, kind, conducted_by, period, measurements, findings, report_ref, assumed_for_demo)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ),
  sets: db.prepare<[string], SetRow>(
    `SELECT s.*, COALESCE(d.decided_on, s.recorded_on) AS agreed_on FROM ${SETS} s
     LEFT JOIN ${DECISIONS} d ON d.cooperation_id = s.cooperation_id AND d.decision_id = s.decision_id WHERE s.cooperation_id = ? ORDER BY s.rowid`,
  ),
  evaluations: db.prepare<[string], EvaluationRow>(`SELECT * FROM ${EVALUATIONS} WHERE cooperation_id = ? ORDER BY rowid`),
}));

const set = rowsOf(SETS, 'indicator_set_id', 'indicatorSetId', { perCooperation: true });
const evaluation = rowsOf(EVALUATIONS, 'evaluation_id', 'evaluationId', { perCooperation: true });
const decision = rowsOf(DECISIONS, 'decision_id', 'decisionId', { perCooperation: true });

/** The fields of the events it keeps that it shows, where a correction (E50) sets them. */
const SHOWN: ShownFields = {
  IndicatorsAgreed: { indicators: set('indicators', { json: true }) },
  DecisionRecorded: { decidedOn: decision('decided_on') },
  EvaluationRecorded: {
    period: evaluation('period', { json: true }),
    measurements: evaluation('measurements', { json: true }),
    findings: evaluation('findings'),
    reportRef: evaluation('report_ref'),
  },
};

export const indicatorsAndEvaluations = defineProjection({
  name: 'indicators',
  version: 1,
  tables: [SETS, EVALUATIONS, DECISIONS],
  handles: ['DecisionRecorded', 'IndicatorsAgreed', 'EvaluationRecorded', 'RecordCorrected'],
  init: (db) =>
    db.exec(`
      CREATE TABLE IF NOT EXISTS ${SETS} (indicator_set_id TEXT NOT NULL, cooperation_id TEXT NOT NULL, decision_id TEXT NOT NULL, indicators TEXT NOT NULL,
        recorded_on TEXT NOT NULL, assumed_for_demo INTEGER NOT NULL, PRIMARY KEY (cooperation_id, indicator_set_id));
      CREATE TABLE IF NOT EXISTS ${DECISIONS} (decision_id TEXT NOT NULL, cooperation_id TEXT NOT NULL, decided_on TEXT NOT NULL, PRIMARY KEY (cooperation_id, decision_id));
      CREATE TABLE IF NOT EXISTS ${EVALUATIONS} (evaluation_id TEXT NOT NULL, cooperation_id TEXT NOT NULL, kind TEXT NOT NULL, conducted_by TEXT NOT NULL,
        period TEXT NOT NULL, measurements TEXT NOT NULL, findings TEXT NOT NULL, report_ref TEXT, assumed_for_demo INTEGER NOT NULL,
        PRIMARY KEY (cooperation_id, evaluation_id));`),
  apply: (db, recorded) => {
    const cooperation = cooperationEventOf(recorded);
    if (!cooperation) return;
    const { cooperationId, event } = cooperation;
    const s = statementsOf(db);
    const demo = isAssumedForDemo(recorded) ? 1 : 0;
    switch (event.type) {
      // Any decision: a set may cite one taken on another subject (E47 asks only for a deciding or evaluating body).
      case 'DecisionRecorded':
        s.decision.run(event.data.decisionId, cooperationId, event.data.decidedOn);
        return;
      case 'IndicatorsAgreed': {
        const d = event.data;
        // The event states no date of its own: agreed on its decision's date (read then), else dated as the timeline dates it.
        s.set.run(d.indicatorSetId, cooperationId, d.decisionId, JSON.stringify(d.indicators), timelineDateOf(recorded).date, demo);
        return;
      }
      case 'EvaluationRecorded': {
        const d = event.data;
        s.evaluation.run(d.evaluationId, cooperationId, d.kind, d.conductedByOrganisationId, JSON.stringify(d.period), JSON.stringify(d.measurements), d.findings, d.reportRef ?? null, demo);
        return;
      }
      case 'RecordCorrected':
        correctShownFields(db, cooperationId, event.data, SHOWN);
        return;
      default:
        return;
    }
  },
});

interface SetRow { indicator_set_id: string; decision_id: string; indicators: string; agreed_on: string; assumed_for_demo: number }
interface EvaluationRow {
  evaluation_id: string;
  kind: string;
  conducted_by: string;
  period: string;
  measurements: string;
  findings: string;
  report_ref: string | null;
  assumed_for_demo: number;
}

type Measurement = { indicatorCode?: string; label: string; value: number; unit: string };

export interface IndicatorMeasured extends Indicator {
  readonly indicatorSetId: string;
  /** Each evaluation's measurement of it (by its code), oldest period first: its course since the baseline. */
  readonly measurements: readonly { readonly evaluationId: string; readonly period: { from: string; to?: string }; readonly value: number; readonly unit: string }[];
}

export interface IndicatorsView {
  readonly indicatorSets: readonly { indicatorSetId: string; decisionId: string; agreedOn: string; indicators: readonly Indicator[]; assumedForDemo: boolean }[];
  /** Every agreed indicator with what the evaluations measured of it. */
  readonly indicators: readonly IndicatorMeasured[];
  /** Latest period first: what a steering committee reads first. */
  readonly evaluations: readonly {
    evaluationId: string;
    kind: string;
    conductedByOrganisationId: string;
    period: { from: string; to?: string };
    measurements: readonly Measurement[];
    findings: string;
    reportRef: string | null;
    assumedForDemo: boolean;
  }[];
}

const periodOrder = (a: { period: { from: string } }, b: { period: { from: string } }): number => (a.period.from < b.period.from ? -1 : a.period.from > b.period.from ? 1 : 0);

export const getIndicators = (db: Database.Database, cooperationId: string): IndicatorsView => {
  const s = statementsOf(db);
  const sets = s.sets.all(cooperationId).map((row) => ({
    indicatorSetId: row.indicator_set_id,
    decisionId: row.decision_id,
    agreedOn: row.agreed_on,
    indicators: JSON.parse(row.indicators) as Indicator[],
    assumedForDemo: row.assumed_for_demo === 1,
  }));
  // Oldest period first for the indicators' course; the list itself is given latest first.
  const evaluations = s.evaluations
    .all(cooperationId)
    .map((row) => ({
      evaluationId: row.evaluation_id,
      kind: row.kind,
      conductedByOrganisationId: row.conducted_by,
      period: JSON.parse(row.period) as { from: string; to?: string },
      measurements: JSON.parse(row.measurements) as Measurement[],
      findings: row.findings,
      reportRef: row.report_ref,
      assumedForDemo: row.assumed_for_demo === 1,
    }))
    .sort(periodOrder);
  const indicators = sets.flatMap((agreed) =>
    agreed.indicators.map((indicator) => ({
      ...indicator,
      indicatorSetId: agreed.indicatorSetId,
      measurements: evaluations.flatMap((e) =>
        e.measurements.filter((m) => m.indicatorCode === indicator.code).map((m) => ({ evaluationId: e.evaluationId, period: e.period, value: m.value, unit: m.unit })),
      ),
    })),
  );
  return { indicatorSets: sets, indicators, evaluations: evaluations.reverse() };
};
