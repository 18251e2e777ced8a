import { COOPERATION_FORMS, COOPERATION_ORIGINS, type ProposeCooperation } from '#domain';
import { CommandBodyDto, EnumField, SlugField, SlugListField, TextField, TextListField } from '../../http/dto-fields.js';

export class ProposeCooperationDto extends CommandBodyDto implements Omit<ProposeCooperation['data'], 'cooperationId'> {
  /** Optional: the server generates one when absent. */
  @SlugField({ optional: true }) cooperationId?: string;
  @TextField({ max: 300 }) name!: string;
  @TextField({ optional: true, max: 50 }) acronym?: string;
  @TextField({ optional: true, max: 300 }) acronymExpansion?: string;
  @TextField() purpose!: string;
  @TextListField({ optional: true }) levers: string[] = [];
  @SlugListField() territoryIds!: string[];
  @EnumField(COOPERATION_FORMS) form!: ProposeCooperation['data']['form'];
  @EnumField(COOPERATION_ORIGINS) origin!: ProposeCooperation['data']['origin'];
  @SlugListField() initiatorOrganisationIds!: string[];
  @SlugField({ optional: true }) programmeId?: string;
  /** A call for expressions of interest (E04): kept as given, calls are not recorded yet. */
  @SlugField({ optional: true }) callId?: string;
  @SlugField({ optional: true }) predecessorCooperationId?: string;
  @TextListField({ optional: true }) thematicAreas: string[] = [];
}
