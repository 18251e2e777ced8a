import { describe, expect, it } from '@jest/globals';
import { CooperationErrorCode as Code } from '../cooperation.errors.js';
import type { CooperationPhase } from '../cooperation.vocabulary.js';
import { changeCooperationPhase, type ChangeCooperationPhase } from './change-cooperation-phase.command.js';
import { actionLaunched, errorOf, event, given, joined, phase, proposed, started, stateOf, testDirectory, when } from '../../testing/fixtures.js';

const change = (fromPhase: CooperationPhase, toPhase: CooperationPhase, extra: Partial<ChangeCooperationPhase['data']> = {}) =>
  when('ChangeCooperationPhase', { fromPhase, toPhase, ...extra });
const waiver = { rule: 'diagnosticRequired', justification: 'dynamique préexistante depuis deux ans ; activités tests concluantes' };
const portraitStarted = event('TerritorialDiagnosticStarted', { diagnosticId: 'diag:portrait', method: 'portrait', leadOrganisationIds: ['org:inter-made'], startedOn: '2026' });
const portraitCompleted = event('TerritorialDiagnosticCompleted', { diagnosticId: 'diag:portrait', completedOn: '2026-06', findings: { drivingActors: ['Kiif'] }, priorities: [] });
/** TEC – Vallée de la Roya in implementation, with an associative and a foundation member (scenario C). */
const tecRoya = [proposed({ programmeId: 'programme:tec', form: 'collective' }), joined('org:fondation-macif'), joined('org:inter-made'), phase('identification', 'diagnostic'), portraitStarted, portraitCompleted, phase('diagnostic', 'framing'), started('2026-09')];
const withOneAction = (events: Parameters<typeof stateOf>[0]) => stateOf([...events, actionLaunched('action:premiere', { leadOrganisationId: 'org:inter-made' })]);

describe('ChangeCooperationPhase', () => {
  it('identification → diagnostic is recorded', () =>
    given([proposed()]).when(change('identification', 'diagnostic', { rationale: 'portrait du territoire' })).then([event('CooperationPhaseChanged', { fromPhase: 'identification', toPhase: 'diagnostic', rationale: 'portrait du territoire' })]));

  it('a stale fromPhase is refused', () =>
    given([proposed(), phase('identification', 'diagnostic')]).when(change('identification', 'diagnostic')).thenThrows(Code.StalePhase, { expectedPhase: 'identification', currentPhase: 'diagnostic' }));

  it('entering implementation goes through StartCooperation', () =>
    given([proposed(), phase('identification', 'framing')]).when(change('framing', 'implementation')).thenThrows(Code.TransitionRequiresDedicatedCommand, { command: 'StartCooperation' }));

  it('closing goes through CloseCooperation', () =>
    given([proposed()]).when(change('identification', 'closed')).thenThrows(Code.TransitionRequiresDedicatedCommand, { command: 'CloseCooperation' }));

  it('phases only move forward along the state machine', () => {
    given([proposed(), phase('identification', 'diagnostic')]).when(change('diagnostic', 'identification')).thenThrows(Code.TransitionNotAllowed, { fromPhase: 'diagnostic', toPhase: 'identification' });
    given([proposed()]).when(change('identification', 'consolidation')).thenThrows(Code.TransitionNotAllowed);
    given([...tecRoya]).when(change('implementation', 'scaling')).thenThrows(Code.TransitionNotAllowed);
  });

  it('diagnostic → framing needs a completed diagnostic (C1)', () =>
    given([proposed(), phase('identification', 'diagnostic'), portraitStarted]).when(change('diagnostic', 'framing')).thenThrows(Code.DiagnosticNotCompleted));

  it('diagnostic → framing is accepted once the portrait is completed (C1)', () =>
    given([proposed(), phase('identification', 'diagnostic'), portraitStarted, portraitCompleted])
      .when(change('diagnostic', 'framing'))
      .then([event('CooperationPhaseChanged', { fromPhase: 'diagnostic', toPhase: 'framing' })]));

  it('a pre-existing dynamic skips the diagnostic with a waiver (B1)', () =>
    given([proposed({ origin: 'preExisting', form: 'collective' })])
      .when(change('identification', 'framing', { waiver }))
      .then([event('CooperationPhaseChanged', { fromPhase: 'identification', toPhase: 'framing', waiver })]));

  it('skipping the diagnostic needs a pre-existing origin (B1)', () =>
    given([proposed({ origin: 'initiatedByFoundation' })]).when(change('identification', 'framing', { waiver })).thenThrows(Code.DiagnosticRequired, { origin: 'initiatedByFoundation', waiverGiven: true }));

  it('skipping the diagnostic needs a justified waiver even for a pre-existing dynamic (B1)', () => {
    given([proposed({ origin: 'preExisting' })]).when(change('identification', 'framing')).thenThrows(Code.DiagnosticRequired, { waiverGiven: false });
    given([proposed({ origin: 'preExisting' })]).when(change('identification', 'framing', { waiver: { rule: 'diagnosticRequired', justification: '  ' } })).thenThrows(Code.DiagnosticRequired);
  });

  it('→ consolidation needs a launched action (C2: actions do not exist yet, so this comes first)', () =>
    given(tecRoya).when(change('implementation', 'consolidation')).thenThrows(Code.NoActionLaunched));

  it('→ consolidation needs members from the programme’s minimum number of sectors (C2)', () =>
    expect(errorOf(() => changeCooperationPhase(change('implementation', 'consolidation'), withOneAction(tecRoya), testDirectory()))).toMatchObject({
      code: Code.InsufficientSectorDiversity,
      params: { required: 3, found: ['associative', 'foundation'] },
    }));

  it('→ consolidation is accepted once a company joins (C2)', () =>
    expect(changeCooperationPhase(change('implementation', 'consolidation'), withOneAction([...tecRoya, joined('org:acme')]), testDirectory())).toEqual([
      event('CooperationPhaseChanged', { fromPhase: 'implementation', toPhase: 'consolidation' }),
    ]));

  it('without a programme there is no sector rule', () =>
    expect(
      changeCooperationPhase(change('implementation', 'consolidation'), withOneAction([proposed(), joined('org:inter-made'), started()]), testDirectory()),
    ).toEqual([event('CooperationPhaseChanged', { fromPhase: 'implementation', toPhase: 'consolidation' })]));
});
