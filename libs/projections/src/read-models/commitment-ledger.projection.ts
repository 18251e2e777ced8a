import type Database from 'better-sqlite3';
import { isFinancial, remainingCents, type CommitmentChanges, type CommitmentKind, type Money } from '#domain';
import { cooperationEventOf, correctShownFields, defineProjection, dropTables, earlierVersionsOf, isAssumedForDemo, rowsOf, statementsPerConnection, type ShownFields } from '../projection.js';
import { euros, type Lang } from './event-labels.js';

/**
 * Pledged, revised, disbursed, allocated, withdrawn and fulfilled commitments per cooperation, and the co-funding
 * each action received (domain.md §8.10 CommitmentLedger). v2: revisions and co-funding allocations. v3: whether
 * a commitment was pledged on a demo assumption (domain.md §9). v4: commitments and allocations keyed within their
 * cooperation — their ids are the cooperation's own, and the same id pledged in two cooperations replaced one line.
 * v5: a disbursement naming its allocation (FundsDisbursed.allocationId) moves its amount from allocated to disbursed.
 * No event before it carried one, but a node still on v4 code during a rolling upgrade would have applied such an event
 * as v4 does (counted twice): the new version replays it.
 * v6: a correction (E50) of a pledge's purpose sets the purpose shown (replayed for a rolling upgrade, as v5).
 * v7: the open commitments of a member who left are flagged with its departure (domain.md §8.9, MemberLeft), until
 * fulfilled, withdrawn or carried over, the member's return or the cooperation's closing.
 * v8: the funding chain an auditor follows (domain.md §10.2): support decisions, each commitment's support decision
 * and action, and each disbursement (whom, when, how much, which allocation it paid).
 */
const COMMITMENTS = 'commitment_ledger_v8';
const REVISIONS = 'commitment_ledger_revisions_v8';
const ALLOCATIONS = 'commitment_ledger_allocations_v8';
const SUPPORT_DECISIONS = 'commitment_ledger_support_decisions_v8';
const DISBURSEMENTS = 'commitment_ledger_disbursements_v8';
/** The previous versions' tables, dropped by `init` (dropTables). */
const PREVIOUS = earlierVersionsOf([COMMITMENTS, REVISIONS, ALLOCATIONS], 3);

export interface LedgerRevision {
  readonly revisedOn: string;
  readonly reason: string;
  readonly changes: CommitmentChanges;
  /** The values the changed fields had before, in the same shapes; null where the pledge gave none. */
  readonly previous: { readonly [Field in keyof CommitmentChanges]?: CommitmentChanges[Field] | null };
}

export interface LedgerLine {
  readonly commitmentId: string;
  readonly organisationId: string;
  readonly coFunderOrganisationIds: readonly string[];
  readonly kind: string;
  readonly purpose: string;
  readonly beneficiaryOrganisationId: string | null;
  /** Amount, quantity, description, period and conditions as last revised; `revisions` keeps what they were. */
  readonly description: string;
  /** null for a non-financial commitment given without a euro value. */
  readonly amount: { readonly status: string; readonly cents: number | null; readonly label: string } | null;
  readonly quantity: { readonly value: number; readonly unit: string } | null;
  readonly conditions: readonly string[];
  readonly disbursedCents: number;
  /** Earmarked for actions by co-funding allocations and not yet paid (a disbursement naming its allocation pays it). */
  readonly allocatedCents: number;
  /** Amount − disbursed − allocated (domain `remainingCents`); null when undisclosed or not money. */
  readonly remainingCents: number | null;
  readonly status: string;
  readonly period: { readonly from: string; readonly to: string | null };
  readonly revisions: readonly LedgerRevision[];
  /** The support decision (E36) it follows from, and the action it funds, when the pledge names them. */
  readonly supportDecisionId: string | null;
  readonly actionId: string | null;
  /** Each payment on it, in the order recorded. */
  readonly disbursements: readonly LedgerDisbursement[];
  /** When its organisation left the cooperation, while the commitment is still open (domain.md §8.9: flagged); null otherwise. */
  readonly committerLeftOn: string | null;
  /** Pledged on a demo assumption (source confidence D): the UI labels it so (domain.md §9). */
  readonly assumedForDemo: boolean;
}

