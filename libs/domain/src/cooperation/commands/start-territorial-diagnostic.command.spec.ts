import { describe, it } from '@jest/globals';
import { CooperationErrorCode as Code } from '../cooperation.errors.js';
import type { StartTerritorialDiagnostic } from './start-territorial-diagnostic.command.js';
import { citeesMembers, event, given, when } from '../../testing/fixtures.js';

const portrait: StartTerritorialDiagnostic['data'] = {
  diagnosticId: 'diag:portrait',
  method: 'portrait',
  leadOrganisationIds: ['org:banlieues-sante'],
  startedOn: '2026-02',
  plannedInterviews: { individual: 20, collective: 3 },
};
const start = (data: Partial<StartTerritorialDiagnostic['data']> = {}) => when('StartTerritorialDiagnostic', { ...portrait, ...data });
const running = event('TerritorialDiagnosticStarted', portrait);

describe('StartTerritorialDiagnostic', () => {
  it('records the diagnostic started by participants', () =>
    given(citeesMembers()).when(start()).then([event('TerritorialDiagnosticStarted', portrait)]));

  it('a diagnostic id is used once', () =>
    given([...citeesMembers(), running]).when(start({ method: 'needsInventory' })).thenThrows(Code.DiagnosticAlreadyExists, { diagnosticId: 'diag:portrait' }));

  it('every lead must be an active participant', () =>
    given(citeesMembers()).when(start({ leadOrganisationIds: ['org:banlieues-sante', 'org:onesight'] })).thenThrows(Code.DiagnosticLeadNotParticipant, { organisationId: 'org:onesight' }));

  it('one diagnostic per method at a time', () =>
    given([...citeesMembers(), running]).when(start({ diagnosticId: 'diag:portrait-2' })).thenThrows(Code.DiagnosticAlreadyInProgress, { method: 'portrait', diagnosticId: 'diag:portrait' }));

  it('another method may run alongside', () =>
    given([...citeesMembers(), running])
      .when(start({ diagnosticId: 'diag:needs', method: 'needsInventory' }))
      .then([event('TerritorialDiagnosticStarted', { ...portrait, diagnosticId: 'diag:needs', method: 'needsInventory' })]));

  it('the same method may run again once the first is completed', () =>
    given([...citeesMembers(), running, event('TerritorialDiagnosticCompleted', { diagnosticId: 'diag:portrait', completedOn: '2026-06', findings: {}, priorities: ['santé'] })])
      .when(start({ diagnosticId: 'diag:portrait-2' }))
      .then([event('TerritorialDiagnosticStarted', { ...portrait, diagnosticId: 'diag:portrait-2' })]));
});
