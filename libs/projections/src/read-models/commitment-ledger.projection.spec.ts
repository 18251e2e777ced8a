import Database from 'better-sqlite3';
import { describe, expect, it } from '@jest/globals';
import type { CooperationEvent, Money } from '#domain';
import type { Provenance } from '#event-store';
import { correctionOf, recorderFor } from '../testing/recorded-events.js';
import { commitmentLedger, getLedger } from './commitment-ledger.projection.js';

const COOP = 'coop:restos-passerelle';
const recorded = recorderFor(COOP);

const euros = (cents: number) => ({ status: 'stated' as const, cents, currency: 'EUR' as const });
const ENGINEERING = 'commitment:ingenierie-90k';

describe('commitment-ledger read model', () => {
  const db = new Database(':memory:');
  commitmentLedger.init(db);
  const events: CooperationEvent[] = [
    {
      type: 'CommitmentPledged',
      data: {
        commitmentId: ENGINEERING, organisationId: 'org:ville-de-saint-denis', coFunderOrganisationIds: ['org:plaine-commune'], kind: 'financialGrant',
        purpose: 'cooperationEngineering', beneficiaryOrganisationId: 'org:appui', amount: euros(9_000_000), description: 'accompagnement',
        period: { from: '2013', to: '2014-06' }, conditions: [],
      },
    },
    {
      type: 'CommitmentPledged',
      data: { commitmentId: 'commitment:acse', organisationId: 'org:acse', coFunderOrganisationIds: [], kind: 'equipment', purpose: 'investment', amount: { status: 'notDisclosed' }, description: 'équipement des cuisines', period: { from: '2013' }, conditions: [] },
    },
    { type: 'FundsDisbursed', data: { disbursementId: 'd1', commitmentId: ENGINEERING, amount: { cents: 5_000_000, currency: 'EUR' }, toOrganisationId: 'org:appui', disbursedOn: '2013-09' } },
    { type: 'CommitmentRevised', data: { commitmentId: ENGINEERING, changes: { amount: euros(8_000_000), period: { to: '2014-12' } }, reason: 'avenant', revisedOn: '2014-01' } },
    { type: 'CommitmentRevised', data: { commitmentId: ENGINEERING, changes: { conditions: ['rapport d’étape'] }, reason: 'condition ajoutée', revisedOn: '2014-02' } },
    {
      type: 'CoFundingAllocated',
      data: {
        allocationId: 'allocation:1', actionId: 'action:cuisines', decisionId: 'decision:financeurs',
        allocations: [
          { funderOrganisationId: 'org:plaine-commune', commitmentId: ENGINEERING, amount: { cents: 1_000_000, currency: 'EUR' } },
          { funderOrganisationId: 'org:acse', amount: { cents: 250_000, currency: 'EUR' } },
        ],
        warnings: [],
      },
    },
    {
      type: 'CoFundingAllocated',
      data: { allocationId: 'allocation:2', actionId: 'action:cuisines', decisionId: 'decision:financeurs-2', allocations: [{ funderOrganisationId: 'org:ville-de-saint-denis', commitmentId: ENGINEERING, amount: { cents: 500_000, currency: 'EUR' } }], warnings: [] },
    },
  ];
  for (const event of events) commitmentLedger.apply(db, recorded(event));
  const ledger = getLedger(db, COOP, 'fr');
  const [engineering, acse] = ledger.commitments;

  it('shows the terms as last revised, and the history of each revision with what it replaced', () => {
    expect(engineering).toMatchObject({
      amount: { status: 'stated', cents: 8_000_000, label: expect.stringMatching(/^80\s000,00\s€$/) },
      period: { from: '2013', to: '2014-12' },
      conditions: ['rapport d’étape'],
      description: 'accompagnement',
    });
    expect(engineering!.revisions).toEqual([
      { revisedOn: '2014-01', reason: 'avenant', changes: { amount: euros(8_000_000), period: { to: '2014-12' } }, previous: { amount: euros(9_000_000), period: { to: '2014-06' } } },
      { revisedOn: '2014-02', reason: 'condition ajoutée', changes: { conditions: ['rapport d’étape'] }, previous: { conditions: [] } },
    ]);
    expect(acse!.revisions).toEqual([]);
  });

  it('totals add the revised amount', () => {
    expect(ledger.totals).toEqual({ statedCents: 8_000_000, estimatedCents: 0, disbursedCents: 5_000_000, undisclosed: 1 });
  });

  it('per commitment: what allocations earmarked and what remains (amount − disbursed − allocated); nothing to compute when undisclosed', () => {
    expect(engineering).toMatchObject({ disbursedCents: 5_000_000, allocatedCents: 1_500_000, remainingCents: 1_500_000 });
    expect(acse).toMatchObject({ allocatedCents: 0, remainingCents: null });
  });

  it('a disbursement naming its allocation moves that much from allocated to disbursed: remaining counts it once', () => {
    const paid = new Database(':memory:');
    commitmentLedger.init(paid);
    for (const event of events) commitmentLedger.apply(paid, recorded(event));
    commitmentLedger.apply(paid, recorded({
      type: 'FundsDisbursed',
      data: { disbursementId: 'd2', commitmentId: ENGINEERING, amount: { cents: 400_000, currency: 'EUR' }, toOrganisationId: 'org:appui', disbursedOn: '2014-03', allocationId: 'allocation:2' },
    }));
    const line = getLedger(paid, COOP, 'fr').commitments[0]!;
    expect(line).toMatchObject({ disbursedCents: 5_400_000, allocatedCents: 1_100_000, remainingCents: 1_500_000 });
    // What the action was allocated does not change when it is paid.
    expect(getLedger(paid, COOP, 'fr').coFundingByAction[0]!.allocatedCents).toBe(1_750_000);
  });

  it('per action: every share of its co-funding, with or without a commitment', () => {
    expect(ledger.coFundingByAction).toEqual([
      {
        actionId: 'action:cuisines',
        allocatedCents: 1_750_000,
        label: expect.stringMatching(/^17\s500,00\s€$/),
        shares: [
          { allocationId: 'allocation:1', decisionId: 'decision:financeurs', funderOrganisationId: 'org:plaine-commune', commitmentId: ENGINEERING, cents: 1_000_000, label: expect.any(String) },
          { allocationId: 'allocation:1', decisionId: 'decision:financeurs', funderOrganisationId: 'org:acse', commitmentId: null, cents: 250_000, label: expect.any(String) },
          { allocationId: 'allocation:2', decisionId: 'decision:financeurs-2', funderOrganisationId: 'org:ville-de-saint-denis', commitmentId: ENGINEERING, cents: 500_000, label: expect.any(String) },
        ],
      },
    ]);
  });

  it('a field the pledge left out is recorded as having had no value', () => {
    commitmentLedger.apply(db, recorded({ type: 'CommitmentRevised', data: { commitmentId: 'commitment:acse', changes: { quantity: { value: 3, unit: 'items' } }, reason: 'trois cuisines', revisedOn: '2014' } }));
    const line = getLedger(db, COOP, 'en').commitments[1]!;
    expect(line.quantity).toEqual({ value: 3, unit: 'items' });
    expect(line.revisions[0]!.previous).toEqual({ quantity: null });
  });

  it('flags a commitment pledged on a demo assumption (domain.md §9), and keeps the flag through its revisions', () => {
    const pledge = (commitmentId: string, source?: Provenance) =>
      commitmentLedger.apply(db, recorded({
        type: 'CommitmentPledged',
        data: { commitmentId, organisationId: 'org:coallia', coFunderOrganisationIds: [], kind: 'equipment', purpose: 'investment', description: 'équipement', period: { from: '2013' }, conditions: [] },
      }, { source }));
    pledge('commitment:demo', { document: '001_6896deeae8272fff.txt', confidence: 'assumedForDemo' });
    pledge('commitment:inferred', { document: '001_6896deeae8272fff.txt', confidence: 'inferred' });
    commitmentLedger.apply(db, recorded({ type: 'CommitmentRevised', data: { commitmentId: 'commitment:demo', changes: { description: 'équipement (révisé)' }, reason: 'précision', revisedOn: '2014' } }));
    const flags = Object.fromEntries(getLedger(db, COOP, 'fr').commitments.map((line) => [line.commitmentId, line.assumedForDemo]));
    expect(flags).toEqual({ [ENGINEERING]: false, 'commitment:acse': false, 'commitment:demo': true, 'commitment:inferred': false });
  });

  it('keeps each cooperation’s commitments apart when two use the same id (ids are the cooperation’s own)', () => {
    const two = new Database(':memory:');
    commitmentLedger.init(two);
    const other = recorderFor('coop:autre');
    for (const event of events) commitmentLedger.apply(two, recorded(event));
    commitmentLedger.apply(two, other({ type: 'CommitmentPledged', data: { ...(events[0]!.data as object), amount: euros(100_000) } as never }));
    commitmentLedger.apply(two, other({ type: 'CommitmentWithdrawn', data: { commitmentId: ENGINEERING, reason: 'abandon', withdrawnOn: '2014', disbursedSoFar: { cents: 0, currency: 'EUR' } } }));
    expect(getLedger(two, COOP, 'fr').commitments.find((line) => line.commitmentId === ENGINEERING)).toMatchObject({ status: 'active', disbursedCents: 5_000_000 });
    expect(getLedger(two, 'coop:autre', 'fr').commitments).toEqual([expect.objectContaining({ commitmentId: ENGINEERING, status: 'withdrawn', disbursedCents: 0 })]);
  });

  it('a commitment carried over to the successor at closing (E11) reads « reporté » and leaves the pledged totals; what it paid here stays', () => {
    const other = new Database(':memory:');
    commitmentLedger.init(other);
    for (const event of events) commitmentLedger.apply(other, recorded(event));
    commitmentLedger.apply(other, recorded({ type: 'CooperationClosed', data: { closedOn: '2015', reason: 'transformedIntoLegalEntity', fromPhase: 'implementation', successorId: 'coop:suite', carriedOverCommitmentIds: [ENGINEERING] } }));
    const after = getLedger(other, COOP, 'fr');
    expect(after.commitments.find((line) => line.commitmentId === ENGINEERING)?.status).toBe('carriedOver');
    expect(after.totals).toEqual({ statedCents: 0, estimatedCents: 0, disbursedCents: 5_000_000, undisclosed: 1 });
  });
});

