import { CLOSING_REASONS, COOPERATION_PHASES, type ChangeCooperationPhase, type CloseCooperation, type StartCooperation, type CommandData } from '#domain';
import { CommandBodyDto, EnumField, NestedField, PartialDateField, SlugField, SlugListField, TextField } from '../../http/dto-fields.js';

class WaiverDto {
  @TextField({ max: 100 }) rule!: string;
  @TextField() justification!: string;
}

export class ChangeCooperationPhaseDto extends CommandBodyDto implements CommandData<ChangeCooperationPhase> {
  @EnumField(COOPERATION_PHASES) fromPhase!: ChangeCooperationPhase['data']['fromPhase'];
  @EnumField(COOPERATION_PHASES) toPhase!: ChangeCooperationPhase['data']['toPhase'];
  @TextField({ optional: true }) rationale?: string;
  @SlugField({ optional: true }) decisionId?: string;
  @NestedField(() => WaiverDto, { optional: true }) waiver?: WaiverDto;
}

export class StartCooperationDto extends CommandBodyDto implements CommandData<StartCooperation> {
  @PartialDateField() startedOn!: string;
  @TextField({ optional: true, max: 300 }) launchLabel?: string;
  @SlugField({ optional: true }) decisionId?: string;
}

export class CloseCooperationDto extends CommandBodyDto implements CommandData<CloseCooperation> {
  @PartialDateField() closedOn!: string;
  @EnumField(CLOSING_REASONS) reason!: CloseCooperation['data']['reason'];
  @SlugField({ optional: true }) successorId?: string;
  @TextField({ optional: true, max: 500 }) closingNoteRef?: string;
  /** Open financial commitments the successor takes over (needs successorId). */
  @SlugListField({ optional: true }) carriedOverCommitmentIds?: string[];
}
