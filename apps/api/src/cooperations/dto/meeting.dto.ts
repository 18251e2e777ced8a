import { IsInt, Max, Min, ValidateIf } from 'class-validator';
import {
  DECISION_OUTCOMES,
  DECISION_SUBJECT_TYPES,
  type CancelMeeting,
  type CommandData,
  type DissolveGovernanceInstance,
  type RecordDecision,
  type RecordMeetingHeld,
  type RequestMeetingConvening,
  type ScheduleMeeting,
} from '#domain';
import { BooleanField, CommandBodyDto, EnumField, NestedField, PartialDateField, SlugField, SlugListField, TextField, TextListField } from '../../http/dto-fields.js';

export class RequestMeetingConveningDto extends CommandBodyDto implements Omit<CommandData<RequestMeetingConvening>, 'requestId'> {
  @SlugField({ optional: true }) requestId?: string;
  @SlugField() instanceId!: string;
  @SlugField() requestedBySeatId!: string;
  @TextField({ max: 500 }) topic!: string;
  @PartialDateField() requestedOn!: string;
}

export class ScheduleMeetingDto extends CommandBodyDto implements Omit<CommandData<ScheduleMeeting>, 'meetingId'> {
  @SlugField({ optional: true }) meetingId?: string;
  @SlugField() instanceId!: string;
  @PartialDateField() scheduledFor!: string;
  @TextField({ max: 300 }) location!: string;
  @TextListField({ optional: true }) agenda: string[] = [];
  @TextListField({ optional: true, max: 10 }) parts: string[] = [];
  @SlugListField({ optional: true }) answersRequestIds: string[] = [];
  @SlugField({ optional: true }) preparedByMeetingId?: string;
}

class GuestDto {
  @SlugField({ optional: true }) organisationId?: string;
  @SlugField({ optional: true }) personId?: string;
  @TextField({ max: 300 }) capacity!: string;
}

/** `{ "seatId": "…" }` for a seated member, `{ "guest": { "capacity": "…" } }` for anyone else present. */
class AttendeeDto {
  @ValidateIf((a: AttendeeDto) => a.guest === undefined) @SlugField() seatId?: string;
  @ValidateIf((a: AttendeeDto) => a.seatId === undefined) @NestedField(() => GuestDto) guest?: GuestDto;
}

export class RecordMeetingHeldDto extends CommandBodyDto implements Omit<CommandData<RecordMeetingHeld>, 'attendees'> {
  @SlugField() meetingId!: string;
  @PartialDateField() heldOn!: string;
  @NestedField(() => AttendeeDto, { each: true, max: 500 }) attendees!: AttendeeDto[];
  @SlugListField({ optional: true }) apologies: string[] = [];
  @TextField({ optional: true, max: 500 }) minutesRef?: string;
  @TextField({ optional: true, max: 200 }) contentHash?: string;

  override toCommandData(): object {
    return { ...this, attendees: this.attendees.map((a) => (a.seatId !== undefined ? { seatId: a.seatId } : { guest: a.guest })) };
  }
}

export class CancelMeetingDto extends CommandBodyDto implements CommandData<CancelMeeting> {
  @SlugField() meetingId!: string;
  @TextField() reason!: string;
}

class VotesDto {
  @IsInt() @Min(0) @Max(100_000) for!: number;
  @IsInt() @Min(0) @Max(100_000) against!: number;
  @IsInt() @Min(0) @Max(100_000) abstain!: number;
}

export class RecordDecisionDto extends CommandBodyDto implements Omit<CommandData<RecordDecision>, 'decisionId'> {
  @SlugField({ optional: true }) decisionId?: string;
  @SlugField() instanceId!: string;
  @SlugField({ optional: true }) meetingId?: string;
  @BooleanField({ optional: true }) writtenProcedure?: boolean;
  @EnumField(DECISION_SUBJECT_TYPES) subjectType!: RecordDecision['data']['subjectType'];
  @SlugField({ optional: true }) subjectRef?: string;
  @EnumField(DECISION_OUTCOMES) outcome!: RecordDecision['data']['outcome'];
  @TextField() text!: string;
  @NestedField(() => VotesDto, { optional: true }) votes?: VotesDto;
  @BooleanField({ optional: true }) consensus?: boolean;
  @PartialDateField() decidedOn!: string;
  @SlugField({ optional: true }) revisits?: string;
}

export class DissolveGovernanceInstanceDto extends CommandBodyDto implements CommandData<DissolveGovernanceInstance> {
  @SlugField() instanceId!: string;
  @PartialDateField() dissolvedOn!: string;
  @TextField() reason!: string;
  @SlugField({ optional: true }) successorInstanceId?: string;
}