describe('commitment-ledger read model: corrections (E50)', () => {
  it('a pledge’s purpose, on that cooperation’s line only', () => {
    const db = new Database(':memory:');
    commitmentLedger.init(db);
    const pledge: CooperationEvent = {
      type: 'CommitmentPledged',
      data: { commitmentId: 'commitment:1', organisationId: 'org:acse', coFunderOrganisationIds: [], kind: 'equipment', purpose: 'investment', description: 'cuisines', period: { from: '2013' }, conditions: [] },
    };
    const elsewhere = recorderFor('coop:autre');
    commitmentLedger.apply(db, recorded(pledge));
    commitmentLedger.apply(db, elsewhere(pledge));
    commitmentLedger.apply(db, recorded(correctionOf(pledge, 'purpose', 'investment', 'operating')));
    expect(getLedger(db, COOP, 'fr').commitments[0]).toMatchObject({ commitmentId: 'commitment:1', purpose: 'operating' });
    expect(getLedger(db, 'coop:autre', 'fr').commitments[0]).toMatchObject({ commitmentId: 'commitment:1', purpose: 'investment' });
  });
});

describe('commitment-ledger read model: the funding chain (domain.md §10.2)', () => {
  const db = new Database(':memory:');
  commitmentLedger.init(db);
  const apply = (event: CooperationEvent) => commitmentLedger.apply(db, recorded(event));
  apply({
    type: 'SupportDecisionRecorded',
    data: {
      supportDecisionId: 'support:macif-2014', deciderOrganisationId: 'org:fondation-macif', decidingBody: 'regionalFoundationCommission',
      bodyLabel: 'Commission régionale Île-de-France', outcome: 'approved', amount: { status: 'notDisclosed' }, conditions: ['rapport annuel'], decidedOn: '2014-03',
    },
  });
  apply({
    type: 'CommitmentPledged',
    data: {
      commitmentId: 'commitment:macif', organisationId: 'org:fondation-macif', coFunderOrganisationIds: [], kind: 'financialGrant', purpose: 'action',
      actionId: 'action:cuisines', supportDecisionId: 'support:macif-2014', amount: euros(3_000_000), description: 'mise aux normes', period: { from: '2014' }, conditions: [],
    },
  });
  for (const [disbursementId, cents, disbursedOn] of [['d:1', 1_000_000, '2014-06'], ['d:2', 500_000, '2014-12']] as const) {
    apply({ type: 'FundsDisbursed', data: { disbursementId, commitmentId: 'commitment:macif', amount: { cents, currency: 'EUR' }, toOrganisationId: 'org:appui', disbursedOn } });
  }

  it('lists the support decision, the commitment it led to and the action it funds, and each payment on it', () => {
    const ledger = getLedger(db, COOP, 'fr');
    expect(ledger.supportDecisions).toEqual([
      {
        supportDecisionId: 'support:macif-2014', deciderOrganisationId: 'org:fondation-macif', decidingBody: 'regionalFoundationCommission',
        bodyLabel: 'Commission régionale Île-de-France', outcome: 'approved', amount: { status: 'notDisclosed', cents: null, label: 'montant non communiqué' },
        conditions: ['rapport annuel'], decidedOn: '2014-03', commitmentIds: ['commitment:macif'],
      },
    ]);
    const [line] = ledger.commitments;
    expect(line).toMatchObject({ supportDecisionId: 'support:macif-2014', actionId: 'action:cuisines', disbursedCents: 1_500_000 });
    expect(line!.disbursements.map(({ disbursementId, disbursedOn, cents, toOrganisationId, allocationId }) => [disbursementId, disbursedOn, cents, toOrganisationId, allocationId])).toEqual([
      ['d:1', '2014-06', 1_000_000, 'org:appui', null],
      ['d:2', '2014-12', 500_000, 'org:appui', null],
    ]);
    expect(line!.disbursements[0]!.label).toMatch(/^10\s000,00\s€$/);
  });
});

