import type { DomainEvent } from '../../shared/decider.js';
import type { PartialDate } from '../../shared/business-date.js';
import type { Upcaster } from '../../shared/upcaster.js';

/** Schema version 2 (event-schemas.ts): `disbursedSoFar` as money, as domain.md E39 names it. */
export type CommitmentWithdrawn = DomainEvent<
  'CommitmentWithdrawn',
  {
    commitmentId: string;
    reason: string;
    withdrawnOn: PartialDate;
    /** What had been paid out by then (financial commitments; nothing for the others). */
    disbursedSoFar: { cents: number; currency: 'EUR' };
  }
>;

/** v1 → v2: `disbursedSoFarCents: n` becomes `disbursedSoFar: { cents: n, currency: 'EUR' }`, the shape of every amount paid. */
export const upcastCommitmentWithdrawnV1: Upcaster = {
  type: 'CommitmentWithdrawn',
  fromVersion: 1,
  upcast: (data) => {
    const { disbursedSoFarCents, ...rest } = data as { disbursedSoFarCents?: unknown };
    if (typeof disbursedSoFarCents !== 'number') throw new Error(`CommitmentWithdrawn v1 has no disbursedSoFarCents: ${JSON.stringify(data)}`);
    return { ...rest, disbursedSoFar: { cents: disbursedSoFarCents, currency: 'EUR' } } satisfies Omit<CommitmentWithdrawn['data'], 'commitmentId' | 'reason' | 'withdrawnOn'>;
  },
};
