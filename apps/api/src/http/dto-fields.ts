import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsNotEmpty,
  IsObject,
  IsString,
  Matches,
  MaxLength,
  registerDecorator,
  ValidateIf,
  ValidateNested,
  type ValidationOptions,
} from 'class-validator';
import { isDefinitelyBefore, isPartialDate, PROVENANCE_CONFIDENCES } from '#domain';
import { EVENT_VISIBILITIES, type EventVisibility } from '#event-store';
import { SLUG } from './slug.js';

const SLUG_MESSAGE = 'must be a slug: lowercase letters, digits and : . _ - (2 to 128 characters)';

const compose =
  (...decorators: PropertyDecorator[]): PropertyDecorator =>
  (target, key) => {
    for (const decorator of decorators) decorator(target, key);
  };

/**
 * An optional field may be left out, not sent as `null`: null is no value of any field's type (class-validator's
 * IsOptional let it through, and the domain took `"commitmentId": null` for "generate one" or crashed on it).
 */
export const Optional = (): PropertyDecorator => ValidateIf((_object: object, value: unknown) => value !== undefined);

const optionalWhen = (optional: boolean, ...decorators: PropertyDecorator[]) =>
  compose(...(optional ? [Optional()] : []), ...decorators);

/** C0 controls but tab, line feed and carriage return; DEL; C1 controls (U+0080–U+009F, 8-bit terminal escapes among them). */
const CONTROL_CHARACTER = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Text as people write it: well-formed Unicode (UTF-8 cannot store a lone surrogate) without control characters. */
export const isWellFormedText = (value: unknown): boolean => typeof value !== 'string' || (!CONTROL_CHARACTER.test(value) && !LONE_SURROGATE.test(value));

/**
 * Refuses text with a lone surrogate or a control character (NUL, terminal escapes…): stored "exactly as given", it
 * would reach the CLI's terminal and the exports as is. Tabs and line breaks are text.
 */
export const WellFormedText = (validationOptions?: ValidationOptions): PropertyDecorator => (target, propertyName) =>
  registerDecorator({
    name: 'isWellFormedText',
    target: target.constructor,
    propertyName: String(propertyName),
    options: { message: `${validationOptions?.each ? 'each value of ' : ''}$property must be well-formed text: no control character (tabs and line breaks aside), no lone surrogate`, ...validationOptions },
    validator: { validate: isWellFormedText },
  });

export const SlugField = (options: { optional?: boolean } = {}) =>
  optionalWhen(Boolean(options.optional), IsString(), Matches(SLUG, { message: `$property ${SLUG_MESSAGE}` }));

export const SlugListField = (options: { optional?: boolean; max?: number } = {}) =>
  optionalWhen(
    Boolean(options.optional),
    IsArray(),
    ArrayMaxSize(options.max ?? 200),
    IsString({ each: true }),
    Matches(SLUG, { each: true, message: `each value of $property ${SLUG_MESSAGE}` }),
  );

/** Free French text, stored exactly as given. */
export const TextField = (options: { optional?: boolean; max?: number } = {}) =>
  optionalWhen(Boolean(options.optional), IsString(), IsNotEmpty(), MaxLength(options.max ?? 2000), WellFormedText());

export const TextListField = (options: { optional?: boolean; max?: number; itemMax?: number } = {}) =>
  optionalWhen(
    Boolean(options.optional),
    IsArray(),
    ArrayMaxSize(options.max ?? 100),
    IsString({ each: true }),
    IsNotEmpty({ each: true }),
    MaxLength(options.itemMax ?? 500, { each: true }),
    WellFormedText({ each: true }),
  );

export const EnumField = (values: readonly string[], options: { optional?: boolean } = {}) =>
  optionalWhen(Boolean(options.optional), IsIn(values, { message: `$property must be one of: ${values.join(', ')}` }));

export const EnumListField = (values: readonly string[], options: { optional?: boolean } = {}) =>
  optionalWhen(Boolean(options.optional), IsArray(), ArrayMaxSize(values.length), IsIn(values, { each: true, message: `each value of $property must be one of: ${values.join(', ')}` }));

export const BooleanField = (options: { optional?: boolean } = {}) => optionalWhen(Boolean(options.optional), IsBoolean());

/**
 * A day or month written without its year: ISO 8601's "--09-19" / "--09", or as the sources write it
 * ("19 septembre", "1er octobre", "September 19"). Well-formed but incomplete, so it gets its own
 * constraint, which the validation pipe turns into 422 IncompleteBusinessDate rather than 400 (E3).
 */