describe('commitment-ledger read model: totals by funder and for the project against structures (domain.md §10.2, §10.3)', () => {
  const db = new Database(':memory:');
  commitmentLedger.init(db);
  const apply = (event: CooperationEvent) => commitmentLedger.apply(db, recorded(event));
  const pledge = (commitmentId: string, organisationId: string, purpose: 'action' | 'operating' | 'cooperationEngineering', amount: Money) =>
    apply({ type: 'CommitmentPledged', data: { commitmentId, organisationId, coFunderOrganisationIds: [], kind: 'financialGrant', purpose, amount, description: commitmentId, period: { from: '2013' }, conditions: [] } });
  pledge('commitment:ville', 'org:ville', 'cooperationEngineering', euros(9_000_000));
  pledge('commitment:ville-cuisines', 'org:ville', 'action', euros(1_000_000));
  pledge('commitment:etat', 'org:etat', 'operating', { status: 'notDisclosed' });
  apply({ type: 'FundsDisbursed', data: { disbursementId: 'd:1', commitmentId: 'commitment:ville', amount: { cents: 2_000_000, currency: 'EUR' }, toOrganisationId: 'org:appui', disbursedOn: '2013-06' } });

  it('adds each funder’s stated amounts and counts its undisclosed ones; the project and the structures apart', () => {
    const ledger = getLedger(db, COOP, 'fr');
    expect(ledger.totalsByFunder).toEqual([
      { organisationId: 'org:ville', statedCents: 10_000_000, estimatedCents: 0, disbursedCents: 2_000_000, undisclosed: 0 },
      { organisationId: 'org:etat', statedCents: 0, estimatedCents: 0, disbursedCents: 0, undisclosed: 1 },
    ]);
    expect(ledger.totalsByScope).toEqual([
      { scope: 'project', statedCents: 10_000_000, estimatedCents: 0, disbursedCents: 2_000_000, undisclosed: 0 },
      { scope: 'structure', statedCents: 0, estimatedCents: 0, disbursedCents: 0, undisclosed: 1 },
    ]);
    expect(ledger.totals).toEqual({ statedCents: 10_000_000, estimatedCents: 0, disbursedCents: 2_000_000, undisclosed: 1 });
  });
});
