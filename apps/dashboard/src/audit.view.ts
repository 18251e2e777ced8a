import { getJson, type Cooperation, type LiveUpdate, type TimelineItem } from './api.js';
import { asOfPanel } from './as-of.panel.js';
import { correctionsPanel } from './corrections.panel.js';
import { h } from './dom.js';
import { currentLang, t } from './i18n.js';
import { historyPanel } from './history.panel.js';
import { coalesce } from './live.js';
import { cooperationHref, EventLabels, printButton, printedLine } from './panel.js';
import { verificationPanel } from './verification.panel.js';

/**
 * The auditor's view of a cooperation: its hash chain verified, its corrections, its state at any record time
 * and what changed since, and its whole history with actors, provenance, hashes and each event's decision
 * context. `asOf` (from the address) opens the page on that state, and `remember` hears each state shown. A live
 * update re-verifies the chain and adds what was recorded.
 */
export const renderAudit = async (view: HTMLElement, id: string, asOf: string | undefined, remember: (asOf: string) => void): Promise<(update: LiveUpdate) => void> => {
  const path = `/cooperations/${encodeURIComponent(id)}`;
  const labels = new EventLabels();
  const fetchState = async () => {
    const [coop, timeline] = await Promise.all([getJson<Cooperation>(path), getJson<{ items: TimelineItem[] }>(`${path}/timeline?lang=${currentLang()}`)]);
    labels.learn(timeline.items);
    return coop;
  };
  let coop = await fetchState();
  const verification = verificationPanel(`cooperation-${id}`, labels);
  const corrections = correctionsPanel(coop.corrections, labels);
  const events = historyPanel(path, () => coop.revision + 1, labels);
  const state = asOfPanel(path, labels, remember);
  await Promise.all([verification.check(), events.load(), asOf ? state.show(asOf) : undefined]);
  view.replaceChildren(
    h('p', { class: 'page-tools' }, h('a', { href: cooperationHref(id) }, t('backToCooperation')), ' · ', printButton()),
    h('h1', {}, t('auditTitle', { name: coop.name })),
    printedLine(),
    h('p', { class: 'muted' }, t('auditIntro')),
    verification.element,
    corrections,
    state.element,
    events.element,
  );
  const refresh = coalesce(async () => {
    coop = await fetchState();
    corrections.replaceChildren(...correctionsPanel(coop.corrections, labels).childNodes);
    await Promise.all([verification.check(), events.catchUp()]);
  });
  return (update) => {
    if (update.cooperationId === id) refresh();
  };
};
