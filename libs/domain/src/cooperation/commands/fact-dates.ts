import { isDefinitelyBefore, type PartialDate } from '../../shared/business-date.js';
import { ensure } from '../../shared/domain-error.js';
import { CooperationErrorCode as Code } from '../cooperation.errors.js';
import type { CooperationCommand } from './index.js';

type DataOf<T extends CooperationCommand['type']> = Extract<CooperationCommand, { type: T }>['data'];

/**
 * The field of each command, and of the event it records, that states when its fact happened: never after the record
 * day, nor after a closed cooperation's closing (domain.md §8.1). Commands without one state effective dates, plans
 * or schedules, which may lie ahead.
 */
export const FACT_DATE_FIELD: { readonly [T in CooperationCommand['type']]?: keyof DataOf<T> & string } = {
  ProposeCooperation: 'proposedOn',
  StartTerritorialDiagnostic: 'startedOn',
  StartCooperation: 'startedOn',
  CompleteTerritorialDiagnostic: 'completedOn',
  CloseCooperation: 'closedOn',
  AdmitMember: 'joinedOn',
  RecordMemberDeparture: 'leftOn',
  AdoptCharter: 'adoptedOn',
  AdoptCharterAmendment: 'adoptedOn',
  SignCharter: 'signedOn',
  WithdrawSignature: 'withdrawnOn',
  CreateGovernanceInstance: 'createdOn',
  RecordSupportDecision: 'decidedOn',
  WithdrawCommitment: 'withdrawnOn',
  ReviseCommitment: 'revisedOn',
  RecordDisbursement: 'disbursedOn',
  MarkCommitmentFulfilled: 'fulfilledOn',
  RequestMeetingConvening: 'requestedOn',
  RecordMeetingHeld: 'heldOn',
  RecordDecision: 'decidedOn',
  DissolveGovernanceInstance: 'dissolvedOn',
  LaunchAction: 'launchedOn',
  CompleteAction: 'completedOn',
  RecordMilestoneReached: 'reachedOn',
};

/** Those fields by name, as a correction (E50) finds them in the event it corrects. */
export const FACT_DATE_FIELDS: ReadonlySet<string> = new Set(Object.values(FACT_DATE_FIELD));

/** The date a command's fact happened on, when it states one. */
export const factDateIn = (command: CooperationCommand): string | undefined => {
  const field = FACT_DATE_FIELD[command.type];
  const date = field === undefined ? undefined : (command.data as Record<string, unknown>)[field];
  return typeof date === 'string' ? date : undefined;
};

/** What a closed cooperation records, or a correction moves, happened by its closing (domain.md §8.1). */
export const ensureNotAfterClosing = (closedOn: PartialDate | undefined, factDate: PartialDate | undefined): void =>
  ensure(closedOn === undefined || factDate === undefined || !isDefinitelyBefore(closedOn, factDate), Code.CooperationClosed, { closedOn });