const YEARLESS_DATE = new RegExp(
  String.raw`^(--\d{2}(-\d{2})?|(\d{1,2}(er)?\s+)?(${'janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre|novembre|décembre|decembre|january|february|march|april|may|june|july|august|september|october|november|december'})(\s+\d{1,2}(st|nd|rd|th)?)?)$`,
  'i',
);
export const INCOMPLETE_BUSINESS_DATE = 'incompleteBusinessDate';

const IsPartialDate = (validationOptions?: ValidationOptions): PropertyDecorator => (target, propertyName) => {
  registerDecorator({
    name: INCOMPLETE_BUSINESS_DATE,
    target: target.constructor,
    propertyName: String(propertyName),
    options: { message: '$property has no year: give the year, and if the source does not state it, mark it with source.confidence "assumedForDemo"', ...validationOptions },
    validator: { validate: (value: unknown) => typeof value !== 'string' || !YEARLESS_DATE.test(value.trim()) },
  });
  registerDecorator({
    name: 'isPartialDate',
    target: target.constructor,
    propertyName: String(propertyName),
    options: { message: '$property must be a date YYYY, YYYY-MM or YYYY-MM-DD', ...validationOptions },
    validator: { validate: (value: unknown) => isPartialDate(value) || (typeof value === 'string' && YEARLESS_DATE.test(value.trim())) },
  });
};

/** A business date as the sources give it: "2025", "2025-10" or "2027-01-01". */
export const PartialDateField = (options: { optional?: boolean } = {}) => optionalWhen(Boolean(options.optional), IsPartialDate());

export const NestedField = (type: () => new () => object, options: { optional?: boolean; each?: boolean; max?: number } = {}) =>
  optionalWhen(
    Boolean(options.optional),
    // ValidateNested alone lets a missing object through, and validates an array's items in place of an object.
    ...(options.each ? [IsArray(), ArrayMaxSize(options.max ?? 100), IsObject({ each: true })] : [IsObject()]),
    ValidateNested({ each: Boolean(options.each) }),
    Type(type),
  );

/**
 * A range's end no earlier than its start: `to` is the last date included, so « juin 2025 » may end a range from the
 * 15th of June, not one from July. (Each date's own form is its own decorator's to check.)
 */
const EndsAfterStart = (): PropertyDecorator => (target, propertyName) =>
  registerDecorator({
    name: 'endsAfterStart',
    target: target.constructor,
    propertyName: String(propertyName),
    options: { message: '$property must not be before date: a range ends on or after its start' },
    validator: {
      validate: (to: unknown, args) => {
        const from = (args?.object as { date?: unknown } | undefined)?.date;
        return !isPartialDate(to) || !isPartialDate(from) || !isDefinitelyBefore(to, from);
      },
    },
  });

/** When the fact happened, apart from when it is recorded; `to` makes it a range. */
export class BusinessDateDto {
  @PartialDateField() date!: string;
  @PartialDateField({ optional: true }) @EndsAfterStart() to?: string;
  @BooleanField({ optional: true }) approximate?: boolean;
}

/** Where a historical fact comes from (seed document and lines) and how sure it is. */
export class ProvenanceDto {
  @TextField({ max: 300 }) document!: string;
  @TextField({ optional: true, max: 100 }) lines?: string;
  @EnumField(PROVENANCE_CONFIDENCES) confidence!: (typeof PROVENANCE_CONFIDENCES)[number];
}

/** Fields every command body may carry besides its own: business date, provenance and who the fact is shared with. */
export class CommandBodyDto {
  @NestedField(() => BusinessDateDto, { optional: true }) occurredAt?: BusinessDateDto;
  @NestedField(() => ProvenanceDto, { optional: true }) source?: ProvenanceDto;
  /** `consortium` when left out (domain.md §8.1: drafts and experiments stay within the consortium until shared). */
  @EnumField(EVENT_VISIBILITIES, { optional: true }) visibility?: EventVisibility;

  /** The body as the domain command's data; a DTO whose wire shape differs from the domain's overrides it. */
  toCommandData(): object {
    return this;
  }
}

export const SHA256_HEX = /^[a-f0-9]{64}$/;
export const ContentHashField = () => compose(IsString(), Matches(SHA256_HEX, { message: '$property must be a SHA-256 hex digest (64 lowercase hex characters)' }));
