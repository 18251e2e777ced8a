import type Database from 'better-sqlite3';
import { isFinancial } from '#domain';
import { cooperationEventOf, defineProjection, statementsPerConnection } from '../projection.js';
import { euros, type Lang } from './event-labels.js';

/** Pledged, disbursed, withdrawn and fulfilled commitments per cooperation (domain.md §8.10 CommitmentLedger). */
const COMMITMENTS = 'commitment_ledger_v1';

export interface LedgerLine {
  readonly commitmentId: string;
  readonly organisationId: string;
  readonly coFunderOrganisationIds: readonly string[];
  readonly kind: string;
  readonly purpose: string;
  readonly beneficiaryOrganisationId: string | null;
  readonly description: string;
  /** null for a non-financial commitment given without a euro value. */
  readonly amount: { readonly status: string; readonly cents: number | null; readonly label: string } | null;
  readonly quantity: { readonly value: number; readonly unit: string } | null;
  readonly disbursedCents: number;
  readonly status: string;
  readonly period: { readonly from: string; readonly to: string | null };
}

export interface Ledger {
  readonly commitments: readonly LedgerLine[];
  /** Undisclosed amounts are counted, never added: totals only sum what was stated or estimated. */
  readonly totals: { readonly statedCents: number; readonly estimatedCents: number; readonly disbursedCents: number; readonly undisclosed: number };
}

const statementsOf = statementsPerConnection((db: Database.Database) => ({
  pledge: db.prepare(
    `INSERT OR REPLACE INTO ${COMMITMENTS} (commitment_id, cooperation_id, organisation_id, co_funders, kind, purpose, beneficiary, description,
       amount_status, amount_cents, quantity, disbursed_cents, status, period_from, period_to) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 'active', ?, ?)`,
  ),
  disburse: db.prepare(`UPDATE ${COMMITMENTS} SET disbursed_cents = disbursed_cents + ? WHERE commitment_id = ?`),
  status: db.prepare(`UPDATE ${COMMITMENTS} SET status = ? WHERE commitment_id = ?`),
}));

export const commitmentLedger = defineProjection({
  name: 'commitment-ledger',
  version: 1,
  tables: [COMMITMENTS],
  handles: ['CommitmentPledged', 'FundsDisbursed', 'CommitmentWithdrawn', 'CommitmentFulfilled'],
  init: (db) =>
    db.exec(`CREATE TABLE IF NOT EXISTS ${COMMITMENTS} (
      commitment_id TEXT PRIMARY KEY, cooperation_id TEXT NOT NULL, organisation_id TEXT NOT NULL, co_funders TEXT NOT NULL,
      kind TEXT NOT NULL, purpose TEXT NOT NULL, beneficiary TEXT, description TEXT NOT NULL, amount_status TEXT,
      amount_cents INTEGER, quantity TEXT, disbursed_cents INTEGER NOT NULL, status TEXT NOT NULL, period_from TEXT NOT NULL, period_to TEXT);
      CREATE INDEX IF NOT EXISTS ${COMMITMENTS}_by_cooperation ON ${COMMITMENTS} (cooperation_id);`),
  apply: (db, recorded) => {
    const cooperation = cooperationEventOf(recorded);
    if (!cooperation) return;
    const { cooperationId, event } = cooperation;
    const s = statementsOf(db);
    switch (event.type) {
      case 'CommitmentPledged': {
        const d = event.data;
        // Money pledged without a figure is undisclosed; staff time or premises without one are simply not valued in euros.
        const amount = d.amount ?? (isFinancial(d) ? { status: 'notDisclosed' as const } : undefined);
        s.pledge.run(d.commitmentId, cooperationId, d.organisationId, JSON.stringify(d.coFunderOrganisationIds), d.kind, d.purpose,
          d.beneficiaryOrganisationId ?? null, d.description, amount?.status ?? null, amount && 'cents' in amount ? amount.cents : null,
          d.quantity ? JSON.stringify(d.quantity) : null, d.period.from, d.period.to ?? null);
        return;
      }
      case 'FundsDisbursed':
        s.disburse.run(event.data.amount.cents, event.data.commitmentId);
        return;
      case 'CommitmentWithdrawn':
        s.status.run('withdrawn', event.data.commitmentId);
        return;
      case 'CommitmentFulfilled':
        s.status.run('fulfilled', event.data.commitmentId);
        return;
      default:
        return;
    }
  },
});

const NOT_DISCLOSED = { fr: 'montant non communiqué', en: 'amount not disclosed' };

interface Row {
  commitment_id: string;
  organisation_id: string;
  co_funders: string;
  kind: string;
  purpose: string;
  beneficiary: string | null;
  description: string;
  amount_status: string | null;
  amount_cents: number | null;
  quantity: string | null;
  disbursed_cents: number;
  status: string;
  period_from: string;
  period_to: string | null;
}

export const getLedger = (db: Database.Database, cooperationId: string, lang: Lang): Ledger => {
  const rows = db.prepare<[string], Row>(`SELECT * FROM ${COMMITMENTS} WHERE cooperation_id = ? ORDER BY rowid`).all(cooperationId);
  const commitments = rows.map((row): LedgerLine => ({
    commitmentId: row.commitment_id,
    organisationId: row.organisation_id,
    coFunderOrganisationIds: JSON.parse(row.co_funders) as string[],
    kind: row.kind,
    purpose: row.purpose,
    beneficiaryOrganisationId: row.beneficiary,
    description: row.description,
    amount: row.amount_status === null ? null : {
      status: row.amount_status,
      cents: row.amount_cents,
      label: row.amount_cents === null ? NOT_DISCLOSED[lang] : `${euros(row.amount_cents, lang)}${row.amount_status === 'estimated' ? (lang === 'fr' ? ' (estimé)' : ' (estimated)') : ''}`,
    },
    quantity: row.quantity === null ? null : (JSON.parse(row.quantity) as { value: number; unit: string }),
    disbursedCents: row.disbursed_cents,
    status: row.status,
    period: { from: row.period_from, to: row.period_to },
  }));
  const live = rows.filter((r) => r.status !== 'withdrawn');
  const sum = (status: string) => live.filter((r) => r.amount_status === status).reduce((total, r) => total + (r.amount_cents ?? 0), 0);
  return {
    commitments,
    totals: {
      statedCents: sum('stated'),
      estimatedCents: sum('estimated'),
      disbursedCents: rows.reduce((total, r) => total + r.disbursed_cents, 0),
      undisclosed: live.filter((r) => r.amount_status === 'notDisclosed').length,
    },
  };
};
