import { describe, it } from '@jest/globals';
import { CooperationErrorCode as Code } from '../cooperation.errors.js';
import type { CoFundingShare } from '../events/index.js';
import { actionLaunched, assigned, citeesMembers, event, given, started, steeringCommittee, when } from '../../testing/fixtures.js';
import { disbursed, fundersCommittee, fundingDecision, grant, share } from '../../testing/commitments.fixtures.js';

const ENGINEERING = 'commitment:engineering';
const MACIF = 'org:fondation-macif';
const FRANCE_ACTIVE = 'org:france-active-paca';

/** CITÉES with two Funders, Macif's 90,000 € grant, a launched action and the funders' committee's approval. */
const funded = (pledge = grant()) => [
  ...citeesMembers(),
  assigned('assignment:macif-funder', MACIF, 'Funder'),
  assigned('assignment:france-active-funder', FRANCE_ACTIVE, 'Funder'),
  pledge,
  started(),
  actionLaunched(),
  fundersCommittee(),
  fundingDecision(),
];
const allocation = (allocations: CoFundingShare[], extra: { allocationId?: string; actionId?: string; decisionId?: string } = {}) => ({
  allocationId: 'allocation:depistage',
  actionId: 'action:depistage',
  decisionId: 'decision:cofinancement',
  allocations,
  ...extra,
});
const allocate = (...args: Parameters<typeof allocation>) => when('AllocateCoFunding', allocation(...args));
const allocated = (allocations: CoFundingShare[], allocationId = 'allocation:earlier') =>
  event('CoFundingAllocated', { ...allocation(allocations, { allocationId }), warnings: [] });

describe('AllocateCoFunding', () => {
  it('records each funder’s share of the action, drawn on a commitment or not', () => {
    const shares = [share(MACIF, 3_000_000, ENGINEERING), share(FRANCE_ACTIVE, 1_000_000)];
    return given(funded()).when(allocate(shares)).then([event('CoFundingAllocated', { ...allocation(shares), warnings: [] })]);
  });

  it('a share may use all that remains: amount − disbursed − already allocated', () =>
    given([...funded(), disbursed('d1', 5_000_000), allocated([share(MACIF, 3_000_000, ENGINEERING)])])
      .when(allocate([share(MACIF, 1_000_000, ENGINEERING)]))
      .then([event('CoFundingAllocated', { ...allocation([share(MACIF, 1_000_000, ENGINEERING)]), warnings: [] })]));

  it('a share never exceeds what remains of its commitment', () =>
    given([...funded(), disbursed('d1', 5_000_000), allocated([share(MACIF, 3_000_000, ENGINEERING)])])
      .when(allocate([share(MACIF, 1_000_001, ENGINEERING)]))
      .thenThrows(Code.AllocationExceedsCommitment, { commitmentId: ENGINEERING, remainingCents: 1_000_000, requestedCents: 1_000_001, disbursedCents: 5_000_000, allocatedCents: 3_000_000 }));

  it('shares drawn on the same commitment add up', () =>
    given(funded())
      .when(allocate([share(MACIF, 5_000_000, ENGINEERING), share(MACIF, 4_000_001, ENGINEERING)]))
      .thenThrows(Code.AllocationExceedsCommitment, { remainingCents: 9_000_000, requestedCents: 9_000_001 }));

  it('a share drawn on an undisclosed amount is accepted, with a warning that nothing bounds it', () => {
    const shares = [share(MACIF, 50_000_000, ENGINEERING), share(MACIF, 1, ENGINEERING)];
    return given(funded(grant({ amount: { status: 'notDisclosed' } })))
      .when(allocate(shares))
      .then([event('CoFundingAllocated', { ...allocation(shares), warnings: [{ code: 'RemainingAmountUnknown', params: { commitmentId: ENGINEERING } }] })]);
  });

  it('the decision comes from an instance holding the allocateFunding mandate', () =>
    given([...funded(), steeringCommittee(), fundingDecision('decision:copil', 'instance:copil')])
      .when(allocate([share(MACIF, 100)], { decisionId: 'decision:copil' }))
      .thenThrows(Code.InstanceLacksMandate, { instanceId: 'instance:copil', mandate: 'allocateFunding' }));

  it('the decision is an approval on record', () =>
    given(funded()).when(allocate([share(MACIF, 100)], { decisionId: 'decision:x' })).thenThrows(Code.DecisionNotFound));

  it('every funder holds the Funder role', () =>
    given(funded()).when(allocate([share(MACIF, 100), share('org:banlieues-sante', 100)])).thenThrows(Code.CoFunderLacksFunderRole, { organisationId: 'org:banlieues-sante' }));

  it('the action must be known', () =>
    given(funded()).when(allocate([share(MACIF, 100)], { actionId: 'action:x' })).thenThrows(Code.ActionNotFound, { actionId: 'action:x' }));

  it('a share is drawn on one of the funder’s own commitments', () =>
    given(funded()).when(allocate([share(FRANCE_ACTIVE, 100, ENGINEERING)])).thenThrows(Code.CommitmentOfAnotherFunder, { funderOrganisationId: FRANCE_ACTIVE }));

  it('a co-funder of a joint commitment draws on it too', () =>
    given(funded(grant({ coFunderOrganisationIds: [FRANCE_ACTIVE] })))
      .when(allocate([share(FRANCE_ACTIVE, 100, ENGINEERING)]))
      .then([event('CoFundingAllocated', { ...allocation([share(FRANCE_ACTIVE, 100, ENGINEERING)]), warnings: [] })]));

  it('the commitment is active', () =>
    given([...funded(), event('CommitmentWithdrawn', { commitmentId: ENGINEERING, reason: 'fin', withdrawnOn: '2026', disbursedSoFar: { cents: 0, currency: 'EUR' } })])
      .when(allocate([share(MACIF, 100, ENGINEERING)]))
      .thenThrows(Code.CommitmentNotActive));

  it('co-financing is money: a staff-time commitment is not drawn on', () =>
    given(funded(grant({ kind: 'staffTime', amount: undefined }))).when(allocate([share(MACIF, 100, ENGINEERING)])).thenThrows(Code.NotAFinancialCommitment));

  it('an allocation has at least one share', () => given(funded()).when(allocate([])).thenThrows(Code.NoAllocations));

  it('an allocation id is used once', () =>
    given([...funded(), allocated([share(MACIF, 100)], 'allocation:depistage')]).when(allocate([share(MACIF, 100)])).thenThrows(Code.AllocationAlreadyExists));
});