export interface LedgerDisbursement {
  readonly disbursementId: string;
  readonly toOrganisationId: string;
  readonly disbursedOn: string;
  readonly cents: number;
  readonly label: string;
  /** The co-funding allocation whose share it paid, when it names one. */
  readonly allocationId: string | null;
}

/** A funder's decision to support the cooperation (E36): a board, a regional commission… and the commitments that follow from it. */
export interface LedgerSupportDecision {
  readonly supportDecisionId: string;
  readonly deciderOrganisationId: string;
  readonly decidingBody: string;
  readonly bodyLabel: string;
  readonly outcome: string;
  /** null when the decision states no amount; « montant non communiqué » when it withholds it. */
  readonly amount: { readonly status: string; readonly cents: number | null; readonly label: string } | null;
  readonly conditions: readonly string[];
  readonly decidedOn: string;
  readonly commitmentIds: readonly string[];
}

export interface CoFundingShareLine {
  readonly allocationId: string;
  readonly decisionId: string;
  readonly funderOrganisationId: string;
  readonly commitmentId: string | null;
  readonly cents: number;
  readonly label: string;
}

/** What the funders' committee allocated to one action, share by share. */
export interface ActionCoFunding {
  readonly actionId: string;
  readonly allocatedCents: number;
  readonly label: string;
  readonly shares: readonly CoFundingShareLine[];
}

export interface Ledger {
  readonly commitments: readonly LedgerLine[];
  /** Undisclosed amounts are counted, never added: totals only sum what was stated or estimated. */
  readonly totals: { readonly statedCents: number; readonly estimatedCents: number; readonly disbursedCents: number; readonly undisclosed: number };
  readonly coFundingByAction: readonly ActionCoFunding[];
  readonly supportDecisions: readonly LedgerSupportDecision[];
  /** The same totals per pledging organisation (a joint commitment counts under its lead funder). */
  readonly totalsByFunder: readonly ({ readonly organisationId: string } & Ledger['totals'])[];
  /** The same totals for the project (engineering, actions, investment) and for members' structures (operating, memberStructure). */
  readonly totalsByScope: readonly ({ readonly scope: 'project' | 'structure' } & Ledger['totals'])[];
}

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
  conditions: string;
  disbursed_cents: number;
  allocated_cents: number;
  status: string;
  period_from: string;
  period_to: string | null;
  assumed_for_demo: number;
  committer_left_on: string | null;
  support_decision_id: string | null;
  action_id: string | null;
}

/** A line's revisable terms in the shapes a revision uses. */
const termsOf = (row: Row): CommitmentChanges => ({
  ...(row.amount_status === null ? {} : { amount: amountOf(row) }),
  ...(row.quantity === null ? {} : { quantity: JSON.parse(row.quantity) }),
  description: row.description,
  ...(row.period_to === null ? {} : { period: { to: row.period_to } }),
  conditions: JSON.parse(row.conditions) as string[],
});

const amountOf = (row: Row): Money =>
  row.amount_cents === null ? { status: 'notDisclosed' } : { status: row.amount_status as 'stated' | 'estimated', cents: row.amount_cents, currency: 'EUR' };

