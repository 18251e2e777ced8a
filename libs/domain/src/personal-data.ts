import type { CooperationEvent } from './cooperation/events/index.js';
import type { AuditEvent } from './audit/data-exported.event.js';
import type { GdprEvent } from './gdpr/person-erased.event.js';
import type { RegistryEvent } from './registry/events/index.js';

/** A value of an event's data that belongs to a natural person (a name, a title, a capacity), and whose it is. */
export interface PersonalField {
  /** Dotted path of the value in the event's data; `*` stands for every element of an array: `witnesses.*.name`. */
  readonly path: string;
  /** The key, in the object holding the value, of the person's id: the value is encrypted under that person's key. */
  readonly personIdKey: string;
  /**
   * The value is a name. Without a person id it must be an organisation's (its object holds an `organisationId`,
   * like the laureate witnessing scenario E's signing); a name keyed to no one cannot be erased, so it is refused.
   */
  readonly names?: true;
}

type EventType = CooperationEvent['type'] | RegistryEvent['type'] | GdprEvent['type'] | AuditEvent['type'];

/**
 * The one table of personal data (GDPR), next to the event definitions and exhaustive over every event type: a new
 * type does not compile until it says what it holds. The store encrypts each listed value under its person's key on
 * append (libs/event-store `personalDataEventStore`); read models never keep one (`withoutPersonalData`). Person ids
 * themselves are pseudonymous slugs and stay in clear: seats, drafts and signatures are keyed by them. Free texts
 * (decision texts, summaries, reasons, wordings) are not personal fields: they must not name people.
 */
export const PERSONAL_DATA = {
  RepresentativeDesignated: [
    { path: 'personName', personIdKey: 'personId', names: true },
    { path: 'title', personIdKey: 'personId' },
  ],
  CharterSigned: [
    { path: 'signatoryCapacity', personIdKey: 'signatoryPersonId' },
    { path: 'witnesses.*.name', personIdKey: 'personId', names: true },
    { path: 'witnesses.*.capacity', personIdKey: 'personId' },
  ],
  /** A guest's capacity is personal when the guest is a person (`personId`); an organisation's team is not. */
  MeetingHeld: [{ path: 'attendees.*.guest.capacity', personIdKey: 'personId' }],
  /** A correction of a personal field carries its person's id (correct-record.command.ts) and both values are encrypted. */
  RecordCorrected: [
    { path: 'previousValue', personIdKey: 'personId' },
    { path: 'correctedValue', personIdKey: 'personId' },
  ],
  /** The erasure trail holds none, by design. */
  PersonErased: [],
  /** Nor does the export trail: who exported is the event's actor. */
  DataExported: [],
  /** Person ids only (pseudonymous): the seat's holder, a draft's contributor. */
  InstanceSeatAssigned: [],
  CharterDraftRevised: [],
  ActionCompleted: [],
  ActionLaunched: [],
  DecisionRecorded: [],
  EvaluationRecorded: [],
  GovernanceInstanceCreated: [],
  GovernanceInstanceDissolved: [],
  IndicatorsAgreed: [],
  MeetingCancelled: [],
  CharterSignatureWithdrawn: [],
  MeetingConveningRequested: [],
  MeetingScheduled: [],
  MilestonePlanned: [],
  MilestoneReached: [],
  CharterAdopted: [],
  CharterAmended: [],
  CharterAmendmentProposed: [],
  CharterDraftStarted: [],
  CharterEnteredIntoForce: [],
  CommitmentFulfilled: [],
  CommitmentPledged: [],
  CommitmentRevised: [],
  CoFundingAllocated: [],
  CommitmentWithdrawn: [],
  CooperationClosed: [],
  CooperationPhaseChanged: [],
  CooperationProposed: [],
  CooperationStarted: [],
  FundsDisbursed: [],
  InstanceSeatVacated: [],
  MemberJoined: [],
  MemberLeft: [],
  ResidentParticipationEstablished: [],
  RoleAssigned: [],
  RoleHandedOver: [],
  RoleRelinquished: [],
  SupportDecisionRecorded: [],
  TerritorialDiagnosticCompleted: [],
  TerritorialDiagnosticStarted: [],
  /** Organisations, territories and programmes are not natural persons. */
  OrganisationRegistered: [],
  TerritoryDefined: [],
  ProgrammeLaunched: [],
} as const satisfies Record<EventType, readonly PersonalField[]>;

