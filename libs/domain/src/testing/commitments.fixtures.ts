import type { CommitmentPledged } from '../cooperation/events/index.js';
import { event } from './fixtures.js';

/** A 90,000 € joint engineering grant (scenario D event 4), and a non-financial pledge. */
export const grant = (extra: Partial<CommitmentPledged['data']> = {}) =>
  event('CommitmentPledged', {
    commitmentId: 'commitment:engineering',
    organisationId: 'org:fondation-macif',
    coFunderOrganisationIds: [],
    kind: 'financialGrant',
    purpose: 'cooperationEngineering',
    beneficiaryOrganisationId: 'org:inter-made',
    amount: { status: 'stated', cents: 9_000_000, currency: 'EUR' },
    description: 'accompagnement à la transformation de cuisines informelles',
    period: { from: '2025', to: '2026-06' },
    conditions: [],
    ...extra,
  });

export const disbursed = (disbursementId: string, cents: number) =>
  event('FundsDisbursed', { disbursementId, commitmentId: 'commitment:engineering', amount: { cents, currency: 'EUR' }, toOrganisationId: 'org:inter-made', disbursedOn: '2025-06' });
