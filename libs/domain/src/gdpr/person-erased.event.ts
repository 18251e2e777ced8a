import type { DomainEvent } from '../shared/decider.js';

/** The stream of the erasure audit trail: one event per erased person, none of which holds personal data. */
export const GDPR_STREAM = 'gdpr';

/**
 * A person's key was deleted (GDPR art. 17): every personal value encrypted under it now reads « [donnée effacée] ».
 * Holds no personal data by design: the person id is a pseudonymous slug, and `reason` must not name anyone.
 */
export type PersonErased = DomainEvent<'PersonErased', { personId: string; erasedAt: string; reason: string }>;

export type GdprEvent = PersonErased;