/** The personal fields of an event type; none for a type this build does not know. */
export const personalFieldsOf = (type: string): readonly PersonalField[] => (PERSONAL_DATA as Readonly<Record<string, readonly PersonalField[]>>)[type] ?? [];

type Json = Readonly<Record<string, unknown>>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** What a rewrite is told about one personal value present in the data. */
export interface PersonalValue {
  readonly value: unknown;
  /** Its person's id; undefined when the object holding it names no person (an organisation witness, an anonymous guest). */
  readonly personId: string | undefined;
  /** The object holding the value (a witness, a guest, the data itself). */
  readonly holder: Json;
  readonly field: PersonalField;
}

/** A copy of `node` where the value at the end of `segments` becomes `change(…)`'s result, or is left out when that is undefined. */
const rewriteAt = (node: unknown, segments: readonly string[], field: PersonalField, change: (found: PersonalValue) => unknown): unknown => {
  const [head, ...rest] = segments as [string, ...string[]];
  if (head === '*') return Array.isArray(node) ? node.map((item: unknown) => rewriteAt(item, rest, field, change)) : node;
  if (!isObject(node) || node[head] === undefined) return node;
  if (rest.length > 0) return { ...node, [head]: rewriteAt(node[head], rest, field, change) };
  const personId = node[field.personIdKey];
  const value = change({ value: node[head], personId: typeof personId === 'string' ? personId : undefined, holder: node, field });
  if (value !== undefined) return { ...node, [head]: value };
  const { [head]: _removed, ...others } = node;
  return others;
};

/** A copy of an event's data with each personal value present replaced by `change(…)` (left out when it returns undefined). */
export const rewritePersonalData = <T extends object>(type: string, data: T, change: (found: PersonalValue) => unknown): T =>
  personalFieldsOf(type).reduce<T>((current, field) => rewriteAt(current, field.path.split('.'), field, change) as T, data);

/**
 * The data as a read model may keep it: every value that belongs to a person left out (their ids stay). Read models
 * resolve such values at read time through the decrypting store, so an erasure needs no rebuild.
 */
export const withoutPersonalData = <T extends object>(type: string, data: T): T =>
  rewritePersonalData(type, data, ({ value, personId }) => (personId === undefined ? value : undefined));

const segmentsMatch = (pattern: readonly string[], path: readonly string[]): boolean =>
  pattern.every((segment, i) => segment === path[i] || (segment === '*' && /^\d+$/.test(path[i] ?? '')));

/** Whether a dotted `fieldPath` of an event type (a correction's, E50) is a personal field, or encloses one. */
export const isPersonalPath = (type: string, fieldPath: string): boolean => {
  const path = fieldPath.split('.');
  return personalFieldsOf(type).some(({ path: field }) => {
    const pattern = field.split('.');
    return pattern.length >= path.length && segmentsMatch(pattern.slice(0, path.length), path);
  });
};

/**
 * What a dotted `fieldPath` of an event holds: `{ personId }` when it is one person's value,
 * `containsPersonalData` when it is an object or array enclosing personal values, undefined when it holds none.
 */
export const personalDataAt = (type: string, data: object, fieldPath: string): { readonly personId: string } | 'containsPersonalData' | undefined => {
  const path = fieldPath.split('.');
  for (const field of personalFieldsOf(type)) {
    const pattern = field.path.split('.');
    if (pattern.length > path.length && segmentsMatch(pattern.slice(0, path.length), path)) return 'containsPersonalData';
    if (pattern.length !== path.length || !segmentsMatch(pattern, path)) continue;
    const holder = path.slice(0, -1).reduce<unknown>((node, segment) => (typeof node === 'object' && node !== null ? (node as Json)[segment] : undefined), data);
    const personId = isObject(holder) ? holder[field.personIdKey] : undefined;
    if (typeof personId === 'string') return { personId };
  }
  return undefined;
};

/** A person id from a name, in the slugs' convention (`Benoît Payan` → `person:benoit-payan`), for a witness named without one. */
export const personIdFromName = (name: string): string =>
  `person:${name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 100) || 'anonyme'}`;
