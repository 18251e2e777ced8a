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

/** The comité des financeurs that shares co-financing out between actions (domain.md E41), and its approval. */
export const fundersCommittee = (mandate: ('allocateFunding' | 'decide')[] = ['allocateFunding']) =>
  event('GovernanceInstanceCreated', {
    instanceId: 'instance:financeurs',
    ownerScope: 'cooperation',
    kind: 'fundersCommittee',
    label: 'Comité des financeurs',
    mandate,
    frequency: { kind: 'adHoc' },
    chairingModel: 'none',
    createdOn: '2025',
  });

export const fundingDecision = (decisionId = 'decision:cofinancement', instanceId = 'instance:financeurs') =>
  event('DecisionRecorded', {
    decisionId,
    instanceId,
    writtenProcedure: true,
    subjectType: 'fundingAllocation',
    outcome: 'approved',
    text: 'Cofinancement de l’action de dépistage',
    decidedOn: '2026-03',
  });

export const share = (funderOrganisationId: string, cents: number, commitmentId?: string) => ({
  funderOrganisationId,
  ...(commitmentId ? { commitmentId } : {}),
  amount: { cents, currency: 'EUR' as const },
});
