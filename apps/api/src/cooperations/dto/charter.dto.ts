import {
  CHARTER_KINDS,
  type AdoptCharter,
  type AdoptCharterAmendment,
  type ProposeCharterAmendment,
  type ReviseCharterDraft,
  type SignCharter,
  type StartCharterDraft,
  type WithdrawSignature, type CommandData } from '#domain';
import { IsInt, Max, Min } from 'class-validator';
import { BooleanField, CommandBodyDto, ContentHashField, EnumField, NestedField, PartialDateField, SlugField, SlugListField, TextField, TextListField } from '../../http/dto-fields.js';

const VersionField = () => (target: object, key: string | symbol) => {
  IsInt()(target, key);
  Min(1)(target, key);
  Max(10000)(target, key);
};

export class StartCharterDraftDto extends CommandBodyDto implements Omit<StartCharterDraft['data'], 'charterId'> {
  @SlugField({ optional: true }) charterId?: string;
  @EnumField(CHARTER_KINDS) kind!: StartCharterDraft['data']['kind'];
  @TextField({ max: 300 }) title!: string;
  @TextField({ optional: true, max: 500 }) templateRef?: string;
  @SlugListField() draftingOrganisationIds!: string[];
  @SlugListField({ optional: true }) plannedSignatoryOrganisationIds: string[] = [];
}

export class ReviseCharterDraftDto extends CommandBodyDto implements CommandData<ReviseCharterDraft> {
  @SlugField() charterId!: string;
  @VersionField() version!: number;
  @SlugField() contributedByOrganisationId!: string;
  @SlugField({ optional: true }) personId?: string;
  @TextListField({ optional: true }) sectionsChanged: string[] = [];
  @TextField() summary!: string;
  @TextField({ optional: true, max: 500 }) contentRef?: string;
  @ContentHashField() contentHash!: string;
}

export class AdoptCharterDto extends CommandBodyDto implements CommandData<AdoptCharter> {
  @SlugField() charterId!: string;
  @VersionField() version!: number;
  @SlugField() instanceId!: string;
  /** The approved decision of that instance that adopts it (E21, E25). */
  @SlugField() decisionId!: string;
  @PartialDateField() adoptedOn!: string;
  @ContentHashField() contentHash!: string;
  @SlugListField() requiredSignatoryOrganisationIds!: string[];
}

class WitnessDto {
  @TextField({ optional: true, max: 200 }) name?: string;
  @SlugField({ optional: true }) personId?: string;
  @SlugField({ optional: true }) organisationId?: string;
  @TextField({ optional: true, max: 300 }) capacity?: string;
}

export class SignCharterDto extends CommandBodyDto implements CommandData<SignCharter> {
  @SlugField() charterId!: string;
  @VersionField() version!: number;
  @SlugField() organisationId!: string;
  @SlugField() signatoryPersonId!: string;
  @TextField({ max: 300 }) signatoryCapacity!: string;
  @PartialDateField() signedOn!: string;
  @TextField({ optional: true, max: 300 }) place?: string;
  @NestedField(() => WitnessDto, { optional: true, each: true }) witnesses: WitnessDto[] = [];
  @ContentHashField() contentHash!: string;
}

/** E26: an organisation takes back its signature of a version not yet in force. */
export class WithdrawSignatureDto extends CommandBodyDto implements CommandData<WithdrawSignature> {
  @SlugField() charterId!: string;
  @VersionField() version!: number;
  @SlugField() organisationId!: string;
  @TextField() reason!: string;
  @PartialDateField() withdrawnOn!: string;
}

export class ProposeCharterAmendmentDto extends CommandBodyDto implements Omit<ProposeCharterAmendment['data'], 'amendmentId'> {
  @SlugField({ optional: true }) amendmentId?: string;
  @SlugField() charterId!: string;
  @VersionField() baseVersion!: number;
  @SlugField() proposedByOrganisationId!: string;
  @TextField() summary!: string;
  @TextField() rationale!: string;
  @TextField({ optional: true, max: 500 }) contentRef?: string;
  @ContentHashField() contentHash!: string;
}

export class AdoptCharterAmendmentDto extends CommandBodyDto implements CommandData<AdoptCharterAmendment> {
  @SlugField() amendmentId!: string;
  @SlugField() charterId!: string;
  @SlugField() instanceId!: string;
  /** The approved decision of that instance that adopts it (E21, E25). */
  @SlugField() decisionId!: string;
  @PartialDateField() adoptedOn!: string;
  @ContentHashField() contentHash!: string;
  @BooleanField({ optional: true }) resignatureRequired?: boolean;
  @SlugListField() requiredSignatoryOrganisationIds!: string[];
}

