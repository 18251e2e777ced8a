import type { Actor } from '../shared/decider.js';

/**
 * Platform roles. `admin`: foundation staff (registries, proposing cooperations, recording on anyone's behalf).
 * `auditor`: reads everything, history and exports included, and never writes. `member`: acts for one
 * organisation in the cooperations its token lists.
 */
export const PLATFORM_ROLES = ['admin', 'auditor', 'member'] as const;
export type PlatformRole = (typeof PLATFORM_ROLES)[number];

/** Who is calling, as a verified token says: never read from a request body. */
export interface Principal {
  readonly userId: string;
  readonly role: PlatformRole;
  /** The organisation a member acts for; commands in another organisation's name are refused. */
  readonly organisationId?: string;
  /** The cooperations a member belongs to (reads and writes); admins and auditors see them all. */
  readonly cooperationIds?: readonly string[];
  readonly personId?: string;
}

/** The actor recorded in event metadata: the principal's id, role and organisation, never its name (personal data). */
export const actorOf = (principal: Principal): Actor => ({
  userId: principal.userId,
  capacity: principal.role,
  ...(principal.organisationId ? { organisationId: principal.organisationId } : {}),
  ...(principal.personId ? { personId: principal.personId } : {}),
});