const statementsOf = statementsPerConnection((db: Database.Database) => ({
  pledge: db.prepare(
    `INSERT OR REPLACE INTO ${COMMITMENTS} (commitment_id, cooperation_id, organisation_id, co_funders, kind, purpose, beneficiary, description,
       amount_status, amount_cents, quantity, conditions, disbursed_cents, allocated_cents, status, period_from, period_to, assumed_for_demo,
       support_decision_id, action_id)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0, 'active', ?, ?, ?, ?, ?)`,
  ),
  support: db.prepare(
    `INSERT OR REPLACE INTO ${SUPPORT_DECISIONS} (support_decision_id, cooperation_id, decider, deciding_body, body_label, outcome, amount_status, amount_cents,
       conditions, decided_on) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ),
  payment: db.prepare(
    `INSERT OR REPLACE INTO ${DISBURSEMENTS} (disbursement_id, cooperation_id, commitment_id, to_organisation, disbursed_on, cents, allocation_id) VALUES (?, ?, ?, ?, ?, ?, ?)`,
  ),
  line: db.prepare<[string, string], Row>(`SELECT * FROM ${COMMITMENTS} WHERE cooperation_id = ? AND commitment_id = ?`),
  revise: db.prepare(
    `UPDATE ${COMMITMENTS} SET amount_status = ?, amount_cents = ?, quantity = ?, description = ?, period_to = ?, conditions = ?
     WHERE cooperation_id = ? AND commitment_id = ?`,
  ),
  revision: db.prepare(`INSERT INTO ${REVISIONS} (cooperation_id, commitment_id, revised_on, reason, changes, previous) VALUES (?, ?, ?, ?, ?, ?)`),
  disburse: db.prepare(`UPDATE ${COMMITMENTS} SET disbursed_cents = disbursed_cents + ? WHERE cooperation_id = ? AND commitment_id = ?`),
  allocate: db.prepare(
    `INSERT OR REPLACE INTO ${ALLOCATIONS} (allocation_id, share, cooperation_id, action_id, decision_id, funder, commitment_id, cents) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  ),
  allocated: db.prepare(`UPDATE ${COMMITMENTS} SET allocated_cents = allocated_cents + ? WHERE cooperation_id = ? AND commitment_id = ?`),
  status: db.prepare(`UPDATE ${COMMITMENTS} SET status = ? WHERE cooperation_id = ? AND commitment_id = ?`),
  // Its organisation's own pledges (co-funders' shares are the lead funder's commitment): flagged while open, cleared on its return.
  committerLeft: db.prepare(`UPDATE ${COMMITMENTS} SET committer_left_on = ? WHERE cooperation_id = ? AND organisation_id = ? AND status = 'active'`),
  committerBack: db.prepare(`UPDATE ${COMMITMENTS} SET committer_left_on = NULL WHERE cooperation_id = ? AND organisation_id = ?`),
  committersLeftCleared: db.prepare(`UPDATE ${COMMITMENTS} SET committer_left_on = NULL WHERE cooperation_id = ?`),
}));

/** Corrections (E50): of a pledge's purpose (its other terms are revised, E38, not corrected), and of a departure's date. */
const SHOWN: ShownFields = {
  CommitmentPledged: { purpose: rowsOf(COMMITMENTS, 'commitment_id', 'commitmentId', { perCooperation: true })('purpose') },
  // The departure date an open commitment is flagged with.
  MemberLeft: { leftOn: rowsOf(COMMITMENTS, 'organisation_id', 'organisationId', { perCooperation: true })('committer_left_on', { onlyWhere: 'committer_left_on IS NOT NULL' }) },
};

