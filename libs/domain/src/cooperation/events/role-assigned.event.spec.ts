import { describe, expect, it } from '@jest/globals';
import { CURRENT_SCHEMA_VERSIONS } from '../../event-schemas.js';
import { citeesMembers, event, given, when } from '../../testing/fixtures.js';
import { CooperationErrorCode as Code } from '../cooperation.errors.js';
import { upcastRoleAssignedV1, type RoleAssigned, type RoleAssignedV1Data } from './role-assigned.event.js';

const v1 = (period: RoleAssignedV1Data['period'], extra: Partial<RoleAssignedV1Data> = {}): RoleAssignedV1Data => ({
  assignmentId: 'assignment:lead-2025',
  organisationId: 'org:cite-des-transitions',
  role: 'Lead',
  period,
  ...extra,
});

const deepFreeze = <T>(value: T): T => {
  if (value && typeof value === 'object') for (const inner of Object.values(value)) deepFreeze(inner);
  return Object.freeze(value);
};

const upcast = (data: object) => upcastRoleAssignedV1.upcast(deepFreeze(data) as Readonly<Record<string, unknown>>);

describe('RoleAssigned v1 → v2 (period flattened to from / to)', () => {
  it('is the step from v1 to the current version', () => {
    expect(upcastRoleAssignedV1).toMatchObject({ type: 'RoleAssigned', fromVersion: 1 });
    expect(CURRENT_SCHEMA_VERSIONS.RoleAssigned).toBe(2);
  });

  it('an open-ended period becomes `from` alone, with no `to` and no `period` left', () => {
    const upcasted = upcast(v1({ from: '2025-03' }));
    expect(upcasted).toEqual({ assignmentId: 'assignment:lead-2025', organisationId: 'org:cite-des-transitions', role: 'Lead', from: '2025-03' });
    expect(upcasted).not.toHaveProperty('to');
  });

  it('a bounded period keeps both ends, at their own precision', () =>
    expect(upcast(v1({ from: '2025', to: '2026-06-30' }))).toMatchObject({ from: '2025', to: '2026-06-30' }));

  it('an open end written `to: null` becomes an absent `to`, never null', () => {
    const upcasted = upcast(v1({ from: '2025-10', to: null }));
    expect(upcasted).toMatchObject({ from: '2025-10' });
    expect(upcasted).not.toHaveProperty('to');
  });

  it('keeps every other field verbatim (scope, its organisations, the sources’ wording, the decision)', () => {
    const extra = { scope: 'initiatives', scopeOrganisationIds: ['org:banlieues-sante'], wording: 'appuie et finance les initiatives', decisionId: 'decision:copil-1' };
    expect(upcast(v1({ from: '2025' }, { role: 'Funder', ...extra }))).toEqual({
      assignmentId: 'assignment:lead-2025', organisationId: 'org:cite-des-transitions', role: 'Funder', ...extra, from: '2025',
    } satisfies RoleAssigned['data']);
  });

  it('leaves the stored data untouched (it runs on every read)', () => {
    const stored = v1({ from: '2025', to: null });
    const before = structuredClone(stored);
    upcast(stored);
    expect(stored).toEqual(before);
  });

  it('a v1 event already flat (written before versions were bumped) passes unchanged', () => {
    const flat = { assignmentId: 'assignment:coordination', organisationId: 'org:inter-made', role: 'Coordinator', from: '2025', to: '2026' };
    expect(upcast(flat)).toEqual(flat);
  });

  it.each([
    ['neither period nor from', { assignmentId: 'a', organisationId: 'o', role: 'Lead' }, /neither period.from nor from/],
    ['a period without from', { assignmentId: 'a', organisationId: 'o', role: 'Lead', period: { to: '2026' } }, /period has no from/],
    ['a null period', { assignmentId: 'a', organisationId: 'o', role: 'Lead', period: null }, /period has no from/],
    ['both period and from', { assignmentId: 'a', organisationId: 'o', role: 'Lead', period: { from: '2025' }, from: '2024' }, /both period and from/],
  ])('refuses a v1 event with %s instead of guessing its dates', (_what, data, message) => expect(() => upcast(data)).toThrow(message));

  it('the upcast event folds: a role is not given up before the start its v1 period gave', () =>
    given([...citeesMembers(), event('RoleAssigned', upcast(v1({ from: '2025-11' }, { role: 'SupportProvider' })) as RoleAssigned['data'])])
      .when(when('RelinquishRole', { assignmentId: 'assignment:lead-2025', effectiveOn: '2025-10', reason: 'fin' }))
      .thenThrows(Code.EffectiveBeforeAssignmentStart, { effectiveOn: '2025-10', from: '2025-11' }));
});