describe('A disbursement that pays an allocated share (FundsDisbursed.allocationId)', () => {
  const earlier = allocated([share(MACIF, 3_000_000, ENGINEERING), share(FRANCE_ACTIVE, 500_000)]);
  const pays = (disbursementId: string, cents: number, allocationId = 'allocation:earlier') => ({ ...disbursed(disbursementId, cents), data: { ...disbursed(disbursementId, cents).data, allocationId } });
  const disburse = (disbursementId: string, cents: number, allocationId?: string) =>
    when('RecordDisbursement', { ...disbursed(disbursementId, cents).data, ...(allocationId ? { allocationId } : {}) });

  it('is counted once: the share paid leaves the earmark, so the rest of the commitment can still be allocated', () =>
    given([...funded(), earlier, pays('d1', 3_000_000)])
      .when(allocate([share(MACIF, 6_000_000, ENGINEERING)]))
      .then([event('CoFundingAllocated', { ...allocation([share(MACIF, 6_000_000, ENGINEERING)]), warnings: [] })]));

  it('a payment naming no allocation is spent beside the earmarks', () =>
    given([...funded(), earlier, disbursed('d1', 3_000_000)])
      .when(allocate([share(MACIF, 6_000_000, ENGINEERING)]))
      .thenThrows(Code.AllocationExceedsCommitment, { remainingCents: 3_000_000, disbursedCents: 3_000_000, allocatedCents: 3_000_000 }));

  it('a share may be paid in several parts, up to what it earmarks', () =>
    given([...funded(), earlier, pays('d1', 2_000_000)]).when(disburse('d2', 1_000_000, 'allocation:earlier')).then([pays('d2', 1_000_000)]));

  it('never beyond what the share still earmarks on this commitment', () =>
    given([...funded(), earlier, pays('d1', 2_000_000)])
      .when(disburse('d2', 1_000_001, 'allocation:earlier'))
      .thenThrows(Code.DisbursementExceedsAllocation, { allocationId: 'allocation:earlier', commitmentId: ENGINEERING, unpaidCents: 1_000_000, requestedCents: 1_000_001 }));

  it('the allocation exists', () =>
    given([...funded(), earlier]).when(disburse('d1', 100, 'allocation:x')).thenThrows(Code.AllocationNotFound, { allocationId: 'allocation:x' }));

  it('the allocation drew on this commitment', () =>
    given([...funded(), allocated([share(FRANCE_ACTIVE, 500_000)])])
      .when(disburse('d1', 100, 'allocation:earlier'))
      .thenThrows(Code.AllocationNotOnCommitment, { allocationId: 'allocation:earlier', commitmentId: ENGINEERING }));

  it('a revision may then come down to what was paid and what is still earmarked, no lower', () => {
    const history = [...funded(), earlier, pays('d1', 3_000_000), allocated([share(MACIF, 1_000_000, ENGINEERING)], 'allocation:later')];
    const revise = (cents: number) => ({ commitmentId: ENGINEERING, changes: { amount: { status: 'stated' as const, cents, currency: 'EUR' as const } }, reason: 'baisse', revisedOn: '2026-04' });
    given(history).when(when('ReviseCommitment', revise(4_000_000))).then([event('CommitmentRevised', revise(4_000_000))]);
    given(history).when(when('ReviseCommitment', revise(3_999_999))).thenThrows(Code.RevisedAmountBelowAllocated, { disbursedCents: 3_000_000, allocatedCents: 1_000_000 });
  });
});
