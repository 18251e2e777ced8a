import type { Command } from '../../shared/decider.js';
import { ensureNotInFuture, isPartialDate } from '../../shared/business-date.js';
import { ensure } from '../../shared/domain-error.js';
import { jsonEquals, valueAt, withValueAt } from '../../shared/json.js';
import { personalDataAt } from '../../personal-data.js';
import { CooperationErrorCode as Code } from '../cooperation.errors.js';
import { ensureNotAfterClosing, FACT_DATE_FIELDS } from './fact-dates.js';
import { ensureLifetimeKept, instanceOfEvent, lifetimeOf } from './instance-acts.js';
import {
  CLOSING_REASONS,
  COMMITMENT_PURPOSES,
  COOPERATION_FORMS,
  COOPERATION_ORIGINS,
  DECIDING_BODIES,
  DIAGNOSTIC_METHODS,
  REPRESENTATIVE_CAPACITIES,
  RESIDENT_PARTICIPATION_MODES,
} from '../cooperation.vocabulary.js';
import { loggedEvent, loggedEvents, type CooperationState } from '../cooperation.state.js';
import type { CooperationEvent, RecordCorrected } from '../events/index.js';

export type CorrectRecord = Command<'CorrectRecord', Omit<RecordCorrected['data'], 'correctedEventType' | 'correctedEventRefs' | 'personId'>>;

/**
 * Fixed by new domain events, never by a correction (domain.md E50): a signature is withdrawn and signed again, a
 * decision's outcome revisited by another decision, money moves by disbursements, allocations and revisions of the
 * commitment (E38, which revise its description, period and conditions as well), a charter enters into force from its
 * signatures, and a correction is superseded by correcting the same field again.
 */
export const FIXED_BY_DOMAIN_EVENTS: Readonly<Partial<Record<CooperationEvent['type'], 'anyField' | readonly string[]>>> = {
  CharterSigned: 'anyField',
  CharterSignatureWithdrawn: 'anyField',
  CharterEnteredIntoForce: 'anyField',
  FundsDisbursed: 'anyField',
  CoFundingAllocated: 'anyField',
  CommitmentRevised: 'anyField',
  RecordCorrected: 'anyField',
  DecisionRecorded: ['outcome', 'votes', 'consensus'],
  SupportDecisionRecorded: ['outcome', 'amount'],
  CommitmentPledged: ['amount', 'quantity', 'description', 'period', 'conditions'],
  CommitmentWithdrawn: ['disbursedSoFar'],
};

/**
 * Structure that later rules rely on, at any depth: identities (`…Id`, `…Ids`, and the seats a meeting's apologies
 * name, the decision another revisits), versions and hashes, roles, scopes, kinds, mandates, phases, a decision's
 * subject and the warnings a decision attached, whether a milestone was planned or predates the cooperation, the codes
 * of agreed indicators and of the measurements that cite them. A cooperation's name as well:
 * the registry's uniqueness rule and the list of cooperations index it.
 */
const STRUCTURAL_FIELDS: ReadonlySet<string> = new Set([
  'version', 'newVersion', 'baseVersion', 'proposedVersion', 'supersedesVersion', 'contentHash', 'role', 'scope', 'kind',
  'membershipType', 'mandate', 'chairingModel', 'seatType', 'ownerScope', 'fromPhase', 'toPhase', 'subjectType', 'subjectRef',
  'writtenProcedure', 'warnings', 'signatories', 'apologies', 'revisits', 'planned', 'preHistory', 'code', 'indicatorCode',
]);
const STRUCTURAL_BY_EVENT: Readonly<Partial<Record<CooperationEvent['type'], readonly string[]>>> = { CooperationProposed: ['name'] };

const isStructuralKey = (key: string): boolean => /Ids?$/.test(key) || STRUCTURAL_FIELDS.has(key);

const whyNotCorrectable = (type: CooperationEvent['type'], fieldPath: string): 'fixedByDomainEvent' | 'structural' | undefined => {
  const segments = fieldPath.split('.');
  const fixed = FIXED_BY_DOMAIN_EVENTS[type];
  if (fixed === 'anyField' || fixed?.includes(segments[0]!)) return 'fixedByDomainEvent';
  const structural = segments.some(isStructuralKey) || STRUCTURAL_BY_EVENT[type]?.includes(segments[0]!);
  return structural ? 'structural' : undefined;
};

