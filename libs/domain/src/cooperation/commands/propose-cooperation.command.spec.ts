import { describe, expect, it } from '@jest/globals';
import { businessDate } from '../../shared/business-date.js';
import { cooperationDecider } from '../cooperation.decider.js';
import { CooperationErrorCode as Code } from '../cooperation.errors.js';
import type { ProposeCooperation } from './propose-cooperation.command.js';
import { event, given, givenIn, proposed, territory, when } from '../../testing/fixtures.js';

const citees: ProposeCooperation['data'] = {
  cooperationId: 'coop:test',
  name: 'CITÉES Marseille',
  purpose: 'Réduire les inégalités sociales de santé par l’action collective',
  levers: ['accès aux soins'],
  territoryIds: ['territory:marseille'],
  form: 'consortium',
  origin: 'initiatedByFoundation',
  initiatorOrganisationIds: ['org:fondation-macif'],
  thematicAreas: [],
};
const propose = (data: Partial<ProposeCooperation['data']> = {}) => when('ProposeCooperation', { ...citees, ...data });
const otherCitees = (cooperationId: string, territoryIds = ['territory:marseille']) => ({
  streamId: `cooperation-${cooperationId}`,
  ...proposed({ cooperationId, name: 'Citées  marseille', territoryIds }),
});
const closedElsewhere = (cooperationId: string) => ({
  streamId: `cooperation-${cooperationId}`,
  ...event('CooperationClosed', { closedOn: '2025', reason: 'completed', fromPhase: 'framing' }),
});
const quartierNord = territory('territory:marseille-nord', 'Quartiers nord', ['territory:marseille']);
const toulouse = territory('territory:toulouse', 'Toulouse');

describe('ProposeCooperation', () => {
  it('records the proposal with its stated date', () =>
    given([]).when(propose({ proposedOn: '2025' })).then([event('CooperationProposed', { ...citees, proposedOn: '2025' })]));

  it('without a stated date the proposal is dated by the business date, else by the command’s day where the cooperations are', () => {
    given([]).when(when('ProposeCooperation', citees, businessDate('2025-03'))).then([event('CooperationProposed', { ...citees, proposedOn: '2025-03' })]);
    given([]).when(propose()).then([event('CooperationProposed', { ...citees, proposedOn: '2026-11-23' })]);
    // 23:30 UTC is the next day in Paris: the proposal, and its event's business date (the timeline's), say so.
    const lateEvening = { ...propose(), metadata: { ...propose().metadata, now: '2026-11-23T23:30:00.000Z', today: '2026-11-24' } };
    given([]).when(lateEvening).then([event('CooperationProposed', { ...citees, proposedOn: '2026-11-24' })]);
    expect(cooperationDecider.businessDateOf(lateEvening)).toEqual(businessDate('2026-11-24'));
  });

  it('a territory must be defined', () =>
    given([]).when(propose({ territoryIds: ['territory:atlantide'] })).thenThrows(Code.TerritoryNotFound, { territoryId: 'territory:atlantide' }));

  it('an initiator must be registered', () =>
    given([]).when(propose({ initiatorOrganisationIds: ['org:unknown'] })).thenThrows(Code.OrganisationNotRegistered, { organisationId: 'org:unknown' }));

  it('a programme must have been launched', () =>
    given([]).when(propose({ programmeId: 'programme:unknown' })).thenThrows(Code.ProgrammeNotFound, { programmeId: 'programme:unknown' }));

  it('a predecessor must be a known cooperation', () =>
    given([]).when(propose({ predecessorCooperationId: 'coop:unknown' })).thenThrows(Code.PredecessorNotFound, { cooperationId: 'coop:unknown' }));

  it('keeps the call for expressions of interest it answers (E05 callId; calls themselves are not recorded yet)', () =>
    given([])
      .when(propose({ origin: 'callResponse', callId: 'call:ami-paca-2025', proposedOn: '2025-11' }))
      .then([event('CooperationProposed', { ...citees, origin: 'callResponse', callId: 'call:ami-paca-2025', proposedOn: '2025-11' })]));

  it('a known predecessor is accepted', () =>
    givenIn(otherCitees('coop:roya-experimentation'))([])
      .when(propose({ name: 'TEC – Vallée de la Roya', predecessorCooperationId: 'coop:roya-experimentation', proposedOn: '2025-11' }))
      .then([event('CooperationProposed', { ...citees, name: 'TEC – Vallée de la Roya', predecessorCooperationId: 'coop:roya-experimentation', proposedOn: '2025-11' })]));

  it('a name is not reused by an open cooperation on the same territory', () =>
    givenIn(otherCitees('coop:other'))([]).when(propose()).thenThrows(Code.CooperationNameAlreadyUsed, { existingCooperationId: 'coop:other' }));

  it('a name is not reused by an open cooperation on a territory inside this one', () =>
    givenIn(quartierNord, otherCitees('coop:other', ['territory:marseille-nord']))([]).when(propose()).thenThrows(Code.CooperationNameAlreadyUsed));

  it('the same name is free on a territory apart', () =>
    givenIn(toulouse, otherCitees('coop:other', ['territory:toulouse']))([])
      .when(propose({ proposedOn: '2025' }))
      .then([event('CooperationProposed', { ...citees, proposedOn: '2025' })]));

  it('the name of a closed cooperation is free again', () =>
    givenIn(otherCitees('coop:other'), closedElsewhere('coop:other'))([])
      .when(propose({ proposedOn: '2025' }))
      .then([event('CooperationProposed', { ...citees, proposedOn: '2025' })]));
});
