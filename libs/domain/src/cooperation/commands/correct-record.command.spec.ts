import { describe, expect, it } from '@jest/globals';
import { CooperationErrorCode as Code } from '../cooperation.errors.js';
import { correctionRefsOf, type CorrectRecord } from './correct-record.command.js';
import {
  charterDraftStarted,
  charterRevised,
  charterSigned,
  citeesMembers,
  event,
  given,
  joined,
  proposed,
  representative,
  stateOf,
  steeringCommittee,
  when,
  withId,
} from '../../testing/fixtures.js';
import { disbursed, grant } from '../../testing/commitments.fixtures.js';
import { decisionRecorded, meetingHeld, meetingScheduled, seatedCommittee } from '../../testing/governance.fixtures.js';

const REPRESENTATIVE = 'event:representative-morini';
const designated = withId(REPRESENTATIVE, representative('org:cite-des-transitions', 'person:marianne-morini'));
const history = [...citeesMembers(), designated];

const correction = {
  correctedEventId: REPRESENTATIVE,
  fieldPath: 'title',
  previousValue: 'Directeur·rice',
  correctedValue: 'Responsable du développement',
  reason: 'Titre mal recopié du compte rendu',
};
const correct = (data: Partial<CorrectRecord['data']> = {}) => when('CorrectRecord', { ...correction, ...data });
/** A representative's title is personal (personal-data.ts): its correction names whose it is, so the store encrypts it. */
const recorded = (data: Partial<CorrectRecord['data']> = {}) =>
  event('RecordCorrected', {
    ...correction,
    correctedEventType: 'RepresentativeDesignated',
    correctedEventRefs: { organisationId: 'org:cite-des-transitions' },
    personId: 'person:marianne-morini',
    ...data,
  });

const titleOf = (events: Parameters<typeof stateOf>[0]) => stateOf(events).representatives.find((r) => r.personId === 'person:marianne-morini')?.title;