/**
 * The structure inside a value (ids, kinds, seats… at any depth), the text and dates left out: a correction of a
 * whole object or list (`attendees`, `frequency`) may set its text right, never swap a seat or change a kind.
 */
const structureOf = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(structureOf).filter((item) => item !== undefined);
  if (typeof value !== 'object' || value === null) return undefined;
  const entries = Object.entries(value).flatMap(([key, inner]): [string, unknown][] => {
    if (isStructuralKey(key)) return [[key, inner]];
    const nested = structureOf(inner);
    return nested === undefined || (Array.isArray(nested) && nested.length === 0) ? [] : [[key, nested]];
  });
  return entries.length ? Object.fromEntries(entries) : undefined;
};

const isShare = (value: unknown): boolean => value === undefined || (typeof value === 'number' && value > 0 && value <= 1);

/** The bounds the corrected event keeps, as the command's validation set them: shares of seats, a rhythm. */
const withinBounds = (data: Record<string, unknown>): boolean => {
  const timesPerYear = (data['frequency'] as { timesPerYear?: unknown } | undefined)?.timesPerYear;
  const rhythm = timesPerYear === undefined || (Number.isInteger(timesPerYear) && (timesPerYear as number) >= 1 && (timesPerYear as number) <= 365);
  return isShare(data['quorum']) && isShare(data['conveningThreshold']) && rhythm;
};

/**
 * Correctable fields that take a word of a vocabulary (the command's validation checked the original): a correction
 * stays within it, or `purpose: "investissement"` would show as such wherever it is read. A kind is structural.
 */
const VOCABULARIES: Readonly<Partial<Record<CooperationEvent['type'], Readonly<Record<string, readonly string[]>>>>> = {
  CooperationProposed: { form: COOPERATION_FORMS, origin: COOPERATION_ORIGINS },
  CooperationClosed: { reason: CLOSING_REASONS },
  TerritorialDiagnosticStarted: { method: DIAGNOSTIC_METHODS },
  ResidentParticipationEstablished: { mode: RESIDENT_PARTICIPATION_MODES },
  RepresentativeDesignated: { capacities: REPRESENTATIVE_CAPACITIES },
  SupportDecisionRecorded: { decidingBody: DECIDING_BODIES },
  CommitmentPledged: { purpose: COMMITMENT_PURPOSES },
};

/** The words a corrected value may take, when the field takes those of a vocabulary (`capacities.1` one of them). */
const vocabularyAt = (type: CooperationEvent['type'], fieldPath: string): readonly string[] | undefined =>
  VOCABULARIES[type]?.[fieldPath.split('.')[0]!];

const withinVocabulary = (words: readonly string[], value: unknown): boolean =>
  Array.isArray(value) ? value.every((item) => words.includes(item as string)) : words.includes(value as string);

const isText = (value: unknown): boolean => typeof value === 'string' && value.trim() !== '';

/**
 * Whether `corrected` may stand where `previous` stood: a date for a date, text for text, the same keys for an object.
 * A list of text takes any text (an agenda item added or removed); a list of objects keeps its length (an attendee, a
 * result: adding one is a fact of its own, not a correction); an empty list takes text only.
 */
const fits = (previous: unknown, corrected: unknown): boolean => {
  if (isPartialDate(previous)) return isPartialDate(corrected);
  if (typeof previous === 'string') return isText(corrected);
  if (Array.isArray(previous)) {
    if (!Array.isArray(corrected)) return false;
    if (previous.every((item) => typeof item === 'string')) return corrected.every((item) => (previous.some(isPartialDate) ? isPartialDate(item) : isText(item)));
    return corrected.length === previous.length && corrected.every((item, i) => fits(previous[i], item));
  }
  if (typeof previous === 'object' && previous !== null) {
    if (typeof corrected !== 'object' || corrected === null || Array.isArray(corrected)) return false;
    const [before, after] = [previous as Record<string, unknown>, corrected as Record<string, unknown>];
    return jsonEquals(Object.keys(before).sort(), Object.keys(after).sort()) && Object.keys(before).every((key) => fits(before[key], after[key]));
  }
  return typeof corrected === typeof previous && (previous === null) === (corrected === null);
};

