import { IsInt, Max, Min } from 'class-validator';
import { DIAGNOSTIC_METHODS, type CompleteTerritorialDiagnostic, type StartTerritorialDiagnostic, type CommandData } from '#domain';
import { CommandBodyDto, ContentHashField, EnumField, NestedField, Optional, PartialDateField, SlugField, SlugListField, TextField, TextListField } from '../../http/dto-fields.js';

class PlannedInterviewsDto {
  @Optional() @IsInt() @Min(0) @Max(100000) individual?: number;
  @Optional() @IsInt() @Min(0) @Max(100000) collective?: number;
}

export class StartTerritorialDiagnosticDto extends CommandBodyDto implements Omit<StartTerritorialDiagnostic['data'], 'diagnosticId'> {
  @SlugField({ optional: true }) diagnosticId?: string;
  @EnumField(DIAGNOSTIC_METHODS) method!: StartTerritorialDiagnostic['data']['method'];
  @SlugListField() leadOrganisationIds!: string[];
  @PartialDateField() startedOn!: string;
  @NestedField(() => PlannedInterviewsDto, { optional: true }) plannedInterviews?: PlannedInterviewsDto;
}

class MaturityDto {
  @TextField({ max: 100 }) level!: string;
  @TextField({ optional: true }) narrative?: string;
}

class ResourcesDto {
  @TextListField({ optional: true }) institutional?: string[];
  @TextListField({ optional: true }) community?: string[];
  @TextListField({ optional: true }) economic?: string[];
}

class FindingsDto {
  @TextListField({ optional: true }) drivingActors?: string[];
  @TextListField({ optional: true }) ideas?: string[];
  @TextListField({ optional: true }) tangibleVulnerabilities?: string[];
  @TextListField({ optional: true }) feltVulnerabilities?: string[];
  @NestedField(() => MaturityDto, { optional: true }) cooperativeMaturity?: MaturityDto;
  @TextField({ optional: true }) localCulture?: string;
  @NestedField(() => ResourcesDto, { optional: true }) resources?: ResourcesDto;
  @TextListField({ optional: true }) statements?: string[];
}

export class CompleteTerritorialDiagnosticDto extends CommandBodyDto implements CommandData<CompleteTerritorialDiagnostic> {
  @SlugField() diagnosticId!: string;
  /** Optional (domain.md E07 names no date): the command's occurredAt, else today (in CARNET_TIME_ZONE). */
  @PartialDateField({ optional: true }) completedOn?: string;
  @NestedField(() => FindingsDto) findings!: FindingsDto;
  @TextListField({ optional: true }) priorities: string[] = [];
  @Optional() @IsInt() @Min(0) @Max(100000) interviewsConducted?: number;
  @TextField({ optional: true, max: 500 }) reportRef?: string;
  @Optional() @ContentHashField() contentHash?: string;
}
