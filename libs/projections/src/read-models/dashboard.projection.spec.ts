import Database from 'better-sqlite3';
import { describe, expect, it } from '@jest/globals';
import type { CooperationEvent } from '#domain';
import { correctionOf, recorderFor } from '../testing/recorded-events.js';
import { dashboardFigures, getPendingSignatures } from './dashboard.projection.js';

const COOP = 'coop:citees-marseille';
const recorded = recorderFor(COOP);

describe('dashboard read model: signatures awaited', () => {
  const db = new Database(':memory:');
  dashboardFigures.init(db);
  const apply = (event: CooperationEvent) => dashboardFigures.apply(db, recorded(event));
  const draft: CooperationEvent = {
    type: 'CharterDraftStarted',
    data: { charterId: 'charter:1', title: 'Charte de coopératon', kind: 'cooperationCharter', draftingOrganisationIds: ['org:a'], plannedSignatoryOrganisationIds: ['org:a', 'org:b'] },
  };
  apply(draft);
  apply({ type: 'CharterAdopted', data: { charterId: 'charter:1', version: 1, instanceId: 'instance:copil', adoptedOn: '2025-10', contentHash: 'sha256:1', requiredSignatoryOrganisationIds: ['org:a', 'org:b'] } });
  apply({ type: 'CharterSigned', data: { charterId: 'charter:1', version: 1, organisationId: 'org:a', signatoryPersonId: 'person:a', signatoryCapacity: 'présidente', signedOn: '2025-11', witnesses: [], contentHash: 'sha256:1' } });

  it('names the charter by its title as corrected (E50), with who has yet to sign', () => {
    apply(correctionOf(draft, 'title', 'Charte de coopératon', 'Charte de coopération'));
    expect(getPendingSignatures(db, COOP)).toEqual([
      { cooperationId: COOP, charterId: 'charter:1', title: 'Charte de coopération', version: 1, signed: 1, required: 2, missingOrganisationIds: ['org:b'] },
    ]);
  });

  it('a signature withdrawn no longer counts (E26); a member leaving is struck from what the version awaits, with its signature (§8.9)', () => {
    const db2 = new Database(':memory:');
    dashboardFigures.init(db2);
    const apply2 = (event: CooperationEvent) => dashboardFigures.apply(db2, recorded(event));
    apply2({ ...draft, data: { ...draft.data, plannedSignatoryOrganisationIds: ['org:a', 'org:b', 'org:c'] } });
    apply2({ type: 'CharterAdopted', data: { charterId: 'charter:1', version: 1, instanceId: 'instance:copil', adoptedOn: '2025-10', contentHash: 'sha256:1', requiredSignatoryOrganisationIds: ['org:a', 'org:b', 'org:c'] } });
    for (const organisationId of ['org:a', 'org:b']) {
      apply2({ type: 'CharterSigned', data: { charterId: 'charter:1', version: 1, organisationId, signatoryPersonId: `person:${organisationId}`, signatoryCapacity: 'présidente', signedOn: '2025-11', witnesses: [], contentHash: 'sha256:1' } });
    }
    apply2({ type: 'CharterSignatureWithdrawn', data: { charterId: 'charter:1', version: 1, organisationId: 'org:a', reason: 'non ratifiée', withdrawnOn: '2025-12' } });
    expect(getPendingSignatures(db2, COOP)).toMatchObject([{ signed: 1, required: 3, missingOrganisationIds: ['org:a', 'org:c'] }]);
    // A departure withdraws its signature first (E26), then the version no longer awaits it.
    apply2({ type: 'CharterSignatureWithdrawn', data: { charterId: 'charter:1', version: 1, organisationId: 'org:b', reason: 'départ', withdrawnOn: '2026-01' } });
    apply2({ type: 'MemberLeft', data: { organisationId: 'org:b', leftOn: '2026-01', reason: 'fin' } });
    expect(getPendingSignatures(db2, COOP)).toMatchObject([{ signed: 0, required: 2, missingOrganisationIds: ['org:a', 'org:c'] }]);
  });

  it('a partnership agreement, signed on its draft, does not await a party that left before the first signature (§8.9)', () => {
    const db3 = new Database(':memory:');
    dashboardFigures.init(db3);
    const apply3 = (event: CooperationEvent) => dashboardFigures.apply(db3, recorded(event));
    apply3({ ...draft, data: { ...draft.data, charterId: 'agreement:1', kind: 'partnershipAgreement', plannedSignatoryOrganisationIds: ['org:a', 'org:b', 'org:c'] } });
    apply3({ type: 'MemberLeft', data: { organisationId: 'org:c', leftOn: '2026-01', reason: 'fin' } });
    apply3({ type: 'CharterSigned', data: { charterId: 'agreement:1', version: 1, organisationId: 'org:a', signatoryPersonId: 'person:a', signatoryCapacity: 'présidente', signedOn: '2026-02', witnesses: [], contentHash: 'sha256:1' } });
    expect(getPendingSignatures(db3, COOP)).toMatchObject([{ charterId: 'agreement:1', signed: 1, required: 2, missingOrganisationIds: ['org:b'] }]);
  });
});
