import type { DomainEvent } from '../../shared/decider.js';
import type { PartialDate } from '../../shared/business-date.js';
import type { Upcaster } from '../../shared/upcaster.js';
import type { Role } from '../cooperation.vocabulary.js';

/** Schema version 2 (event-schemas.ts): the validity period flat, `from` / `to`, like seats and representatives. */
export type RoleAssigned = DomainEvent<
  'RoleAssigned',
  {
    assignmentId: string;
    organisationId: string;
    role: Role;
    /** What the role covers, e.g. "cooperation", "habitat", "initiatives", "members". */
    scope?: string;
    /** Organisations the scope targets, e.g. the members a funder supports. */
    scopeOrganisationIds?: string[];
    from: PartialDate;
    to?: PartialDate;
    /** The sources' own French words for the role. */
    wording?: string;
    decisionId?: string;
  }
>;

/**
 * RoleAssigned as first recorded (schema version 1): the role's validity nested in `period: { from, to? }`, copied
 * from commitments, with an open end left out or written `to: null`. Version 2 flattened it to `from` / `to`, the
 * shape of every other holding (seats, representatives) that the handover rules, the lead history and the
 * timeline compare it with.
 */
export type RoleAssignedV1Data = Omit<RoleAssigned['data'], 'from' | 'to'> & { period: { from: PartialDate; to?: PartialDate | null } };

/**
 * v1 → v2: lifts `period.from` / `period.to` to `from` / `to` (an open end stays absent, never `null`). The flat
 * shape was in use before event versions were bumped, so a log written then holds v1 events already flat: those
 * pass unchanged. A v1 event with neither shape, or with both, is refused rather than guessed.
 */
export const upcastRoleAssignedV1: Upcaster = {
  type: 'RoleAssigned',
  fromVersion: 1,
  upcast: (data) => {
    if (!('period' in data)) {
      if (typeof data['from'] !== 'string') throw new Error('RoleAssigned v1 holds neither period.from nor from');
      return data;
    }
    if ('from' in data || 'to' in data) throw new Error('RoleAssigned v1 holds both period and from/to');
    const { period, ...rest } = data as unknown as RoleAssignedV1Data;
    if (typeof period?.from !== 'string') throw new Error(`RoleAssigned v1 period has no from: ${JSON.stringify(period)}`);
    return { ...rest, from: period.from, ...(period.to != null ? { to: period.to } : {}) } satisfies RoleAssigned['data'];
  },
};
