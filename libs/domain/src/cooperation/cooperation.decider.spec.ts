import { describe, it } from '@jest/globals';
import { businessDate } from '../shared/business-date.js';
import { CooperationErrorCode as Code } from './cooperation.errors.js';
import { citeesMembers, event, given, joined, proposed, when } from '../testing/fixtures.js';

const proposal = when('ProposeCooperation', proposed().data);
const closed = event('CooperationClosed', { closedOn: '2026-06', reason: 'abandoned', fromPhase: 'identification' });

describe('rules for every cooperation command (domain.md §8.1)', () => {
  it('a cooperation is proposed only once', () =>
    given([proposed()]).when(proposal).thenThrows(Code.CooperationAlreadyExists, { cooperationId: 'coop:test' }));

  it('any other command needs a proposed cooperation', () =>
    given([]).when(when('StartCooperation', { startedOn: '2026' })).thenThrows(Code.CooperationNotFound));

  it('a closed cooperation takes no more commands', () =>
    given([...citeesMembers(), closed])
      .when(when('AdmitMember', { organisationId: 'org:onesight', membershipType: 'member', joinedOn: '2026-07' }))
      .thenThrows(Code.CooperationClosed, { closedOn: '2026-06' }));

  it('a closed cooperation still records its final evaluation and, after the fact, a milestone reached', () => {
    const evaluation = { evaluationId: 'evaluation:finale', kind: 'externalEvaluation' as const, conductedByOrganisationId: 'org:inter-made', period: { from: '2025', to: '2026' }, measurements: [], findings: 'bilan final' };
    const reached = { milestoneId: 'milestone:bilan', label: 'Bilan partagé', kind: 'other' as const, reachedOn: '2026-05' };
    given([...citeesMembers(), closed]).when(when('RecordEvaluation', evaluation)).then([event('EvaluationRecorded', evaluation)]);
    given([...citeesMembers(), closed]).when(when('RecordMilestoneReached', reached)).then([event('MilestoneReached', { ...reached, planned: false })]);
  });

  it('a closed cooperation cannot be closed again', () =>
    given([proposed(), closed]).when(when('CloseCooperation', { closedOn: '2026-07', reason: 'completed' })).thenThrows(Code.CooperationClosed));

  it('a fact dated after the record day is refused', () =>
    given([proposed(), joined('org:banlieues-sante')])
      .when(when('RecordMemberDeparture', { organisationId: 'org:banlieues-sante', leftOn: '2026-11-24', reason: 'fin' }))
      .thenThrows(Code.BusinessDateInFuture, { date: '2026-11-24' }));

  it('"after today" means after the command’s day where the cooperations are: at 23:30 UTC it is already the next day in Paris', () => {
    const departure = when('RecordMemberDeparture', { organisationId: 'org:banlieues-sante', leftOn: '2026-11-24', reason: 'fin' });
    given([proposed(), joined('org:banlieues-sante'), joined('org:inter-made')])
      .when({ ...departure, metadata: { ...departure.metadata, now: '2026-11-23T23:30:00.000Z', today: '2026-11-24' } })
      .then([event('MemberLeft', { organisationId: 'org:banlieues-sante', leftOn: '2026-11-24', reason: 'fin' })]);
  });

  it('a business date given in the metadata is checked as well', () =>
    given([proposed()])
      .when(when('AssignRole', { assignmentId: 'a-1', organisationId: 'org:fondation-macif', role: 'Convener', from: '2025' }, businessDate('2027')))
      .thenThrows(Code.BusinessDateInFuture, { date: '2027' }));

  it('a fact stated within a range that ends after the record day is refused: what happened, happened by today', () =>
    given([proposed()])
      .when(when('AssignRole', { assignmentId: 'a-1', organisationId: 'org:fondation-macif', role: 'Convener', from: '2025' }, businessDate('2025', { to: '2099' })))
      .thenThrows(Code.BusinessDateInFuture, { date: '2099' }));

  it('a fact dated on the record day, or in its month, is accepted', () =>
    given([proposed()])
      .when(when('AdmitMember', { organisationId: 'org:onesight', membershipType: 'member', joinedOn: '2026-11' }))
      .then([event('MemberJoined', { organisationId: 'org:onesight', membershipType: 'member', joinedOn: '2026-11' })]));

  it('plans and schedules may be dated ahead (§8.1: except *Planned and *Scheduled)', () => {
    const milestone = { milestoneId: 'milestone:bilan', label: 'Bilan à mi-parcours', kind: 'other' as const, dueBy: '2027-06' };
    given([...citeesMembers()]).when(when('PlanMilestone', milestone, businessDate('2027-06'))).then([event('MilestonePlanned', { ...milestone, warnings: [] })]);
  });

  it('effective dates of roles may lie ahead: only facts that happened are dated', () =>
    given([...citeesMembers()])
      .when(when('AssignRole', { assignmentId: 'a-1', organisationId: 'org:inter-made', role: 'Lead', from: '2027-01-01' }))
      .then([event('RoleAssigned', { assignmentId: 'a-1', organisationId: 'org:inter-made', role: 'Lead', from: '2027-01-01' })]));
});
