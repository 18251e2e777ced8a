import { alertsPanel } from './alerts.panel.js';
import { getJson, type ActivityItem, type Alert, type CooperationSummary, type LiveUpdate } from './api.js';
import { h } from './dom.js';
import { currentLang, formatDate, t, v } from './i18n.js';
import { coalesce } from './live.js';
import { cooperationHref } from './panel.js';

const row = (c: CooperationSummary): HTMLTableRowElement =>
  h(
    'tr',
    { 'data-cooperation': c.cooperationId },
    h('td', {}, h('a', { href: cooperationHref(c.cooperationId) }, c.name)),
    h('td', {}, c.territories.map((x) => x.name).join(', ')),
    h('td', {}, v(c.form)),
    h('td', {}, v(c.phase)),
    h('td', { 'data-field': 'members' }, String(c.membersCount)),
    h('td', {}, v(c.charterStatus)),
    h('td', { class: 'muted' }, formatDate(c.lastActivity.recordedOn)),
  );

const getDashboard = () => getJson<{ alerts: Alert[]; recentActivity: ActivityItem[] }>(`/dashboard?lang=${currentLang()}`);

/** As many lines as GET /dashboard gives: the feed does not grow without end on a page left open. */
const FEED_LENGTH = 20;

/** The list of cooperations with live counters, the alerts across cooperations and a live activity feed. */
export const renderList = async (view: HTMLElement): Promise<(update: LiveUpdate) => void> => {
  const [{ cooperations }, { alerts, recentActivity }] = await Promise.all([getJson<{ cooperations: CooperationSummary[] }>('/cooperations'), getDashboard()]);
  const names = new Map(cooperations.map((c) => [c.cooperationId, c.name]));
  const nameOf = (id: string) => names.get(id) ?? id;
  const alertsSection = alertsPanel(alerts, nameOf);
  // The section stays in place (a landmark for assistive technology); only its content is redrawn.
  const refreshAlerts = coalesce(async () => alertsSection.replaceChildren(...alertsPanel((await getDashboard()).alerts, nameOf).childNodes));
  // Each cooperation's phase, kept as live updates bring summaries: the figures « par phase » are counted from it.
  const phases = new Map(cooperations.map((c) => [c.cooperationId, c.phase]));
  const figures = h('div', { class: 'figures', 'aria-label': t('phase') });
  const countByPhase = () => {
    const byPhase = new Map<string, number>();
    for (const phase of phases.values()) byPhase.set(phase, (byPhase.get(phase) ?? 0) + 1);
    figures.replaceChildren(...[...byPhase].map(([phase, n]) => h('div', { class: 'figure', 'data-phase': phase }, h('strong', {}, String(n)), v(phase))));
  };
  countByPhase();
  const body = h('tbody', {}, ...cooperations.map(row));
  // What the log recorded last, then what arrives live; an update the page was given while drawing may be listed already.
  const shownEvents = new Set(recentActivity.map((item) => item.eventId));
  const activity = (eventId: string, cooperationId: string, { recordedAt, recordedOn }: { recordedAt: string; recordedOn: string }, label: string, fresh: boolean) =>
    h('li', { 'data-event': eventId, 'data-recorded-at': recordedAt, ...(fresh ? { class: 'new' } : {}) }, h('span', { class: 'muted' }, formatDate(recordedOn)), h('span', {}, `${nameOf(cooperationId)} — ${label}`));
  /**
   * A full feed already reaches back past an update recorded by its last line's time and not listed: the page's read
   * was newer than where its live feed started (the read models moved on in between), and the update is one it left
   * out. At the same time (the events of one command share it), such an update came before that line in the log.
   */
  const olderThanFeed = (recordedAt: string) => feed.children.length >= FEED_LENGTH && recordedAt <= (feed.lastElementChild?.getAttribute('data-recorded-at') ?? '');
  const feed = h('ol', { class: 'timeline', 'aria-live': 'polite' }, ...recentActivity.map((item) => activity(item.eventId, item.cooperationId, item, item.label, false)));
  const empty = h('p', { class: 'muted' }, t('nothingYet'));
  view.replaceChildren(
    h('h1', {}, t('cooperations')),
    figures,
    alertsSection,
    cooperations.length
      ? h('table', {}, h('thead', {}, h('tr', {}, ...(['name', 'territory', 'form', 'phase', 'members', 'charter', 'lastActivity'] as const).map((k) => h('th', { scope: 'col' }, t(k))))), body)
      : h('p', {}, t('noCooperation')),
    h('h2', {}, t('recentActivity')),
    ...(recentActivity.length ? [] : [empty]),
    feed,
  );
  return (update) => {
    if (update.summary) {
      names.set(update.cooperationId, update.summary.name);
      phases.set(update.cooperationId, update.summary.phase);
      countByPhase();
      const fresh = row(update.summary);
      fresh.classList.add('updated');
      const existing = body.querySelector(`tr[data-cooperation="${CSS.escape(update.cooperationId)}"]`);
      if (existing) existing.replaceWith(fresh);
      else body.prepend(fresh);
    }
    if (!shownEvents.has(update.timelineItem.eventId) && !olderThanFeed(update.timelineItem.recordedAt)) {
      shownEvents.add(update.timelineItem.eventId);
      empty.remove();
      feed.prepend(activity(update.timelineItem.eventId, update.cooperationId, update.timelineItem, update.timelineItem.label[currentLang()], true));
      for (let last = feed.lastElementChild; feed.children.length > FEED_LENGTH && last; last = feed.lastElementChild) {
        shownEvents.delete(last.getAttribute('data-event')!);
        last.remove();
      }
    }
    refreshAlerts();
  };
};
