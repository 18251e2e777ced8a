import { describe, expect, it } from '@jest/globals';
import { CooperationErrorCode as Code } from '../cooperation.errors.js';
import { assignInstanceSeat, type AssignInstanceSeat } from './assign-instance-seat.command.js';
import { assigned, errorOf, event, given, joined, proposed, seat, stateOf, steeringCommittee, when } from '../../testing/fixtures.js';

/** BaFaPaTaBor's steering committee (scenario B, event 12). */
const bafapatabor = [
  proposed({ origin: 'preExisting', form: 'collective' }),
  joined('org:e-graine-occitanie'),
  joined('org:fondation-macif'),
  joined('org:habitants-bafapatabor'),
  joined('org:toulouse-metropole', 'institutionalPartner'),
  steeringCommittee(),
];
const seatFor = (seatId: string, holderOrganisationId: string, extra: Partial<AssignInstanceSeat['data']> = {}): AssignInstanceSeat['data'] => ({
  seatId,
  instanceId: 'instance:copil',
  holderOrganisationId,
  seatType: 'member',
  from: '2025-10',
  ...extra,
});
const assign = (data: AssignInstanceSeat['data']) => when('AssignInstanceSeat', data);
const funders = event('GovernanceInstanceCreated', {
  instanceId: 'instance:funders',
  ownerScope: 'cooperation',
  kind: 'fundersCommittee',
  label: 'Comité des financeurs',
  mandate: ['allocateFunding'],
  frequency: { kind: 'annual' },
  chairingModel: 'none',
  createdOn: '2025-10',
});
const coChaired = event('GovernanceInstanceCreated', {
  instanceId: 'instance:table',
  ownerScope: 'cooperation',
  kind: 'neighbourhoodTable',
  label: 'Table de quartier',
  mandate: ['propose'],
  frequency: { kind: 'monthly' },
  chairingModel: 'coChairs',
  createdOn: '2025-10',
});

describe('AssignInstanceSeat', () => {
  it('inhabitants hold a seat although their group is not a legal entity (B2)', () =>
    given(bafapatabor)
      .when(assign(seatFor('seat:habitants-1', 'org:habitants-bafapatabor', { personId: 'person:habitante-1' })))
      .then([event('InstanceSeatAssigned', seatFor('seat:habitants-1', 'org:habitants-bafapatabor', { personId: 'person:habitante-1' }))]));

  it('two persons of the same group hold two seats', () =>
    given([...bafapatabor, seat('seat:habitants-1', 'org:habitants-bafapatabor', { personId: 'person:habitante-1' })])
      .when(assign(seatFor('seat:habitants-2', 'org:habitants-bafapatabor', { personId: 'person:habitant-2' })))
      .then([event('InstanceSeatAssigned', seatFor('seat:habitants-2', 'org:habitants-bafapatabor', { personId: 'person:habitant-2' }))]));

  it('an institutional partner sits as observer', () =>
    given(bafapatabor)
      .when(assign(seatFor('seat:tm', 'org:toulouse-metropole', { seatType: 'observer' })))
      .then([event('InstanceSeatAssigned', seatFor('seat:tm', 'org:toulouse-metropole', { seatType: 'observer' }))]));

  it('a seat id is used once', () =>
    given([...bafapatabor, seat('seat:1', 'org:e-graine-occitanie')]).when(assign(seatFor('seat:1', 'org:fondation-macif'))).thenThrows(Code.SeatAlreadyExists, { seatId: 'seat:1' }));

  it('not from a date before the instance was created', () =>
    given(bafapatabor)
      .when(assign(seatFor('seat:1', 'org:e-graine-occitanie', { from: '2025-09-15' })))
      .thenThrows(Code.InstanceNotYetCreated, { instanceId: 'instance:copil', createdOn: '2025-10', date: '2025-09-15' }));

  it('the instance must exist', () =>
    given(bafapatabor).when(assign(seatFor('seat:1', 'org:e-graine-occitanie', { instanceId: 'instance:unknown' }))).thenThrows(Code.InstanceNotFound, { instanceId: 'instance:unknown' }));

  it('a dissolved instance takes no seat (no event dissolves one yet: checked on a hand-built state)', () => {
    const state = stateOf(bafapatabor);
    const dissolved = { ...state, instances: { ...state.instances, 'instance:copil': { ...state.instances['instance:copil']!, status: 'dissolved' as const } } };
    expect(errorOf(() => assignInstanceSeat(assign(seatFor('seat:1', 'org:e-graine-occitanie')), dissolved))).toMatchObject({ code: Code.InstanceDissolved });
  });

  it('the holder must be an active participant', () =>
    given(bafapatabor).when(assign(seatFor('seat:1', 'org:onesight'))).thenThrows(Code.SeatHolderNotParticipant, { organisationId: 'org:onesight' }));

  it('a seat does not end before it starts', () =>
    given(bafapatabor).when(assign(seatFor('seat:1', 'org:e-graine-occitanie', { from: '2026', to: '2025' }))).thenThrows(Code.InvalidPeriod));

  it('the same holder and person are not seated twice over overlapping periods', () =>
    given([...bafapatabor, seat('seat:1', 'org:e-graine-occitanie')]).when(assign(seatFor('seat:2', 'org:e-graine-occitanie', { from: '2026' }))).thenThrows(Code.SeatAlreadyHeld, { seatId: 'seat:1' }));

  it('a single-chaired instance has no co-chair', () =>
    given(bafapatabor).when(assign(seatFor('seat:1', 'org:e-graine-occitanie', { seatType: 'coChair' }))).thenThrows(Code.SeatTypeNotAllowedByChairing, { seatType: 'coChair', chairingModel: 'single' }));

  it('a single-chaired instance has one chair at a time', () =>
    given([...bafapatabor, seat('seat:chair', 'org:e-graine-occitanie', { seatType: 'chair' })])
      .when(assign(seatFor('seat:chair-2', 'org:fondation-macif', { seatType: 'chair' })))
      .thenThrows(Code.ChairAlreadyTaken, { seatId: 'seat:chair' }));

  it('a co-chaired instance takes two co-chairs', () =>
    given([...bafapatabor, coChaired, seat('seat:co-1', 'org:e-graine-occitanie', { instanceId: 'instance:table', seatType: 'coChair' })])
      .when(assign(seatFor('seat:co-2', 'org:habitants-bafapatabor', { instanceId: 'instance:table', seatType: 'coChair' })))
      .then([event('InstanceSeatAssigned', seatFor('seat:co-2', 'org:habitants-bafapatabor', { instanceId: 'instance:table', seatType: 'coChair' }))]));

  it('a funders’ committee seats only holders of the Funder role', () =>
    given([...bafapatabor, funders]).when(assign(seatFor('seat:f', 'org:e-graine-occitanie', { instanceId: 'instance:funders' }))).thenThrows(Code.FunderRoleRequired, { organisationId: 'org:e-graine-occitanie' }));

  it('a funder sits in the funders’ committee', () =>
    given([...bafapatabor, funders, assigned('a-funder', 'org:fondation-macif', 'Funder', { scope: 'cooperation' })])
      .when(assign(seatFor('seat:f', 'org:fondation-macif', { instanceId: 'instance:funders' })))
      .then([event('InstanceSeatAssigned', seatFor('seat:f', 'org:fondation-macif', { instanceId: 'instance:funders' }))]));
});
