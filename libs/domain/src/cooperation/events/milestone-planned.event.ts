import type { DomainEvent } from '../../shared/decider.js';
import type { PartialDate } from '../../shared/business-date.js';
import type { MilestoneKind } from '../cooperation.vocabulary.js';

export type MilestonePlanned = DomainEvent<
  'MilestonePlanned',
  { milestoneId: string; label: string; kind: MilestoneKind; dueBy: PartialDate; ownerOrganisationId?: string; warnings: MilestoneWarning[] }
>;

/** Accepted but flagged: a milestone due after the end of the cooperation's programme (TEC: 36 months). */
export interface MilestoneWarning {
  readonly code: 'BeyondProgrammeHorizon';
  readonly params: Readonly<Record<string, unknown>>;
}