describe('CorrectRecord (E50)', () => {
  it('records the correction of an earlier event: the event, the field, the value it replaces, the value in force and why', () =>
    given(history).when(correct()).then([recorded()]));

  it('keeps the source of the correction', () =>
    given(history).when(correct({ sourceRef: 'compte rendu du comité, 2025-12' })).then([recorded({ sourceRef: 'compte rendu du comité, 2025-12' })]));

  describe('the state shows the corrected value, lists the correction and leaves the corrected event as recorded', () => {
    it('a representative’s title', () => {
      const state = stateOf([...history, withId('event:correction-1', recorded())]);
      expect(titleOf([...history, recorded()])).toBe('Responsable du développement');
      expect(state.corrections).toEqual([{ eventId: 'event:correction-1', ...recorded().data }]);
      expect(designated.data.title).toBe('Directeur·rice');
    });

    it('a member’s joinedOn, a charter’s title and a milestone’s label, with no code of their own', () => {
      const member = withId('event:joined', joined('org:onesight'));
      const charter = withId('event:charter', charterDraftStarted());
      const milestone = withId('event:milestone', event('MilestonePlanned', { milestoneId: 'milestone:rotation', label: 'Rotation du pilotag', kind: 'leadRotation', dueBy: '2026-12', warnings: [] }));
      const fix = (target: { eventId?: string; type: string }, fieldPath: string, previousValue: string, correctedValue: string) =>
        event('RecordCorrected', { correctedEventId: target.eventId!, correctedEventType: target.type, fieldPath, previousValue, correctedValue, reason: 'coquille' });
      const state = stateOf([
        proposed(), member, charter, milestone,
        fix(member, 'joinedOn', '2025', '2025-03'),
        fix(charter, 'title', 'Charte de coopération CITÉES', 'Charte de coopération du consortium CITÉES'),
        fix(milestone, 'label', 'Rotation du pilotag', 'Rotation du pilotage'),
      ]);
      expect(state.participants['org:onesight']?.joinedOn).toBe('2025-03');
      expect(state.charters['charter:citees']?.title).toBe('Charte de coopération du consortium CITÉES');
      expect(state.milestones['milestone:rotation']?.label).toBe('Rotation du pilotage');
      expect(state.corrections.map((c) => c.fieldPath)).toEqual(['joinedOn', 'title', 'label']);
    });

    it('later events still apply on top of the corrected value', () => {
      const member = withId('event:joined', joined('org:onesight'));
      const fixed = event('RecordCorrected', { correctedEventId: 'event:joined', correctedEventType: 'MemberJoined', fieldPath: 'joinedOn', previousValue: '2025', correctedValue: '2025-03', reason: 'date du procès-verbal' });
      const state = stateOf([proposed(), member, fixed, event('MemberLeft', { organisationId: 'org:onesight', leftOn: '2026', reason: 'fin du projet' })]);
      expect(state.participants['org:onesight']).toMatchObject({ joinedOn: '2025-03', leftOn: '2026', active: false });
    });
  });

  it('a field corrected once is corrected again from the value in force, the last correction’s', () =>
    given([...history, recorded()])
      .when(correct({ previousValue: 'Responsable du développement', correctedValue: 'Responsable du développement et des partenariats' }))
      .then([recorded({ previousValue: 'Responsable du développement', correctedValue: 'Responsable du développement et des partenariats' })]));

  it('a correction stating the original value of a field already corrected is stale', () =>
    given([...history, recorded()])
      .when(correct({ correctedValue: 'Chargée de mission' }))
      .thenThrows(Code.StaleCorrection, { valueInForce: 'Responsable du développement', previousValue: 'Directeur·rice' }));

  it('a correction states the value it replaces: another value is stale', () =>
    given(history).when(correct({ previousValue: 'Directrice' })).thenThrows(Code.StaleCorrection, { fieldPath: 'title', valueInForce: 'Directeur·rice' }));

  it('corrects only an event of this stream', () =>
    given(history).when(correct({ correctedEventId: 'event:elsewhere' })).thenThrows(Code.CorrectedEventNotFound, { correctedEventId: 'event:elsewhere' }));

  it('a correction gives its reason', () =>
    given(history).when(correct({ reason: '  ' })).thenThrows(Code.CorrectionReasonRequired));

  describe('signatures, decision outcomes and disbursements are set right by new domain events, not corrections', () => {
    it('no field of a signature', () =>
      given([...history, withId('event:signed', charterSigned('org:inter-made'))])
        .when(correct({ correctedEventId: 'event:signed', fieldPath: 'signedOn', previousValue: '2025-11', correctedValue: '2025-12' }))
        .thenThrows(Code.FieldNotCorrectable, { eventType: 'CharterSigned', fieldPath: 'signedOn', why: 'fixedByDomainEvent' }));

    it('not a decision’s outcome nor its votes', () =>
      given([...history, withId('event:decision', decisionRecorded())])
        .when(correct({ correctedEventId: 'event:decision', fieldPath: 'outcome', previousValue: 'approved', correctedValue: 'rejected' }))
        .thenThrows(Code.FieldNotCorrectable, { eventType: 'DecisionRecorded', why: 'fixedByDomainEvent' }));

    it('no field of a disbursement', () =>
      given([...history, grant(), withId('event:paid', disbursed('disbursement:1', 100_000))])
        .when(correct({ correctedEventId: 'event:paid', fieldPath: 'amount.cents', previousValue: 100_000, correctedValue: 10_000 }))
        .thenThrows(Code.FieldNotCorrectable, { eventType: 'FundsDisbursed', why: 'fixedByDomainEvent' }));

    it('nor a correction itself: the field it corrected is corrected again', () =>
      given([...history, withId('event:correction', recorded())])
        .when(correct({ correctedEventId: 'event:correction', fieldPath: 'reason', previousValue: correction.reason, correctedValue: 'autre' }))
        .thenThrows(Code.FieldNotCorrectable, { eventType: 'RecordCorrected', why: 'fixedByDomainEvent' }));
  });

  it('ids and structure are not corrected: the person, the organisation, a version', () => {
    given(history)
      .when(correct({ fieldPath: 'personId', previousValue: 'person:marianne-morini', correctedValue: 'person:autre' }))
      .thenThrows(Code.FieldNotCorrectable, { fieldPath: 'personId', why: 'structural' });
    given([...history, charterDraftStarted(), withId('event:v1', charterRevised(1))])
      .when(correct({ correctedEventId: 'event:v1', fieldPath: 'version', previousValue: 1, correctedValue: 2 }))
      .thenThrows(Code.FieldNotCorrectable, { fieldPath: 'version', why: 'structural' });
  });

  it('the field exists in the corrected event’s data', () =>
    given(history).when(correct({ fieldPath: 'to', previousValue: '2026', correctedValue: '2027' })).thenThrows(Code.CorrectedFieldNotFound, { eventType: 'RepresentativeDesignated', fieldPath: 'to' }));

  it('the corrected value has the shape of the one it replaces: a date for a date, text for text', () => {
    given([...history, withId('event:joined', joined('org:onesight'))])
      .when(correct({ correctedEventId: 'event:joined', fieldPath: 'joinedOn', previousValue: '2025', correctedValue: 'printemps 2025' }))
      .thenThrows(Code.CorrectedValueInvalid, { fieldPath: 'joinedOn', correctedValue: 'printemps 2025' });
    given(history).when(correct({ correctedValue: 42 })).thenThrows(Code.CorrectedValueInvalid, { fieldPath: 'title' });
  });

  it('a correction changes the value', () =>
    given(history).when(correct({ correctedValue: 'Directeur·rice' })).thenThrows(Code.CorrectionChangesNothing, { fieldPath: 'title' }));

  describe('personal data (GDPR): a correction is keyed to the person whose value it sets right', () => {
    it('a correction of a person’s name carries that person’s id, so the store encrypts both values under their key', () =>
      given([...citeesMembers(), withId(REPRESENTATIVE, event('RepresentativeDesignated', { ...designated.data, personName: 'Marianna Morini' }))])
        .when(correct({ fieldPath: 'personName', previousValue: 'Marianna Morini', correctedValue: 'Marianne Morini' }))
        .then([recorded({ fieldPath: 'personName', previousValue: 'Marianna Morini', correctedValue: 'Marianne Morini' })]));

    it('a field that is no one’s carries no person id', () => {
      const joinedEvent = withId('event:joined', joined('org:onesight'));
      given([...history, joinedEvent])
        .when(correct({ correctedEventId: 'event:joined', fieldPath: 'joinedOn', previousValue: '2025', correctedValue: '2024' }))
        .then([
          event('RecordCorrected', {
            ...correction,
            correctedEventId: 'event:joined',
            correctedEventType: 'MemberJoined',
            correctedEventRefs: { organisationId: 'org:onesight' },
            fieldPath: 'joinedOn',
            previousValue: '2025',
            correctedValue: '2024',
          }),
        ]);
    });

    it('an object enclosing people’s values is not corrected whole: it would be stored under no one’s key', () =>
      given([...history, meetingScheduled(), withId('event:meeting-held', event('MeetingHeld', { meetingId: 'meeting:1', heldOn: '2025-12-10', attendees: [{ guest: { personId: 'person:invitee', capacity: 'élue' } }], apologies: [] }))])
        .when(correct({ correctedEventId: 'event:meeting-held', fieldPath: 'attendees.0.guest', previousValue: { personId: 'person:invitee', capacity: 'élue' }, correctedValue: { personId: 'person:invitee', capacity: 'adjointe' } }))
        .thenThrows(Code.FieldNotCorrectable, { fieldPath: 'attendees.0.guest', why: 'containsPersonalData' }));
  });

  it('a field only the read models show is corrected too, naming the ids they find the corrected row by (E50)', () => {
    const fix = { correctedEventId: 'event:meeting', fieldPath: 'location', previousValue: 'Marseille', correctedValue: 'Aubagne' };
    given([...history, withId('event:meeting', meetingScheduled())])
      .when(correct(fix))
      .then([
        event('RecordCorrected', { ...correction, ...fix, correctedEventType: 'MeetingScheduled', correctedEventRefs: { meetingId: 'meeting:1', instanceId: 'instance:copil' } }),
      ]);
  });

  it('a field that takes a word of a vocabulary is corrected to another of its words', () => {
    const pledge = withId('event:pledge', grant());
    const purpose = { correctedEventId: 'event:pledge', fieldPath: 'purpose', previousValue: 'cooperationEngineering' };
    given([...history, pledge]).when(correct({ ...purpose, correctedValue: 'investissement' })).thenThrows(Code.CorrectedValueInvalid, { fieldPath: 'purpose', correctedValue: 'investissement' });
    given([...history, pledge]).when(correct({ ...purpose, correctedValue: 'investment' })).then([
      event('RecordCorrected', {
        ...correction, ...purpose, correctedValue: 'investment', correctedEventType: 'CommitmentPledged', correctedEventRefs: correctionRefsOf(pledge.data),
      }),
    ]);
    given(history)
      .when(correct({ fieldPath: 'capacities.0', previousValue: 'sign', correctedValue: 'vote' }))
      .thenThrows(Code.CorrectedValueInvalid, { fieldPath: 'capacities.0', allowed: ['sign', 'sit', 'speak'] });
  });

  describe('a whole object or list is corrected as its text and dates, never its structure', () => {
    it('an agenda corrected whole, yes (text only); a meeting’s attendance list, no (a seat or a person in it)', () => {
      const scheduled = withId('event:meeting', meetingScheduled());
      const agenda = { correctedEventId: 'event:meeting', fieldPath: 'agenda', previousValue: ['adoption de la charte'], correctedValue: ['adoption de la charte', 'budget 2026'] };
      given([...seatedCommittee(), scheduled]).when(correct(agenda)).then([
        event('RecordCorrected', { ...correction, ...agenda, correctedEventType: 'MeetingScheduled', correctedEventRefs: { meetingId: 'meeting:1', instanceId: 'instance:copil' } }),
      ]);
      const seats = [{ seatId: 'seat:1' }];
      given([...seatedCommittee(), scheduled, withId('event:held', event('MeetingHeld', { meetingId: 'meeting:1', heldOn: '2025-12-10', attendees: seats, apologies: [] }))])
        .when(correct({ correctedEventId: 'event:held', fieldPath: 'attendees', previousValue: seats, correctedValue: [{ seatId: 'seat:2' }] }))
        .thenThrows(Code.FieldNotCorrectable, { fieldPath: 'attendees' });
    });

    it('a rhythm changed whole, kind included, no; a quorum out of its bounds, no', () => {
      const committee = withId('event:committee', steeringCommittee());
      given([...citeesMembers(), committee])
        .when(correct({ correctedEventId: 'event:committee', fieldPath: 'frequency', previousValue: { kind: 'timesPerYear', timesPerYear: 3 }, correctedValue: { kind: 'monthly', timesPerYear: 12 } }))
        .thenThrows(Code.FieldNotCorrectable, { fieldPath: 'frequency', why: 'structural' });
      given([...citeesMembers(), committee])
        .when(correct({ correctedEventId: 'event:committee', fieldPath: 'frequency.timesPerYear', previousValue: 3, correctedValue: 0 }))
        .thenThrows(Code.CorrectedValueInvalid, { fieldPath: 'frequency.timesPerYear' });
    });
  });

  it('the bounds hold on the event as corrected: a rhythm set whole to none a year is refused', () =>
    given([...citeesMembers(), withId('event:committee', steeringCommittee())])
      .when(correct({ correctedEventId: 'event:committee', fieldPath: 'frequency', previousValue: { kind: 'timesPerYear', timesPerYear: 3 }, correctedValue: { kind: 'timesPerYear', timesPerYear: 0 } }))
      .thenThrows(Code.CorrectedValueInvalid, { fieldPath: 'frequency' }));

  it('a list keeps its kind of items: text for an agenda, even one that was empty', () =>
    given([...seatedCommittee(), withId('event:meeting', meetingScheduled('meeting:1', { agenda: [] }))])
      .when(correct({ correctedEventId: 'event:meeting', fieldPath: 'agenda', previousValue: [], correctedValue: [42] }))
      .thenThrows(Code.CorrectedValueInvalid, { fieldPath: 'agenda' }));

  it('a closed cooperation’s fact is not moved after its closing by a correction', () => {
    const joinedEvent = withId('event:joined', joined('org:onesight'));
    given([...history, joinedEvent, event('CooperationClosed', { closedOn: '2026-06', reason: 'completed', fromPhase: 'implementation' })])
      .when(correct({ correctedEventId: 'event:joined', fieldPath: 'joinedOn', previousValue: '2025', correctedValue: '2026-09' }))
      .thenThrows(Code.CooperationClosed, { closedOn: '2026-06' });
  });

  it('a fact’s date is not corrected into the future (domain.md §8.1)', () => {
    const joinedEvent = withId('event:joined', joined('org:onesight'));
    given([...history, joinedEvent])
      .when(correct({ correctedEventId: 'event:joined', fieldPath: 'joinedOn', previousValue: '2025', correctedValue: '2027' }))
      .thenThrows(Code.BusinessDateInFuture, { date: '2027' });
  });

  it('names the corrected event’s own ids for the read models, never a person’s', () =>
    expect(correctionRefsOf({ charterId: 'charter:1', version: 1, organisationId: 'org:a', signatoryPersonId: 'person:b', personId: 'person:c', witnesses: [] })).toEqual({
      charterId: 'charter:1',
      organisationId: 'org:a',
    }));

  describe('a governance instance’s dates bind its acts, corrected or not (E27, E30, E33, E35)', () => {
    const copil = withId('event:copil', steeringCommittee());
    const held = [withId('event:scheduled', meetingScheduled('meeting:1', { scheduledFor: '2025-12-10' })), withId('event:held', meetingHeld('meeting:1', [], '2025-12-10'))];
    const decided = withId('event:decision', decisionRecorded('decision:1', { decidedOn: '2025-12-10' }));
    const dissolved = withId('event:dissolved', event('GovernanceInstanceDissolved', { instanceId: 'instance:copil', dissolvedOn: '2026-02', reason: 'remplacé' }));
    const log = [...citeesMembers(), copil, ...held, decided];
    const fix = (correctedEventId: string, fieldPath: string, previousValue: string, correctedValue: string) =>
      correct({ correctedEventId, fieldPath, previousValue, correctedValue });

    it('its creation is not moved after what it did', () =>
      given(log).when(fix('event:copil', 'createdOn', '2025-10', '2026-01')).thenThrows(Code.InstanceNotYetCreated, { instanceId: 'instance:copil', createdOn: '2026-01', acts: ['meeting:1', 'decision:1'] }));

    it('an act is not moved before its creation, nor a sitting after its dissolution', () => {
      given(log).when(fix('event:decision', 'decidedOn', '2025-12-10', '2025-09-30')).thenThrows(Code.InstanceNotYetCreated, { createdOn: '2025-10', acts: ['decision:1'] });
      given([...log, dissolved]).when(fix('event:held', 'heldOn', '2025-12-10', '2026-03-02')).thenThrows(Code.InstanceActedAfterDissolution, { dissolvedOn: '2026-02', acts: ['meeting:1'] });
    });

    it('its dissolution is not moved before what it did sitting, nor before its creation', () => {
      given([...log, dissolved]).when(fix('event:dissolved', 'dissolvedOn', '2026-02', '2025-12')).thenThrows(Code.InstanceActedAfterDissolution, { acts: ['meeting:1', 'decision:1'] });
      given([...citeesMembers(), copil, dissolved]).when(fix('event:dissolved', 'dissolvedOn', '2026-02', '2025-09')).thenThrows(Code.DissolvedBeforeCreation, { dissolvedOn: '2025-09', createdOn: '2025-10' });
    });

    it('a date moved within the instance’s lifetime is corrected', () =>
      given([...log, dissolved])
        .when(fix('event:decision', 'decidedOn', '2025-12-10', '2025-12-11'))
        .then([event('RecordCorrected', { correctedEventId: 'event:decision', correctedEventType: 'DecisionRecorded', correctedEventRefs: { decisionId: 'decision:1', instanceId: 'instance:copil', meetingId: 'meeting:1' }, fieldPath: 'decidedOn', previousValue: '2025-12-10', correctedValue: '2025-12-11', reason: correction.reason })]));

    it('a log that broke these rules before they existed still takes its other corrections', () => {
      const seatedEarly = withId('event:seat', event('InstanceSeatAssigned', { seatId: 'seat:early', instanceId: 'instance:copil', holderOrganisationId: 'org:inter-made', seatType: 'member', from: '2025-06' }));
      given([...log, seatedEarly])
        .when(fix('event:decision', 'decidedOn', '2025-12-10', '2025-12-11'))
        .then([event('RecordCorrected', { correctedEventId: 'event:decision', correctedEventType: 'DecisionRecorded', correctedEventRefs: { decisionId: 'decision:1', instanceId: 'instance:copil', meetingId: 'meeting:1' }, fieldPath: 'decidedOn', previousValue: '2025-12-10', correctedValue: '2025-12-11', reason: correction.reason })]);
    });
  });

  it('a closed cooperation still takes corrections (domain.md §8.1)', () =>
    given([...history, event('CooperationClosed', { closedOn: '2026-06', reason: 'completed', fromPhase: 'implementation' })])
      .when(correct())
      .then([recorded()]));
});