export const commitmentLedger = defineProjection({
  name: 'commitment-ledger',
  version: 8,
  tables: [COMMITMENTS, REVISIONS, ALLOCATIONS, SUPPORT_DECISIONS, DISBURSEMENTS],
  handles: ['SupportDecisionRecorded', 'CommitmentPledged', 'CommitmentRevised', 'FundsDisbursed', 'CoFundingAllocated', 'CommitmentWithdrawn', 'CommitmentFulfilled', 'CooperationClosed', 'RecordCorrected', 'MemberLeft', 'MemberJoined'],
  init: (db) =>
    db.exec(`${dropTables(PREVIOUS)}
      CREATE TABLE IF NOT EXISTS ${COMMITMENTS} (
      commitment_id TEXT NOT NULL, cooperation_id TEXT NOT NULL, organisation_id TEXT NOT NULL, co_funders TEXT NOT NULL,
      kind TEXT NOT NULL, purpose TEXT NOT NULL, beneficiary TEXT, description TEXT NOT NULL, amount_status TEXT,
      amount_cents INTEGER, quantity TEXT, conditions TEXT NOT NULL, disbursed_cents INTEGER NOT NULL, allocated_cents INTEGER NOT NULL,
      status TEXT NOT NULL, period_from TEXT NOT NULL, period_to TEXT, assumed_for_demo INTEGER NOT NULL, committer_left_on TEXT,
      support_decision_id TEXT, action_id TEXT, PRIMARY KEY (cooperation_id, commitment_id));
      CREATE TABLE IF NOT EXISTS ${SUPPORT_DECISIONS} (support_decision_id TEXT NOT NULL, cooperation_id TEXT NOT NULL, decider TEXT NOT NULL,
        deciding_body TEXT NOT NULL, body_label TEXT NOT NULL, outcome TEXT NOT NULL, amount_status TEXT, amount_cents INTEGER, conditions TEXT NOT NULL,
        decided_on TEXT NOT NULL, PRIMARY KEY (cooperation_id, support_decision_id));
      CREATE TABLE IF NOT EXISTS ${DISBURSEMENTS} (disbursement_id TEXT NOT NULL, cooperation_id TEXT NOT NULL, commitment_id TEXT NOT NULL,
        to_organisation TEXT NOT NULL, disbursed_on TEXT NOT NULL, cents INTEGER NOT NULL, allocation_id TEXT, PRIMARY KEY (cooperation_id, disbursement_id));
      CREATE TABLE IF NOT EXISTS ${REVISIONS} (seq INTEGER PRIMARY KEY, cooperation_id TEXT NOT NULL, commitment_id TEXT NOT NULL,
        revised_on TEXT NOT NULL, reason TEXT NOT NULL, changes TEXT NOT NULL, previous TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS ${ALLOCATIONS} (allocation_id TEXT NOT NULL, share INTEGER NOT NULL, cooperation_id TEXT NOT NULL,
        action_id TEXT NOT NULL, decision_id TEXT NOT NULL, funder TEXT NOT NULL, commitment_id TEXT, cents INTEGER NOT NULL,
        PRIMARY KEY (cooperation_id, allocation_id, share));`),
  queryIndexes: [
    `CREATE INDEX IF NOT EXISTS ${REVISIONS}_by_cooperation ON ${REVISIONS} (cooperation_id)`,
    `CREATE INDEX IF NOT EXISTS ${DISBURSEMENTS}_by_commitment ON ${DISBURSEMENTS} (cooperation_id, commitment_id)`,
  ],
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
          d.quantity ? JSON.stringify(d.quantity) : null, JSON.stringify(d.conditions), d.period.from, d.period.to ?? null, isAssumedForDemo(recorded) ? 1 : 0,
          d.supportDecisionId ?? null, d.actionId ?? null);
        return;
      }
      case 'SupportDecisionRecorded': {
        const d = event.data;
        s.support.run(d.supportDecisionId, cooperationId, d.deciderOrganisationId, d.decidingBody, d.bodyLabel, d.outcome, d.amount?.status ?? null,
          d.amount && 'cents' in d.amount ? d.amount.cents : null, JSON.stringify(d.conditions), d.decidedOn);
        return;
      }
      case 'CommitmentRevised': {
        const { commitmentId, changes, reason, revisedOn } = event.data;
        const row = s.line.get(cooperationId, commitmentId);
        if (!row) return;
        const before = termsOf(row);
        // null for a field the pledge left out, so the history says it had no value rather than dropping it
        const previous = Object.fromEntries(Object.keys(changes).map((field) => [field, before[field as keyof CommitmentChanges] ?? null]));
        const { amount, quantity, description, period, conditions } = { ...before, ...changes };
        s.revise.run(amount?.status ?? null, amount && 'cents' in amount ? amount.cents : null, quantity ? JSON.stringify(quantity) : null,
          description ?? row.description, period?.to ?? null, JSON.stringify(conditions ?? []), cooperationId, commitmentId);
        s.revision.run(cooperationId, commitmentId, revisedOn, reason, JSON.stringify(changes), JSON.stringify(previous));
        return;
      }
      case 'FundsDisbursed': {
        const { amount, commitmentId, allocationId, disbursementId, toOrganisationId, disbursedOn } = event.data;
        s.disburse.run(amount.cents, cooperationId, commitmentId);
        s.payment.run(disbursementId, cooperationId, commitmentId, toOrganisationId, disbursedOn, amount.cents, allocationId ?? null);
        // A payment of an allocated share leaves the earmark as it is paid: counted once (the domain's evolve does the same).
        if (allocationId !== undefined) s.allocated.run(-amount.cents, cooperationId, commitmentId);
        return;
      }
      case 'CoFundingAllocated': {
        const { allocationId, actionId, decisionId, allocations } = event.data;
        allocations.forEach(({ funderOrganisationId, commitmentId, amount }, index) => {
          s.allocate.run(allocationId, index, cooperationId, actionId, decisionId, funderOrganisationId, commitmentId ?? null, amount.cents);
          if (commitmentId) s.allocated.run(amount.cents, cooperationId, commitmentId);
        });
        return;
      }
      case 'RecordCorrected':
        correctShownFields(db, cooperationId, event.data, SHOWN);
        return;
      case 'MemberLeft':
        s.committerLeft.run(event.data.leftOn, cooperationId, event.data.organisationId);
        return;
      case 'MemberJoined':
        s.committerBack.run(cooperationId, event.data.organisationId);
        return;
      case 'CommitmentWithdrawn':
        s.status.run('withdrawn', cooperationId, event.data.commitmentId);
        return;
      case 'CommitmentFulfilled':
        s.status.run('fulfilled', cooperationId, event.data.commitmentId);
        return;
      case 'CooperationClosed':
        // Taken over by the successor (E11): no longer counted here as money still to come.
        for (const commitmentId of event.data.carriedOverCommitmentIds ?? []) s.status.run('carriedOver', cooperationId, commitmentId);
        // A closed cooperation takes no withdrawal or fulfilment any more (§8.1): nothing left to flag.
        s.committersLeftCleared.run(cooperationId);
        return;
      default:
        return;
    }
  },
});

