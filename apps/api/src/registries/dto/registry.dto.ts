import { IsInt, Max, Min } from 'class-validator';
import { ORGANISATION_KINDS, TERRITORY_KINDS, type DefineTerritory, type LaunchProgramme, type RegisterOrganisation } from '#domain';
import { BooleanField, CommandBodyDto, EnumField, NestedField, Optional, PartialDateField, SlugField, SlugListField, TextField, TextListField } from '../../http/dto-fields.js';

export class RegisterOrganisationDto extends CommandBodyDto implements Omit<RegisterOrganisation['data'], 'organisationId'> {
  @SlugField({ optional: true }) organisationId?: string;
  @TextField({ max: 300 }) name!: string;
  @TextListField({ optional: true, max: 20, itemMax: 300 }) aliases: string[] = [];
  @EnumField(ORGANISATION_KINDS) kind!: RegisterOrganisation['data']['kind'];
  @TextField({ optional: true, max: 100 }) subkind?: string;
  @TextField({ optional: true, max: 100 }) legalForm?: string;
  @SlugField({ optional: true }) parentOrganisationId?: string;
  @SlugListField({ optional: true }) networkMemberships: string[] = [];
  @TextField({ optional: true, max: 200 }) region?: string;
  @PartialDateField({ optional: true }) foundedIn?: string;
}

class PeriodDto {
  @PartialDateField() from!: string;
  @PartialDateField({ optional: true }) to?: string;
}

class CityContractDto {
  @NestedField(() => PeriodDto) period!: PeriodDto;
  @TextListField({ optional: true }) priorities: string[] = [];
}

export class DefineTerritoryDto extends CommandBodyDto implements Omit<DefineTerritory['data'], 'territoryId'> {
  @SlugField({ optional: true }) territoryId?: string;
  @TextField({ max: 300 }) name!: string;
  @TextField({ optional: true, max: 100 }) nickname?: string;
  @EnumField(TERRITORY_KINDS) kind!: DefineTerritory['data']['kind'];
  @TextListField({ optional: true }) componentNames: string[] = [];
  @SlugListField({ optional: true }) parentTerritoryIds: string[] = [];
  @BooleanField({ optional: true }) isQpv: boolean = false;
  @Optional() @IsInt() @Min(0) @Max(100_000_000) population?: number;
  @TextField({ optional: true, max: 200 }) department?: string;
  @TextField({ optional: true, max: 200 }) region?: string;
  @NestedField(() => CityContractDto, { optional: true }) cityContract?: CityContractDto;
}

class PoliciesDto {
  @BooleanField({ optional: true }) requireCharterBeforeStart: boolean = false;
  @BooleanField({ optional: true }) requireFacilitationBeforeStart: boolean = false;
  @Optional() @IsInt() @Min(1) @Max(4) minSectorsForCoalition: number = 3;
  @Optional() @IsInt() @Min(1) @Max(600) maxCooperationMonths?: number;
}

export class LaunchProgrammeDto extends CommandBodyDto implements Omit<LaunchProgramme['data'], 'programmeId' | 'policies'> {
  @SlugField({ optional: true }) programmeId?: string;
  @TextField({ max: 300 }) name!: string;
  @SlugListField() ownerOrganisationIds!: string[];
  @NestedField(() => PeriodDto) period!: PeriodDto;
  @TextListField({ optional: true }) thematicAreas: string[] = [];
  @SlugListField({ optional: true }) targetTerritoryIds: string[] = [];
  @TextListField({ optional: true }) targetTerritoryLabels: string[] = [];
  @TextListField({ optional: true, max: 10 }) phaseTemplate: string[] = [];
  @NestedField(() => PoliciesDto, { optional: true }) policies: PoliciesDto = new PoliciesDto();
}