/** The top-level ids of an event's data, a person's excepted (it stays with the personal values it keys): `correctedEventRefs`. */
export const correctionRefsOf = (data: object): Record<string, string> =>
  Object.fromEntries(Object.entries(data).filter(([key, value]) => /Id$/.test(key) && !/(^p|P)ersonId$/.test(key) && typeof value === 'string'));

/**
 * E50: a correction names an event of this stream and a field of it, states the value it replaces (the one in force:
 * a stale correction is refused) and why. The cooperation's state re-folds with it, the read models that show the
 * field update the row the corrected event made (found by `correctedEventRefs`), and the timeline marks it corrected.
 */
export const correctRecord = (command: CorrectRecord, state: CooperationState): RecordCorrected[] => {
  const { correctedEventId, fieldPath, previousValue, correctedValue, reason, sourceRef } = command.data;
  const target = loggedEvent(state, correctedEventId);
  ensure(target, Code.CorrectedEventNotFound, { correctedEventId });
  ensure(reason?.trim(), Code.CorrectionReasonRequired, { correctedEventId });
  const where = { correctedEventId, eventType: target.type, fieldPath };
  const why = whyNotCorrectable(target.type, fieldPath);
  ensure(!why, Code.FieldNotCorrectable, { ...where, why });
  // A whole object holding people's values would be stored in clear under no one's key: correct each value instead.
  const personal = personalDataAt(target.type, target.data, fieldPath);
  ensure(personal !== 'containsPersonalData', Code.FieldNotCorrectable, { ...where, why: 'containsPersonalData' });
  const inForce = valueAt(target.data, fieldPath);
  ensure(inForce.found, Code.CorrectedFieldNotFound, where);
  ensure(jsonEquals(inForce.value, previousValue), Code.StaleCorrection, { ...where, valueInForce: inForce.value, previousValue });
  ensure(fits(inForce.value, correctedValue), Code.CorrectedValueInvalid, { ...where, valueInForce: inForce.value, correctedValue });
  const words = vocabularyAt(target.type, fieldPath);
  ensure(!words || withinVocabulary(words, correctedValue), Code.CorrectedValueInvalid, { ...where, valueInForce: inForce.value, correctedValue, allowed: words });
  ensure(withinBounds(withValueAt(target.data, fieldPath, correctedValue) as Record<string, unknown>), Code.CorrectedValueInvalid, { ...where, valueInForce: inForce.value, correctedValue });
  ensure(jsonEquals(structureOf(inForce.value) ?? null, structureOf(correctedValue) ?? null), Code.FieldNotCorrectable, { ...where, why: 'structural' });
  const factDate = FACT_DATE_FIELDS.has(fieldPath) && isPartialDate(correctedValue) ? correctedValue : undefined;
  if (factDate) ensureNotInFuture(factDate, command.metadata.today);
  // A closed cooperation's facts happened by its closing (§8.1): a correction does not move one after it.
  if (fieldPath !== 'closedOn') ensureNotAfterClosing(state.closedOn, factDate);
  ensure(!jsonEquals(previousValue, correctedValue), Code.CorrectionChangesNothing, where);
  const instanceId = instanceOfEvent(state, target);
  if (instanceId) {
    // A governance instance's dates bind one another across events: checked over the log as it would read corrected.
    const log = loggedEvents(state);
    const corrected = log.map((event) => (event.eventId === correctedEventId ? ({ ...event, data: withValueAt(event.data, fieldPath, correctedValue) } as CooperationEvent) : event));
    ensureLifetimeKept(lifetimeOf(log, instanceId)!, lifetimeOf(corrected, instanceId)!, instanceId);
  }
  const refs = correctionRefsOf(target.data);
  return [
    {
      type: 'RecordCorrected',
      data: {
        correctedEventId,
        correctedEventType: target.type,
        ...(Object.keys(refs).length > 0 ? { correctedEventRefs: refs } : {}),
        fieldPath,
        previousValue,
        correctedValue,
        reason,
        ...(sourceRef ? { sourceRef } : {}),
        ...(personal ? { personId: personal.personId } : {}),
      },
    },
  ];
};