const NOT_DISCLOSED = { fr: 'montant non communiqué', en: 'amount not disclosed' };

interface RevisionRow {
  commitment_id: string;
  revised_on: string;
  reason: string;
  changes: string;
  previous: string;
}

interface AllocationRow {
  allocation_id: string;
  action_id: string;
  decision_id: string;
  funder: string;
  commitment_id: string | null;
  cents: number;
}

/** Rows grouped by a key, each group in the rows' order, every row mapped once. */
const groupBy = <R, K, V>(rows: readonly R[], keyOf: (row: R) => K, valueOf: (row: R) => V): Map<K, V[]> => {
  const groups = new Map<K, V[]>();
  for (const row of rows) {
    const group = groups.get(keyOf(row));
    if (group) group.push(valueOf(row));
    else groups.set(keyOf(row), [valueOf(row)]);
  }
  return groups;
};

const revisionsOf = (db: Database.Database, cooperationId: string): Map<string, LedgerRevision[]> =>
  groupBy(
    db.prepare<[string], RevisionRow>(`SELECT * FROM ${REVISIONS} WHERE cooperation_id = ? ORDER BY seq`).all(cooperationId),
    (row) => row.commitment_id,
    (row): LedgerRevision => ({ revisedOn: row.revised_on, reason: row.reason, changes: JSON.parse(row.changes), previous: JSON.parse(row.previous) }),
  );

