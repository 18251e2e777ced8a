import type { Command } from '../../shared/decider.js';
import { isPartialDate } from '../../shared/business-date.js';
import { ensure } from '../../shared/domain-error.js';
import { jsonEquals, valueAt } from '../../shared/json.js';
import { personalDataAt } from '../../personal-data.js';
import { CooperationErrorCode as Code } from '../cooperation.errors.js';
import { loggedEvent, type CooperationState } from '../cooperation.state.js';
import type { CooperationEvent, RecordCorrected } from '../events/index.js';

export type CorrectRecord = Command<'CorrectRecord', Omit<RecordCorrected['data'], 'correctedEventType' | 'personId'>>;

/**
 * Fixed by new domain events, never by a correction (domain.md E50): a signature is withdrawn and signed again, a
 * decision's outcome revisited by another decision, money moves by disbursements, allocations and revisions of the
 * commitment (E38), a charter enters into force from its signatures, and a correction is superseded by correcting the
 * same field again.
 */
export const FIXED_BY_DOMAIN_EVENTS: Readonly<Partial<Record<CooperationEvent['type'], 'anyField' | readonly string[]>>> = {
  CharterSigned: 'anyField',
  CharterEnteredIntoForce: 'anyField',
  FundsDisbursed: 'anyField',
  CoFundingAllocated: 'anyField',
  CommitmentRevised: 'anyField',
  RecordCorrected: 'anyField',
  DecisionRecorded: ['outcome', 'votes', 'consensus'],
  SupportDecisionRecorded: ['outcome', 'amount'],
  CommitmentPledged: ['amount', 'quantity', 'description', 'period'],
};

/**
 * Structure that later rules rely on, at any depth: identities (`…Id`, `…Ids`), versions and hashes, roles, scopes,
 * kinds, mandates, phases, a decision's subject and the warnings a decision attached. A cooperation's name as well:
 * the registry's uniqueness rule and the list of cooperations index it.
 */
const STRUCTURAL_FIELDS: ReadonlySet<string> = new Set([
  'version', 'newVersion', 'baseVersion', 'proposedVersion', 'supersedesVersion', 'contentHash', 'role', 'scope', 'kind',
  'membershipType', 'mandate', 'chairingModel', 'seatType', 'ownerScope', 'fromPhase', 'toPhase', 'subjectType', 'subjectRef',
  'writtenProcedure', 'warnings', 'signatories',
]);
const STRUCTURAL_BY_EVENT: Readonly<Partial<Record<CooperationEvent['type'], readonly string[]>>> = { CooperationProposed: ['name'] };

const whyNotCorrectable = (type: CooperationEvent['type'], fieldPath: string): 'fixedByDomainEvent' | 'structural' | undefined => {
  const segments = fieldPath.split('.');
  const fixed = FIXED_BY_DOMAIN_EVENTS[type];
  if (fixed === 'anyField' || fixed?.includes(segments[0]!)) return 'fixedByDomainEvent';
  const structural = segments.some((s) => /Ids?$/.test(s) || STRUCTURAL_FIELDS.has(s)) || STRUCTURAL_BY_EVENT[type]?.includes(segments[0]!);
  return structural ? 'structural' : undefined;
};

/** Whether `corrected` may stand where `previous` stood: a date for a date, text for text, the same keys for an object. */
const fits = (previous: unknown, corrected: unknown): boolean => {
  if (isPartialDate(previous)) return isPartialDate(corrected);
  if (typeof previous === 'string') return typeof corrected === 'string' && corrected.trim() !== '';
  if (Array.isArray(previous)) return Array.isArray(corrected) && (previous.length === 0 || corrected.every((item) => previous.some((p) => fits(p, item))));
  if (typeof previous === 'object' && previous !== null) {
    if (typeof corrected !== 'object' || corrected === null || Array.isArray(corrected)) return false;
    const [before, after] = [previous as Record<string, unknown>, corrected as Record<string, unknown>];
    return jsonEquals(Object.keys(before).sort(), Object.keys(after).sort()) && Object.keys(before).every((key) => fits(before[key], after[key]));
  }
  return typeof corrected === typeof previous && (previous === null) === (corrected === null);
};

const factsOf = ({ log: _log, corrections: _corrections, ...facts }: CooperationState) => facts;

/**
 * E50: a correction names an event of this stream and a field of it, states the value it replaces (the one in force:
 * a stale correction is refused) and why. It is accepted only if the cooperation's state shows it: the decider
 * re-folds the stream with the corrected value (`evolve`, passed in) and refuses a correction that changes nothing.
 */
export const correctRecord = (
  command: CorrectRecord,
  state: CooperationState,
  evolve: (state: CooperationState, event: CooperationEvent) => CooperationState,
): RecordCorrected[] => {
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
  ensure(!jsonEquals(previousValue, correctedValue), Code.CorrectionChangesNothing, where);
  const correction: RecordCorrected = {
    type: 'RecordCorrected',
    data: {
      correctedEventId,
      correctedEventType: target.type,
      fieldPath,
      previousValue,
      correctedValue,
      reason,
      ...(sourceRef ? { sourceRef } : {}),
      ...(personal ? { personId: personal.personId } : {}),
    },
  };
  ensure(!jsonEquals(factsOf(evolve(state, correction)), factsOf(state)), Code.CorrectionNotReflected, where);
  return [correction];
};
