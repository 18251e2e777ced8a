import { FIELD_PATH, type CommandData, type CorrectRecord, type JsonValue } from '#domain';
import { IsString, Matches, MaxLength, registerDecorator } from 'class-validator';
import { CommandBodyDto, isWellFormedText, SlugField, TextField, WellFormedText } from '../../http/dto-fields.js';

const MAX_DEPTH = 8;
const MAX_JSON_LENGTH = 10_000;

const isJsonValue = (value: unknown, depth = 0): boolean => {
  if (value === null || typeof value === 'boolean') return true;
  if (typeof value === 'string') return isWellFormedText(value); // a corrected text obeys the rules of the text it replaces
  if (typeof value === 'number') return Number.isFinite(value);
  if (typeof value !== 'object' || depth >= MAX_DEPTH) return false;
  const items = Array.isArray(value) ? value : Object.getPrototypeOf(value) === Object.prototype ? Object.values(value) : undefined;
  return items !== undefined && items.every((item) => isJsonValue(item, depth + 1));
};

/** Any JSON value, `null` included, but present, at most 8 levels deep and 10,000 characters long. */
const JsonValueField = (): PropertyDecorator => (target, propertyName) =>
  registerDecorator({
    name: 'isJsonValue',
    target: target.constructor,
    propertyName: String(propertyName),
    options: { message: `$property must be a JSON value (string, number, boolean, null, array or object) of at most ${MAX_DEPTH} levels and ${MAX_JSON_LENGTH} characters` },
    validator: { validate: (value: unknown) => value !== undefined && isJsonValue(value) && JSON.stringify(value).length <= MAX_JSON_LENGTH },
  });

/** E50: a blank reason passes here and is refused by the rule (422 CorrectionReasonRequired), not as a malformed body. */
export class CorrectRecordDto extends CommandBodyDto implements CommandData<CorrectRecord> {
  @SlugField() correctedEventId!: string;
  @IsString() @MaxLength(200) @Matches(FIELD_PATH, { message: '$property must be a dotted path into the event’s data, such as title or period.to' }) fieldPath!: string;
  @JsonValueField() previousValue!: JsonValue;
  @JsonValueField() correctedValue!: JsonValue;
  @IsString() @MaxLength(2000) @WellFormedText() reason!: string;
  @TextField({ optional: true, max: 500 }) sourceRef?: string;
}
