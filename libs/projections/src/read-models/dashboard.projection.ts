import type Database from 'better-sqlite3';
import { cooperationEventOf, correctShownFields, defineProjection, dropTables, earlierVersionsOf, rowsOf, statementsPerConnection, type ShownFields } from '../projection.js';

/**
 * Charter versions awaiting signatures, across cooperations: the dashboard's "signatures en attente".
 * Phases, territories and recent activity come from the list and timeline read models. v2: a correction (E50) of a
 * charter's title sets the title shown (replayed for a rolling upgrade: a v1 node skipped newer nodes' corrections).
 * v3: rows keyed within their cooperation: two cooperations may name a charter alike.
 * v4: a signature withdrawn (E26, by the organisation or on its departure) no longer counts.
 * v5: a member leaving is struck from the parties a charter plans too, as the domain folds it: an agreement's first
 * signature (no adoption step) no longer awaits a party that left before it.
 */
const VERSIONS = 'dashboard_charter_versions_v5';
const CHARTERS = 'dashboard_charters_v5';
const PREVIOUS = earlierVersionsOf([VERSIONS, CHARTERS], 1);

export interface PendingSignatures {
  readonly cooperationId: string;
  readonly charterId: string;
  readonly title: string;
  readonly version: number;
  readonly signed: number;
  readonly required: number;
  readonly missingOrganisationIds: readonly string[];
}

const statementsOf = statementsPerConnection((db: Database.Database) => ({
  charter: db.prepare(`INSERT OR REPLACE INTO ${CHARTERS} (charter_id, cooperation_id, title, kind, planned) VALUES (?, ?, ?, ?, ?)`),
  charterOf: db.prepare<[string, string], { title: string; kind: string; planned: string }>(`SELECT title, kind, planned FROM ${CHARTERS} WHERE cooperation_id = ? AND charter_id = ?`),
  chartersOf: db.prepare<[string], { charter_id: string; planned: string }>(`SELECT charter_id, planned FROM ${CHARTERS} WHERE cooperation_id = ?`),
  replan: db.prepare(`UPDATE ${CHARTERS} SET planned = ? WHERE cooperation_id = ? AND charter_id = ?`),
  version: db.prepare(
    `INSERT OR REPLACE INTO ${VERSIONS} (cooperation_id, charter_id, version, status, required, signed) VALUES (?, ?, ?, ?, ?, ?)`,
  ),
  versionOf: db.prepare<[string, string, number], { required: string; signed: string; status: string }>(
    `SELECT required, signed, status FROM ${VERSIONS} WHERE cooperation_id = ? AND charter_id = ? AND version = ?`,
  ),
  update: db.prepare(`UPDATE ${VERSIONS} SET required = ?, signed = ?, status = ? WHERE cooperation_id = ? AND charter_id = ? AND version = ?`),
  awaiting: db.prepare<[string], { charter_id: string; version: number; required: string; signed: string; status: string }>(
    `SELECT charter_id, version, required, signed, status FROM ${VERSIONS} WHERE cooperation_id = ? AND status = 'awaitingSignatures'`,
  ),
  settle: db.prepare(`UPDATE ${VERSIONS} SET status = 'settled' WHERE cooperation_id = ? AND charter_id = ? AND version <= ?`),
}));
const ids = (json: string): string[] => JSON.parse(json) as string[];

const SHOWN: ShownFields = { CharterDraftStarted: { title: rowsOf(CHARTERS, 'charter_id', 'charterId', { perCooperation: true })('title') } };

