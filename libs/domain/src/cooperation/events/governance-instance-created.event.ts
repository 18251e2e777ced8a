import type { DomainEvent } from '../../shared/decider.js';
import type { PartialDate } from '../../shared/business-date.js';
import type { ChairingModel, Frequency, InstanceKind, Mandate } from '../cooperation.vocabulary.js';

export type GovernanceInstanceCreated = DomainEvent<
  'GovernanceInstanceCreated',
  {
    instanceId: string;
    ownerScope: 'cooperation';
    kind: InstanceKind;
    label: string;
    mandate: Mandate[];
    frequency: Frequency;
    conveningThreshold?: number;
    quorum?: number;
    preparedByInstanceId?: string;
    partsTemplate?: string[];
    chairingModel: ChairingModel;
    createdOn: PartialDate;
    decisionId?: string;
  }
>;
