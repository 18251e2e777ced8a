import type { DomainEvent } from '../../shared/decider.js';

export type MeetingCancelled = DomainEvent<'MeetingCancelled', { meetingId: string; reason: string }>;