interface SupportDecisionRow {
  support_decision_id: string;
  decider: string;
  deciding_body: string;
  body_label: string;
  outcome: string;
  amount_status: string | null;
  amount_cents: number | null;
  conditions: string;
  decided_on: string;
}

interface DisbursementRow { disbursement_id: string; commitment_id: string; to_organisation: string; disbursed_on: string; cents: number; allocation_id: string | null }

/** An amount as a reader reads it: « 90 000 € », « 90 000 € (estimé) », or « montant non communiqué », never a guess. */
const amountView = (status: string | null, cents: number | null, lang: Lang) =>
  status === null
    ? null
    : { status, cents, label: cents === null ? NOT_DISCLOSED[lang] : `${euros(cents, lang)}${status === 'estimated' ? (lang === 'fr' ? ' (estimé)' : ' (estimated)') : ''}` };

const disbursementsOf = (db: Database.Database, cooperationId: string, lang: Lang): Map<string, LedgerDisbursement[]> =>
  groupBy(
    db.prepare<[string], DisbursementRow>(`SELECT * FROM ${DISBURSEMENTS} WHERE cooperation_id = ? ORDER BY rowid`).all(cooperationId),
    (row) => row.commitment_id,
    (row): LedgerDisbursement => ({ disbursementId: row.disbursement_id, toOrganisationId: row.to_organisation, disbursedOn: row.disbursed_on, cents: row.cents, label: euros(row.cents, lang), allocationId: row.allocation_id }),
  );

const coFundingOf = (db: Database.Database, cooperationId: string, lang: Lang): ActionCoFunding[] => {
  const byAction = groupBy(
    db.prepare<[string], AllocationRow>(`SELECT * FROM ${ALLOCATIONS} WHERE cooperation_id = ? ORDER BY rowid`).all(cooperationId),
    (row) => row.action_id,
    (row): CoFundingShareLine => ({ allocationId: row.allocation_id, decisionId: row.decision_id, funderOrganisationId: row.funder, commitmentId: row.commitment_id, cents: row.cents, label: euros(row.cents, lang) }),
  );
  return [...byAction].map(([actionId, shares]) => {
    const allocatedCents = shares.reduce((total, share) => total + share.cents, 0);
    return { actionId, allocatedCents, label: euros(allocatedCents, lang), shares };
  });
};

type Totals = Ledger['totals'];

/** Undisclosed amounts counted, never added; withdrawn or carried over to a successor (E11): not money still counted on. */
const totalsOf = (rows: readonly Row[]): Totals => {
  const live = rows.filter((r) => r.status !== 'withdrawn' && r.status !== 'carriedOver');
  const sum = (status: string) => live.filter((r) => r.amount_status === status).reduce((total, r) => total + (r.amount_cents ?? 0), 0);
  return {
    statedCents: sum('stated'),
    estimatedCents: sum('estimated'),
    disbursedCents: rows.reduce((total, r) => total + r.disbursed_cents, 0),
    undisclosed: live.filter((r) => r.amount_status === 'notDisclosed').length,
  };
};

/** A member organisation's own running or equipment is its structure; everything else funds the cooperation's project. */
const STRUCTURE_PURPOSES: readonly string[] = ['memberStructure', 'operating'];
const scopeOf = (purpose: string): 'project' | 'structure' => (STRUCTURE_PURPOSES.includes(purpose) ? 'structure' : 'project');

