import type { DomainEvent } from '../../shared/decider.js';
import type { PartialDate } from '../../shared/business-date.js';

export type GovernanceInstanceDissolved = DomainEvent<
  'GovernanceInstanceDissolved',
  { instanceId: string; dissolvedOn: PartialDate; reason: string; successorInstanceId?: string }
>;
