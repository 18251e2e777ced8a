import { Forbidden, getJson, type VerifyReport } from './api.js';
import { h } from './dom.js';
import { formatInstant, formatNumber, t } from './i18n.js';
import { section, type Child, type EventLabels } from './panel.js';

const term = (label: string, ...value: Child[]) => [h('dt', {}, label), h('dd', {}, ...value)];

/** The verdict in plain words: intact with the count, or where the chain breaks, why, and the two hashes. */
const verdictOf = (report: VerifyReport, labels: EventLabels): HTMLElement[] => {
  const { firstBreak } = report;
  if (report.ok || !firstBreak) {
    return [
      h('p', { class: 'verdict intact' }, report.eventsChecked === 1 ? t('chainIntactOne') : t('chainIntact', { n: formatNumber(report.eventsChecked) })),
      ...(report.unchainedEvents ? [h('p', { class: 'muted' }, t('unchained', { n: formatNumber(report.unchainedEvents) }))] : []),
    ];
  }
  return [
    h('p', { class: 'verdict broken' }, t(firstBreak.reason === 'copyMismatch' ? 'copyAltered' : 'chainBroken')),
    h('p', {}, t('checkedUpTo', { n: formatNumber(report.eventsChecked) })),
    h('dl', { class: 'break' },
      ...term(t('event'), labels.of(firstBreak.eventId, ''), ' ', h('code', {}, firstBreak.eventId)),
      ...term(t('revision'), String(firstBreak.revision)),
      ...term(t('reason'), t(firstBreak.reason)),
      ...(firstBreak.field ? term(t('field'), h('code', {}, firstBreak.field)) : []),
      ...term(t('expected'), h('code', {}, firstBreak.expected)),
      ...term(t('found'), firstBreak.found ? h('code', {}, firstBreak.found) : '—'),
    ),
  ];
};

/**
 * The hash chain of one stream, verified by the server (GET /audit/verify): `check` runs it again, from the
 * button or after a live update.
 */
export const verificationPanel = (streamId: string, labels: EventLabels): { element: HTMLElement; check: () => Promise<void> } => {
  const status = h('div', { id: 'verify-status', role: 'status' });
  const button = h('button', { type: 'button', id: 'recheck' }, t('recheck'));
  const check = async () => {
    button.disabled = true;
    status.setAttribute('aria-busy', 'true');
    try {
      const report = await getJson<VerifyReport>(`/audit/verify?streamId=${encodeURIComponent(streamId)}`);
      status.dataset.ok = String(report.ok);
      button.hidden = false;
      status.replaceChildren(...verdictOf(report, labels), h('p', { class: 'muted' }, t('checkedAt', { time: formatInstant(new Date().toISOString()) })));
    } catch (error) {
      delete status.dataset.ok;
      // A role that may not verify (403 AuditorOrAdminOnly) gets a note and no button, not an error.
      if (error instanceof Forbidden) {
        status.replaceChildren(h('p', { class: 'muted restricted' }, t('auditorsOnly')));
        button.hidden = true;
      } else {
        status.replaceChildren(h('p', { class: 'error' }, t('loadError')));
      }
    } finally {
      button.disabled = false;
      status.removeAttribute('aria-busy');
    }
  };
  button.addEventListener('click', () => {
    status.replaceChildren(h('p', {}, t('checking')));
    void check();
  });
  return { element: section('verification', t('verification'), status, button), check };
};