export const getLedger = (db: Database.Database, cooperationId: string, lang: Lang): Ledger => {
  const rows = db.prepare<[string], Row>(`SELECT * FROM ${COMMITMENTS} WHERE cooperation_id = ? ORDER BY rowid`).all(cooperationId);
  const revisions = revisionsOf(db, cooperationId);
  const disbursements = disbursementsOf(db, cooperationId, lang);
  const commitments = rows.map((row): LedgerLine => ({
    commitmentId: row.commitment_id,
    organisationId: row.organisation_id,
    coFunderOrganisationIds: JSON.parse(row.co_funders) as string[],
    kind: row.kind,
    purpose: row.purpose,
    beneficiaryOrganisationId: row.beneficiary,
    description: row.description,
    amount: amountView(row.amount_status, row.amount_cents, lang),
    quantity: row.quantity === null ? null : (JSON.parse(row.quantity) as { value: number; unit: string }),
    conditions: JSON.parse(row.conditions) as string[],
    disbursedCents: row.disbursed_cents,
    allocatedCents: row.allocated_cents,
    remainingCents: isFinancial({ kind: row.kind as CommitmentKind })
      ? (remainingCents({ amount: amountOf(row), disbursedCents: row.disbursed_cents, allocatedCents: row.allocated_cents }) ?? null)
      : null,
    status: row.status,
    period: { from: row.period_from, to: row.period_to },
    revisions: revisions.get(row.commitment_id) ?? [],
    supportDecisionId: row.support_decision_id,
    actionId: row.action_id,
    disbursements: disbursements.get(row.commitment_id) ?? [],
    assumedForDemo: row.assumed_for_demo === 1,
    committerLeftOn: row.committer_left_on,
  }));
  const byFunder = groupBy(rows, (row) => row.organisation_id, (row) => row);
  return {
    commitments,
    totals: totalsOf(rows),
    // The commitments dashboard by funder (domain.md §10.3), and project against structure (§10.2: « projet » or « structure »).
    totalsByFunder: [...byFunder].map(([organisationId, lines]) => ({ organisationId, ...totalsOf(lines) })),
    totalsByScope: (['project', 'structure'] as const).map((scope) => ({ scope, ...totalsOf(rows.filter((r) => scopeOf(r.purpose) === scope)) })),
    coFundingByAction: coFundingOf(db, cooperationId, lang),
    supportDecisions: db
      .prepare<[string], SupportDecisionRow>(`SELECT * FROM ${SUPPORT_DECISIONS} WHERE cooperation_id = ? ORDER BY rowid`)
      .all(cooperationId)
      .map((row) => ({
        supportDecisionId: row.support_decision_id,
        deciderOrganisationId: row.decider,
        decidingBody: row.deciding_body,
        bodyLabel: row.body_label,
        outcome: row.outcome,
        amount: amountView(row.amount_status, row.amount_cents, lang),
        conditions: JSON.parse(row.conditions) as string[],
        decidedOn: row.decided_on,
        commitmentIds: rows.filter((line) => line.support_decision_id === row.support_decision_id).map((line) => line.commitment_id),
      })),
  };
};

export interface OpenCommitmentOfDepartedMember {
  readonly cooperationId: string;
  readonly commitmentId: string;
  readonly organisationId: string;
  readonly description: string;
  readonly leftOn: string;
}

/** The commitments still open whose organisation has left its cooperation: an alert (domain.md §8.9, MemberLeft). */
export const getOpenCommitmentsOfDepartedMembers = (db: Database.Database, cooperationId?: string): OpenCommitmentOfDepartedMember[] =>
  db
    .prepare<[string | null, string | null], Row & { cooperation_id: string; committer_left_on: string }>(
      `SELECT * FROM ${COMMITMENTS} WHERE committer_left_on IS NOT NULL AND status = 'active' AND (? IS NULL OR cooperation_id = ?) ORDER BY rowid`,
    )
    .all(cooperationId ?? null, cooperationId ?? null)
    .map((row) => ({ cooperationId: row.cooperation_id, commitmentId: row.commitment_id, organisationId: row.organisation_id, description: row.description, leftOn: row.committer_left_on }));