export const dashboardFigures = defineProjection({
  name: 'dashboard',
  version: 5,
  tables: [VERSIONS, CHARTERS],
  handles: ['CharterDraftStarted', 'CharterAdopted', 'CharterAmended', 'CharterSigned', 'CharterSignatureWithdrawn', 'CharterEnteredIntoForce', 'MemberLeft', 'RecordCorrected'],
  init: (db) =>
    db.exec(`${dropTables(PREVIOUS)}
      CREATE TABLE IF NOT EXISTS ${CHARTERS} (charter_id TEXT NOT NULL, cooperation_id TEXT NOT NULL, title TEXT NOT NULL, kind TEXT NOT NULL, planned TEXT NOT NULL,
        PRIMARY KEY (cooperation_id, charter_id));
      CREATE TABLE IF NOT EXISTS ${VERSIONS} (
        cooperation_id TEXT NOT NULL, charter_id TEXT NOT NULL, version INTEGER NOT NULL, status TEXT NOT NULL,
        required TEXT NOT NULL, signed TEXT NOT NULL, PRIMARY KEY (cooperation_id, charter_id, version));
      -- A member leaving is struck from the cooperation's versions awaiting signatures: found here, not by a scan of all.
      CREATE INDEX IF NOT EXISTS ${VERSIONS}_by_cooperation ON ${VERSIONS} (cooperation_id, status);`),
  apply: (db, recorded) => {
    const cooperation = cooperationEventOf(recorded);
    if (!cooperation) return;
    const { cooperationId, event } = cooperation;
    const s = statementsOf(db);
    switch (event.type) {
      case 'CharterDraftStarted':
        s.charter.run(event.data.charterId, cooperationId, event.data.title, event.data.kind, JSON.stringify(event.data.plannedSignatoryOrganisationIds));
        return;
      case 'CharterAdopted':
        s.version.run(cooperationId, event.data.charterId, event.data.version, 'awaitingSignatures', JSON.stringify(event.data.requiredSignatoryOrganisationIds), '[]');
        return;
      case 'CharterAmended':
        if (event.data.resignatureRequired) {
          s.version.run(cooperationId, event.data.charterId, event.data.newVersion, 'awaitingSignatures', JSON.stringify(event.data.requiredSignatoryOrganisationIds), '[]');
        }
        return;
      case 'CharterSigned': {
        const { charterId, version, organisationId } = event.data;
        const row = s.versionOf.get(cooperationId, charterId, version);
        // An agreement is signed on its draft, awaiting its planned parties (no adoption step).
        const required = row ? row.required : (s.charterOf.get(cooperationId, charterId)?.planned ?? '[]');
        const signed = [...ids(row?.signed ?? '[]'), organisationId];
        if (row) s.update.run(required, JSON.stringify(signed), row.status, cooperationId, charterId, version);
        else s.version.run(cooperationId, charterId, version, 'awaitingSignatures', required, JSON.stringify(signed));
        return;
      }
      case 'CharterEnteredIntoForce':
        s.settle.run(cooperationId, event.data.charterId, event.data.version);
        return;
      case 'RecordCorrected':
        correctShownFields(db, cooperationId, event.data, SHOWN);
        return;
      case 'CharterSignatureWithdrawn': {
        const { charterId, version, organisationId } = event.data;
        const row = s.versionOf.get(cooperationId, charterId, version);
        if (row) s.update.run(row.required, JSON.stringify(ids(row.signed).filter((id) => id !== organisationId)), row.status, cooperationId, charterId, version);
        return;
      }
      case 'MemberLeft': {
        // As the domain folds it: a version a departed member signed still counts that signature (withdrawn first since E26).
        const leaver = event.data.organisationId;
        for (const row of s.awaiting.all(cooperationId)) {
          const signed = ids(row.signed);
          if (signed.includes(leaver)) continue;
          s.update.run(JSON.stringify(ids(row.required).filter((id) => id !== leaver)), row.signed, row.status, cooperationId, row.charter_id, row.version);
        }
        for (const charter of s.chartersOf.all(cooperationId)) {
          const planned = ids(charter.planned);
          if (planned.includes(leaver)) s.replan.run(JSON.stringify(planned.filter((id) => id !== leaver)), cooperationId, charter.charter_id);
        }
        return;
      }
      default:
        return;
    }
  },
});

/** The charter versions awaiting signatures, of every cooperation or of one. */
export const getPendingSignatures = (db: Database.Database, cooperationId?: string): PendingSignatures[] =>
  db
    .prepare<[string | null, string | null], { cooperation_id: string; charter_id: string; title: string | null; version: number; required: string; signed: string }>(
      `SELECT v.cooperation_id, v.charter_id, c.title, v.version, v.required, v.signed FROM ${VERSIONS} v
       LEFT JOIN ${CHARTERS} c ON c.cooperation_id = v.cooperation_id AND c.charter_id = v.charter_id WHERE v.status = 'awaitingSignatures' AND (? IS NULL OR v.cooperation_id = ?) ORDER BY v.cooperation_id, v.charter_id, v.version`,
    )
    .all(cooperationId ?? null, cooperationId ?? null)
    .map((row) => {
      const required = ids(row.required);
      const signed = ids(row.signed);
      return {
        cooperationId: row.cooperation_id,
        charterId: row.charter_id,
        title: row.title ?? row.charter_id,
        version: row.version,
        signed: signed.length,
        required: required.length,
        missingOrganisationIds: required.filter((id) => !signed.includes(id)),
      };
    })
    .filter((pending) => pending.missingOrganisationIds.length > 0);
