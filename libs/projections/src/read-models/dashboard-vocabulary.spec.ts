import { describe, expect, it } from '@jest/globals';
import {
  COMMITMENT_KINDS,
  COMMITMENT_PURPOSES,
  COOPERATION_FORMS,
  COOPERATION_PHASES,
  DECISION_OUTCOMES,
  DECIDING_BODIES,
  DECISION_SUBJECT_TYPES,
  EVALUATION_KINDS,
  INSTANCE_KINDS,
  MANDATES,
  MEMBERSHIP_TYPES,
  MILESTONE_KINDS,
  PLATFORM_ROLES,
  PROVENANCE_CONFIDENCES,
  QUANTITY_UNITS,
  ROLES,
  SEAT_TYPES,
  SUPPORT_OUTCOMES,
} from '#domain';
// Here rather than beside it: the dashboard's own build (rootDir apps/dashboard/src) cannot take the domain in.
import { VOCABULARY } from '../../../../apps/dashboard/src/vocabulary.js';
import { ALERT_KINDS } from './alerts.js';
import { labelOf } from './event-labels.js';

/** The codes the dashboard shows through `v()`: the domain's closed vocabularies, and the statuses the read models and the API give. */
const SHOWN: Record<string, readonly string[]> = {
  phases: COOPERATION_PHASES,
  forms: COOPERATION_FORMS,
  membershipTypes: MEMBERSHIP_TYPES,
  roles: ROLES,
  instanceKinds: INSTANCE_KINDS,
  mandates: MANDATES,
  seatTypes: SEAT_TYPES,
  decisionOutcomes: DECISION_OUTCOMES,
  decisionSubjects: DECISION_SUBJECT_TYPES,
  supportOutcomes: SUPPORT_OUTCOMES,
  decidingBodies: DECIDING_BODIES,
  milestoneKinds: MILESTONE_KINDS,
  evaluationKinds: EVALUATION_KINDS,
  commitmentKinds: COMMITMENT_KINDS,
  commitmentPurposes: COMMITMENT_PURPOSES,
  quantityUnits: QUANTITY_UNITS,
  confidences: PROVENANCE_CONFIDENCES,
  alertKinds: ALERT_KINDS,
  // An actor's capacity: a platform role, or `operator` for the command line.
  capacities: [...PLATFORM_ROLES, 'operator'],
  charterStatuses: ['none', 'draft', 'adopted', 'inForce', 'superseded'],
  commitmentStatuses: ['active', 'withdrawn', 'fulfilled', 'carriedOver'],
  meetingStatuses: ['scheduled', 'held', 'cancelled', 'unrecorded'],
  actionStatuses: ['launched', 'completed'],
};

describe('the dashboard’s words for the codes it shows (apps/dashboard/src/vocabulary.ts)', () => {
  it.each(Object.entries(SHOWN))('names every value of %s in French and in English, never as its code', (_, values) => {
    expect(values.filter((value) => !Object.hasOwn(VOCABULARY, value) || !VOCABULARY[value]!.fr || !VOCABULARY[value]!.en)).toEqual([]);
  });

  it('names each role as the timeline does', () => {
    const timelineSays = (role: string) =>
      labelOf({ type: 'RoleAssigned', data: { assignmentId: 'a', organisationId: 'org:x', role, from: '2025' } } as never, { nameOf: () => 'X' });
    for (const role of ROLES) expect({ role, ...timelineSays(role) }).toEqual({ role, fr: `${VOCABULARY[role]!.fr} : X`, en: `${VOCABULARY[role]!.en}: X` });
  });
});
