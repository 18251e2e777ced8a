import { describe, expect, it } from '@jest/globals';
import { CURRENT_SCHEMA_VERSIONS } from '../../event-schemas.js';
import { upcastCommitmentWithdrawnV1 } from './commitment-withdrawn.event.js';

const v1 = { commitmentId: 'commitment:ingenierie-90k', reason: 'stratégie de sortie', withdrawnOn: '2026', disbursedSoFarCents: 5_000_000 };

describe('CommitmentWithdrawn v1 → v2 (disbursedSoFar as money, domain.md E39)', () => {
  it('is the step from v1 to the current version', () => {
    expect(upcastCommitmentWithdrawnV1).toMatchObject({ type: 'CommitmentWithdrawn', fromVersion: 1 });
    expect(CURRENT_SCHEMA_VERSIONS.CommitmentWithdrawn).toBe(2);
  });

  it('the cents paid out become an amount in euros, nothing else changes', () =>
    expect(upcastCommitmentWithdrawnV1.upcast(Object.freeze({ ...v1 }))).toEqual({
      commitmentId: 'commitment:ingenierie-90k',
      reason: 'stratégie de sortie',
      withdrawnOn: '2026',
      disbursedSoFar: { cents: 5_000_000, currency: 'EUR' },
    }));

  it('a v1 event without its cents is refused rather than guessed', () => {
    const { disbursedSoFarCents: _cents, ...without } = v1;
    expect(() => upcastCommitmentWithdrawnV1.upcast(without)).toThrow(/no disbursedSoFarCents/);
  });
});
