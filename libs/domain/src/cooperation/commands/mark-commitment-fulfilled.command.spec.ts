import { describe, it } from '@jest/globals';
import { CooperationErrorCode as Code } from '../cooperation.errors.js';
import { citeesMembers, event, given, when } from '../../testing/fixtures.js';
import { disbursed, grant } from '../../testing/commitments.fixtures.js';

const fulfil = (extra: Record<string, unknown> = {}) => when('MarkCommitmentFulfilled', { commitmentId: 'commitment:engineering', fulfilledOn: '2026', ...extra });

describe('MarkCommitmentFulfilled', () => {
  it('a fully paid grant is fulfilled', () =>
    given([...citeesMembers(), grant(), disbursed('d1', 9_000_000)]).when(fulfil()).then([event('CommitmentFulfilled', { commitmentId: 'commitment:engineering', fulfilledOn: '2026' })]));

  it('a grant paid short needs `partial` or a reason', () =>
    given([...citeesMembers(), grant(), disbursed('d1', 100)]).when(fulfil()).thenThrows(Code.CommitmentNotFullyDisbursed, { disbursedCents: 100 }));

  it('paid short with a reason is accepted', () =>
    given([...citeesMembers(), grant(), disbursed('d1', 100)]).when(fulfil({ reason: 'action réduite' })).thenProduces(() => undefined));

  it('it cannot be fulfilled twice', () =>
    given([...citeesMembers(), grant(), disbursed('d1', 9_000_000), event('CommitmentFulfilled', { commitmentId: 'commitment:engineering', fulfilledOn: '2026' })])
      .when(fulfil())
      .thenThrows(Code.CommitmentNotActive, { status: 'fulfilled' }));
});
