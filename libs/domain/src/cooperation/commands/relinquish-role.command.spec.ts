import { describe, it } from '@jest/globals';
import { CooperationErrorCode as Code } from '../cooperation.errors.js';
import { assigned, citeesMembers, event, given, when } from '../../testing/fixtures.js';

const support = assigned('a-support', 'org:inter-made', 'SupportProvider', { scope: 'binôme TEC', from: '2025-11' });
const relinquish = (assignmentId: string, effectiveOn = '2026-11') => when('RelinquishRole', { assignmentId, effectiveOn, reason: 'fin de l’accompagnement' });

describe('RelinquishRole', () => {
  it('ends an active assignment for its holder (C5)', () =>
    given([...citeesMembers(), support])
      .when(relinquish('a-support'))
      .then([event('RoleRelinquished', { assignmentId: 'a-support', organisationId: 'org:inter-made', effectiveOn: '2026-11', reason: 'fin de l’accompagnement' })]));

  it('the assignment must exist', () =>
    given(citeesMembers()).when(relinquish('a-unknown')).thenThrows(Code.AssignmentNotFound, { assignmentId: 'a-unknown' }));

  it('an assignment is ended once', () =>
    given([...citeesMembers(), support, event('RoleRelinquished', { assignmentId: 'a-support', organisationId: 'org:inter-made', effectiveOn: '2026-06', reason: 'fin' })])
      .when(relinquish('a-support'))
      .thenThrows(Code.AssignmentNotActive, { assignmentId: 'a-support', endedOn: '2026-06' }));

  it('a role is not given up before it began', () =>
    given([...citeesMembers(), support]).when(relinquish('a-support', '2025-10')).thenThrows(Code.EffectiveBeforeAssignmentStart, { effectiveOn: '2025-10', from: '2025-11' }));
});
