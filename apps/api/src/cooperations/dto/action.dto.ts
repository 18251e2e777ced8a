import { IsNumber, Max, Min } from 'class-validator';
import {
  EVALUATION_KINDS,
  MILESTONE_KINDS,
  type AgreeIndicators,
  type CommandData,
  type CompleteAction,
  type LaunchAction,
  type PlanMilestone,
  type RecordEvaluation,
  type RecordMilestoneReached,
} from '#domain';
import { BooleanField, CommandBodyDto, EnumField, NestedField, Optional, PartialDateField, SlugField, SlugListField, TextField } from '../../http/dto-fields.js';

const finite = { allowNaN: false, allowInfinity: false };

export class LaunchActionDto extends CommandBodyDto implements Omit<CommandData<LaunchAction>, 'actionId'> {
  @SlugField({ optional: true }) actionId?: string;
  @TextField({ max: 300 }) title!: string;
  @TextField() description!: string;
  @TextField({ optional: true, max: 300 }) lever?: string;
  @SlugField() leadOrganisationId!: string;
  @SlugListField({ optional: true }) contributingOrganisationIds: string[] = [];
  @SlugListField({ optional: true }) territoryIds: string[] = [];
  @PartialDateField() launchedOn!: string;
  @PartialDateField({ optional: true }) plannedEnd?: string;
}

class ResultDto {
  @TextField({ max: 300 }) label!: string;
  @IsNumber(finite) value!: number;
  @TextField({ max: 50 }) unit!: string;
}

export class CompleteActionDto extends CommandBodyDto implements CommandData<CompleteAction> {
  @SlugField() actionId!: string;
  @PartialDateField() completedOn!: string;
  @NestedField(() => ResultDto, { each: true, optional: true }) results: ResultDto[] = [];
  @TextField() narrative!: string;
}

export class PlanMilestoneDto extends CommandBodyDto implements Omit<CommandData<PlanMilestone>, 'milestoneId'> {
  @SlugField({ optional: true }) milestoneId?: string;
  @TextField({ max: 300 }) label!: string;
  @EnumField(MILESTONE_KINDS) kind!: PlanMilestone['data']['kind'];
  @PartialDateField() dueBy!: string;
  @SlugField({ optional: true }) ownerOrganisationId?: string;
}

export class RecordMilestoneReachedDto extends CommandBodyDto implements Omit<CommandData<RecordMilestoneReached>, 'milestoneId'> {
  /** The planned milestone reached. Left out: the open milestone planned under the same label, else one recorded as it happened (a new id). */
  @SlugField({ optional: true }) milestoneId?: string;
  @TextField({ max: 300 }) label!: string;
  @EnumField(MILESTONE_KINDS) kind!: RecordMilestoneReached['data']['kind'];
  @PartialDateField() reachedOn!: string;
  @TextField({ optional: true, max: 500 }) evidenceRef?: string;
  @BooleanField({ optional: true }) preHistory?: boolean;
}

class IndicatorDto {
  @SlugField() code!: string;
  @TextField({ max: 300 }) label!: string;
  @TextField({ max: 50 }) unit!: string;
  @Optional() @IsNumber(finite) baseline?: number;
  @Optional() @IsNumber(finite) target?: number;
  @TextField({ max: 50 }) frequency!: string;
}

export class AgreeIndicatorsDto extends CommandBodyDto implements Omit<CommandData<AgreeIndicators>, 'indicatorSetId'> {
  @SlugField({ optional: true }) indicatorSetId?: string;
  @NestedField(() => IndicatorDto, { each: true }) indicators!: IndicatorDto[];
  @SlugField() decisionId!: string;
}

class MeasurementDto {
  @SlugField({ optional: true }) indicatorCode?: string;
  @TextField({ max: 300 }) label!: string;
  @IsNumber(finite) @Min(-1e15) @Max(1e15) value!: number;
  @TextField({ max: 50 }) unit!: string;
}

class EvaluationPeriodDto {
  @PartialDateField() from!: string;
  @PartialDateField({ optional: true }) to?: string;
}

export class RecordEvaluationDto extends CommandBodyDto implements Omit<CommandData<RecordEvaluation>, 'evaluationId'> {
  @SlugField({ optional: true }) evaluationId?: string;
  @EnumField(EVALUATION_KINDS) kind!: RecordEvaluation['data']['kind'];
  @SlugField() conductedByOrganisationId!: string;
  @NestedField(() => EvaluationPeriodDto) period!: EvaluationPeriodDto;
  @NestedField(() => MeasurementDto, { each: true, optional: true }) measurements: MeasurementDto[] = [];
  @TextField() findings!: string;
  @TextField({ optional: true, max: 500 }) reportRef?: string;
}
