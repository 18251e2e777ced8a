import { describe, it } from '@jest/globals';
import { CooperationErrorCode as Code } from '../cooperation.errors.js';
import type { CompleteTerritorialDiagnostic } from './complete-territorial-diagnostic.command.js';
import { businessDate } from '../../shared/business-date.js';
import { citeesMembers, event, given, when } from '../../testing/fixtures.js';

const started = event('TerritorialDiagnosticStarted', { diagnosticId: 'diag:needs', method: 'needsInventory', leadOrganisationIds: ['org:banlieues-sante'], startedOn: '2025' });
const report = {
  diagnosticId: 'diag:needs',
  completedOn: '2025-09',
  findings: { tangibleVulnerabilities: ['profondes inégalités de santé'], feltVulnerabilities: [] },
  priorities: [],
  reportRef: 'rapport-diagnostic.pdf',
} satisfies CompleteTerritorialDiagnostic['data'];
const complete = (data: Partial<CompleteTerritorialDiagnostic['data']> = {}) => when('CompleteTerritorialDiagnostic', { ...report, ...data });

describe('CompleteTerritorialDiagnostic', () => {
  it('records the findings of a running diagnostic', () =>
    given([...citeesMembers(), started]).when(complete()).then([event('TerritorialDiagnosticCompleted', report)]));

  it('priorities alone are enough content', () =>
    given([...citeesMembers(), started])
      .when(complete({ findings: {}, priorities: ['accès aux soins'] }))
      .then([event('TerritorialDiagnosticCompleted', { ...report, findings: {}, priorities: ['accès aux soins'] })]));

  it('without completedOn (domain.md E07 names no date), the completion is dated by occurredAt, else the record day', () => {
    const { completedOn: _date, ...undated } = report;
    given([...citeesMembers(), started]).when(when('CompleteTerritorialDiagnostic', undated, businessDate('2025-10'))).then([event('TerritorialDiagnosticCompleted', { ...report, completedOn: '2025-10' })]);
    given([...citeesMembers(), started]).when(when('CompleteTerritorialDiagnostic', undated)).then([event('TerritorialDiagnosticCompleted', { ...report, completedOn: '2026-11-23' })]);
  });

  it('a diagnostic must have been started', () =>
    given(citeesMembers()).when(complete()).thenThrows(Code.DiagnosticNotStarted, { diagnosticId: 'diag:needs' }));

  it('a diagnostic is completed once', () =>
    given([...citeesMembers(), started, event('TerritorialDiagnosticCompleted', report)]).when(complete({ completedOn: '2025-10' })).thenThrows(Code.DiagnosticAlreadyCompleted));

  it('findings and priorities cannot both be empty', () =>
    given([...citeesMembers(), started])
      .when(complete({ findings: { ideas: [], localCulture: '  ', cooperativeMaturity: { level: '' }, resources: { community: [] } }, priorities: [] }))
      .thenThrows(Code.DiagnosticFindingsEmpty, { diagnosticId: 'diag:needs' }));
});
