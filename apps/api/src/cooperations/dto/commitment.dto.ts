import { IsIn, IsInt, IsNumber, Max, Min, ValidateBy, ValidateIf } from 'class-validator';
import {
  COMMITMENT_KINDS,
  COMMITMENT_PURPOSES,
  DECIDING_BODIES,
  QUANTITY_UNITS,
  SUPPORT_OUTCOMES,
  type AllocateCoFunding,
  type CommandData,
  type CommitmentChanges,
  type MarkCommitmentFulfilled,
  type Money,
  type PledgeCommitment,
  type RecordDisbursement,
  type RecordSupportDecision,
  type ReviseCommitment,
  type WithdrawCommitment,
} from '#domain';
import { BooleanField, CommandBodyDto, EnumField, NestedField, PartialDateField, SlugField, SlugListField, TextField, TextListField } from '../../http/dto-fields.js';

const MAX_CENTS = 1e13;

/** `{ "cents": 9000000, "currency": "EUR" }` (stated by default), or `{ "status": "notDisclosed" }` with no figure. */
export class MoneyDto {
  @EnumField(['stated', 'estimated', 'notDisclosed'], { optional: true }) status?: Money['status'];
  @ValidateBy({
    name: 'centsFitStatus',
    validator: {
      validate: (value: unknown, args) =>
        // A pledged, decided or revised amount is never negative (a negative one was accepted and recorded as such).
        (args?.object as MoneyDto).status === 'notDisclosed' ? value === undefined : Number.isInteger(value) && (value as number) >= 0 && (value as number) <= MAX_CENTS,
      defaultMessage: () => 'cents must be a whole, non-negative number of euro cents, and absent when the amount is notDisclosed',
    },
  })
  cents?: number;
  @ValidateIf((money: MoneyDto) => money.status !== 'notDisclosed') @IsIn(['EUR'], { message: 'currency must be EUR' }) currency?: 'EUR';
}

class AmountDto {
  @IsInt() @Min(1) @Max(MAX_CENTS) cents!: number;
  @IsIn(['EUR'], { message: 'currency must be EUR' }) currency!: 'EUR';
}

class QuantityDto {
  @IsNumber({ allowNaN: false, allowInfinity: false }) @Min(0) @Max(1e9) value!: number;
  @EnumField(QUANTITY_UNITS) unit!: (typeof QUANTITY_UNITS)[number];
}

class PeriodDto {
  @PartialDateField() from!: string;
  @PartialDateField({ optional: true }) to?: string;
}

/** Money as the domain keeps it: a stated figure always carries its status. */
export const toMoney = (dto: MoneyDto | undefined): Money | undefined =>
  dto === undefined ? undefined : dto.status === 'notDisclosed' ? { status: 'notDisclosed' } : { status: dto.status ?? 'stated', cents: dto.cents!, currency: 'EUR' };

export class RecordSupportDecisionDto extends CommandBodyDto implements Omit<CommandData<RecordSupportDecision>, 'supportDecisionId' | 'amount'> {
  @SlugField({ optional: true }) supportDecisionId?: string;
  @SlugField() deciderOrganisationId!: string;
  @EnumField(DECIDING_BODIES) decidingBody!: RecordSupportDecision['data']['decidingBody'];
  @TextField({ max: 300 }) bodyLabel!: string;
  @EnumField(SUPPORT_OUTCOMES) outcome!: RecordSupportDecision['data']['outcome'];
  @NestedField(() => MoneyDto, { optional: true }) amount?: MoneyDto;
  @TextListField({ optional: true }) conditions: string[] = [];
  @PartialDateField() decidedOn!: string;

  override toCommandData(): object {
    return { ...this, amount: toMoney(this.amount) };
  }
}

