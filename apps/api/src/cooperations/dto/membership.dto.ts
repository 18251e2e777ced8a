import {
  MEMBERSHIP_TYPES,
  REPRESENTATIVE_CAPACITIES,
  RESIDENT_PARTICIPATION_MODES,
  ROLES,
  type AdmitMember,
  type AssignRole,
  type DesignateRepresentative,
  type EstablishResidentParticipation,
  type HandOverRole,
  type RecordMemberDeparture,
  type RelinquishRole, type CommandData } from '#domain';
import { IsInt, Max, Min } from 'class-validator';
import { CommandBodyDto, EnumField, EnumListField, NestedField, PartialDateField, SlugField, SlugListField, TextField } from '../../http/dto-fields.js';

export class AdmitMemberDto extends CommandBodyDto implements CommandData<AdmitMember> {
  @SlugField() organisationId!: string;
  @EnumField(MEMBERSHIP_TYPES) membershipType!: AdmitMember['data']['membershipType'];
  @PartialDateField() joinedOn!: string;
  @TextField({ optional: true }) expectations?: string;
  @TextField({ optional: true }) exitTerms?: string;
  @SlugField({ optional: true }) decisionId?: string;
}

export class RecordMemberDepartureDto extends CommandBodyDto implements CommandData<RecordMemberDeparture> {
  @SlugField() organisationId!: string;
  @PartialDateField() leftOn!: string;
  @TextField() reason!: string;
  @TextField({ optional: true }) exitTerms?: string;
}

export class AssignRoleDto extends CommandBodyDto implements Omit<AssignRole['data'], 'assignmentId'> {
  @SlugField({ optional: true }) assignmentId?: string;
  @SlugField() organisationId!: string;
  @EnumField(ROLES) role!: AssignRole['data']['role'];
  @TextField({ optional: true, max: 100 }) scope?: string;
  @SlugListField({ optional: true }) scopeOrganisationIds?: string[];
  @PartialDateField() from!: string;
  @PartialDateField({ optional: true }) to?: string;
  @TextField({ optional: true, max: 500 }) wording?: string;
  @SlugField({ optional: true }) decisionId?: string;
}

export class RelinquishRoleDto extends CommandBodyDto implements CommandData<RelinquishRole> {
  @SlugField() assignmentId!: string;
  @PartialDateField() effectiveOn!: string;
  @TextField() reason!: string;
}

export class HandOverRoleDto extends CommandBodyDto implements Omit<HandOverRole['data'], 'newAssignmentId'> {
  @EnumField(ROLES) role!: HandOverRole['data']['role'];
  @TextField({ optional: true, max: 100 }) scope?: string;
  @SlugField() fromOrganisationId!: string;
  @SlugField() toOrganisationId!: string;
  @PartialDateField() effectiveOn!: string;
  @SlugField({ optional: true }) newAssignmentId?: string;
  @TextField({ optional: true, max: 500 }) wording?: string;
  @SlugField({ optional: true }) decisionId?: string;
}

export class DesignateRepresentativeDto extends CommandBodyDto implements Omit<DesignateRepresentative['data'], 'scope'> {
  @SlugField() organisationId!: string;
  @SlugField() personId!: string;
  @TextField({ optional: true, max: 200 }) personName?: string;
  @TextField({ max: 300 }) title!: string;
  @EnumListField(REPRESENTATIVE_CAPACITIES) capacities!: DesignateRepresentative['data']['capacities'];
  /** "cooperation" (default), the id of a governance instance, or "programme" (a registered organisation, participant or not). */
  @SlugField({ optional: true }) scope?: string;
  @PartialDateField() from!: string;
  @PartialDateField({ optional: true }) to?: string;
}

class ReservedSeatsDto {
  @SlugField() instanceId!: string;
  @IsInt() @Min(1) @Max(1000) count!: number;
}

export class EstablishResidentParticipationDto extends CommandBodyDto implements CommandData<EstablishResidentParticipation> {
  @SlugField() residentsGroupOrganisationId!: string;
  @EnumField(RESIDENT_PARTICIPATION_MODES) mode!: EstablishResidentParticipation['data']['mode'];
  @TextField() description!: string;
  @SlugField({ optional: true }) facilitatedByOrganisationId?: string;
  @NestedField(() => ReservedSeatsDto, { optional: true }) reservedSeats?: ReservedSeatsDto;
}
