import {
  CHAIRING_MODELS,
  FREQUENCY_KINDS,
  INSTANCE_KINDS,
  MANDATES,
  SEAT_TYPES,
  type AssignInstanceSeat,
  type CreateGovernanceInstance,
  type VacateInstanceSeat, type CommandData } from '#domain';
import { IsInt, IsNumber, Max, Min } from 'class-validator';
import { BooleanField, CommandBodyDto, EnumField, EnumListField, NestedField, Optional, PartialDateField, SlugField, TextField, TextListField } from '../../http/dto-fields.js';

class FrequencyDto {
  @EnumField(FREQUENCY_KINDS) kind!: CreateGovernanceInstance['data']['frequency']['kind'];
  @Optional() @IsInt() @Min(1) @Max(365) timesPerYear?: number;
  @BooleanField({ optional: true }) atLeast?: boolean;
}

export class CreateGovernanceInstanceDto extends CommandBodyDto implements Omit<CreateGovernanceInstance['data'], 'instanceId'> {
  @SlugField({ optional: true }) instanceId?: string;
  @EnumField(INSTANCE_KINDS) kind!: CreateGovernanceInstance['data']['kind'];
  @TextField({ max: 300 }) label!: string;
  /** Defaults to the kind's usual mandates. */
  @EnumListField(MANDATES, { optional: true }) mandate?: CreateGovernanceInstance['data']['mandate'];
  @BooleanField({ optional: true }) allowDecideOverride?: boolean;
  @NestedField(() => FrequencyDto) frequency!: FrequencyDto;
  /** Fraction of seats that may convene a meeting, in (0, 1]. */
  @Optional() @IsNumber({ allowNaN: false, allowInfinity: false }) conveningThreshold?: number;
  @Optional() @IsNumber({ allowNaN: false, allowInfinity: false }) @Min(0) @Max(1) quorum?: number;
  @SlugField({ optional: true }) preparedByInstanceId?: string;
  @TextListField({ optional: true, max: 10 }) partsTemplate?: string[];
  @EnumField(CHAIRING_MODELS) chairingModel!: CreateGovernanceInstance['data']['chairingModel'];
  @PartialDateField() createdOn!: string;
  @SlugField({ optional: true }) decisionId?: string;
}

export class AssignInstanceSeatDto extends CommandBodyDto implements Omit<AssignInstanceSeat['data'], 'seatId'> {
  @SlugField({ optional: true }) seatId?: string;
  @SlugField() instanceId!: string;
  @SlugField() holderOrganisationId!: string;
  @SlugField({ optional: true }) personId?: string;
  @EnumField(SEAT_TYPES) seatType!: AssignInstanceSeat['data']['seatType'];
  @PartialDateField() from!: string;
  @PartialDateField({ optional: true }) to?: string;
}

export class VacateInstanceSeatDto extends CommandBodyDto implements CommandData<VacateInstanceSeat> {
  @SlugField() seatId!: string;
  @PartialDateField() effectiveOn!: string;
  @TextField() reason!: string;
}