export class PledgeCommitmentDto extends CommandBodyDto implements Omit<CommandData<PledgeCommitment>, 'commitmentId' | 'amount'> {
  @SlugField({ optional: true }) commitmentId?: string;
  @SlugField() organisationId!: string;
  @SlugListField({ optional: true }) coFunderOrganisationIds: string[] = [];
  @EnumField(COMMITMENT_KINDS) kind!: PledgeCommitment['data']['kind'];
  @EnumField(COMMITMENT_PURPOSES) purpose!: PledgeCommitment['data']['purpose'];
  @SlugField({ optional: true }) beneficiaryOrganisationId?: string;
  @SlugField({ optional: true }) actionId?: string;
  @NestedField(() => MoneyDto, { optional: true }) amount?: MoneyDto;
  @NestedField(() => QuantityDto, { optional: true }) quantity?: QuantityDto;
  @TextField() description!: string;
  @NestedField(() => PeriodDto) period!: PeriodDto;
  @SlugField({ optional: true }) supportDecisionId?: string;
  @TextListField({ optional: true }) conditions: string[] = [];
  @TextField({ optional: true }) exitTerms?: string;

  override toCommandData(): object {
    return { ...this, amount: toMoney(this.amount) };
  }
}

export class WithdrawCommitmentDto extends CommandBodyDto implements CommandData<WithdrawCommitment> {
  @SlugField() commitmentId!: string;
  @TextField() reason!: string;
  @PartialDateField() withdrawnOn!: string;
}

export class RecordDisbursementDto extends CommandBodyDto implements Omit<CommandData<RecordDisbursement>, 'disbursementId'> {
  @SlugField({ optional: true }) disbursementId?: string;
  @SlugField() commitmentId!: string;
  @NestedField(() => AmountDto) amount!: AmountDto;
  @SlugField() toOrganisationId!: string;
  @PartialDateField() disbursedOn!: string;
  /** The co-funding allocation whose share on this commitment the payment settles (counted once, not as allocated and disbursed). */
  @SlugField({ optional: true }) allocationId?: string;
}

export class MarkCommitmentFulfilledDto extends CommandBodyDto implements CommandData<MarkCommitmentFulfilled> {
  @SlugField() commitmentId!: string;
  @PartialDateField() fulfilledOn!: string;
  @TextField({ optional: true, max: 500 }) evidenceRef?: string;
  @BooleanField({ optional: true }) partial?: boolean;
  @TextField({ optional: true }) reason?: string;
}

/** Only the end of a commitment's period is revised: its start is when it was made. */
class PeriodEndDto {
  @PartialDateField() to!: string;
}

/** The fields a revision changes, in the pledge's shapes; those left out stay as they were. */
class CommitmentChangesDto implements Omit<CommitmentChanges, 'amount'> {
  @NestedField(() => MoneyDto, { optional: true }) amount?: MoneyDto;
  @NestedField(() => QuantityDto, { optional: true }) quantity?: QuantityDto;
  @TextField({ optional: true }) description?: string;
  @NestedField(() => PeriodEndDto, { optional: true }) period?: PeriodEndDto;
  @TextListField({ optional: true }) conditions?: string[];
}

export class ReviseCommitmentDto extends CommandBodyDto implements Omit<CommandData<ReviseCommitment>, 'changes'> {
  @SlugField() commitmentId!: string;
  @NestedField(() => CommitmentChangesDto) changes!: CommitmentChangesDto;
  @TextField() reason!: string;
  @PartialDateField() revisedOn!: string;

  override toCommandData(): object {
    return { ...this, changes: { ...this.changes, amount: toMoney(this.changes.amount) } };
  }
}

class CoFundingShareDto {
  @SlugField() funderOrganisationId!: string;
  @SlugField({ optional: true }) commitmentId?: string;
  @NestedField(() => AmountDto) amount!: AmountDto;
}

export class AllocateCoFundingDto extends CommandBodyDto implements Omit<CommandData<AllocateCoFunding>, 'allocationId'> {
  @SlugField({ optional: true }) allocationId?: string;
  @SlugField() actionId!: string;
  @SlugField() decisionId!: string;
  @NestedField(() => CoFundingShareDto, { each: true }) allocations!: CoFundingShareDto[];
}
