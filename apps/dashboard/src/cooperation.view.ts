import { actionsPanel } from './actions.panel.js';
import { alertsPanel } from './alerts.panel.js';
import { getFile, getJson, type ActionsBoard, type Alert, type BusinessDate, type Cooperation, type DecisionLog, type IndicatorsView, type Ledger, type LiveUpdate, type TimelineItem } from './api.js';
import { decisionsPanel } from './decisions.panel.js';
import { h } from './dom.js';
import { indicatorsPanel } from './indicators.panel.js';
import { currentLang, formatBusinessDate, t, v } from './i18n.js';
import { ledgerPanel } from './ledger.panel.js';
import { coalesce } from './live.js';
import { auditHref, demoTag, namesOf, printButton, printedLine, section, tag } from './panel.js';
import { charterList, instanceList, leadList, membersTable } from './state.panel.js';

/** A timeline entry: its business date as the source gives it (« janv. 2025 → juin 2025 », « vers 2014 »), its label. */
const timelineItem = (item: { eventId: string; date: BusinessDate; label: string; demo: boolean }, fresh = false) =>
  h('li', { 'data-event': item.eventId, ...(fresh ? { class: 'new' } : {}) }, h('span', { class: 'muted' }, formatBusinessDate(item.date)), h('span', {}, item.label, demoTag(item.demo)));

/**
 * A button that downloads a file the API serves (the meetings calendar, the timeline as CSV): fetched with the
 * session's token, which a plain link could not send.
 */
const downloadButton = (className: string, label: () => string, url: () => string, accept: string): HTMLButtonElement => {
  const button = h('button', { type: 'button', class: className }, label());
  button.addEventListener('click', () => {
    button.disabled = true;
    getFile(url(), accept)
      .then(({ file, name }) => {
        // In the page while it is clicked, and its address kept a while: some browsers read the file after the click.
        const link = h('a', { href: URL.createObjectURL(file), download: name, hidden: '' });
        document.body.append(link);
        link.click();
        link.remove();
        setTimeout(() => URL.revokeObjectURL(link.href), 60_000);
        button.textContent = label();
      })
      .catch(() => {
        button.textContent = `${label()} — ${t('loadError')}`;
      })
      .finally(() => {
        button.disabled = false;
      });
  });
  return button;
};

/** The meetings as an iCalendar file (GET …/calendar), for a calendar application; the timeline as CSV, for a spreadsheet. */
const downloads = (path: string): HTMLButtonElement[] => [
  downloadButton('calendar-download', () => t('calendarDownload'), () => `${path}/calendar?lang=${currentLang()}`, 'text/calendar'),
  downloadButton('timeline-download', () => t('timelineDownload'), () => `${path}/timeline.csv?lang=${currentLang()}`, 'text/csv'),
];

/**
 * A cooperation: its alerts, members and roles, lead history, charter signatures, instances, decision log,
 * commitment ledger, actions and milestones, indicators and evaluations, and a live timeline. Each update redraws it
 * from the API, in place: the page's elements stay (its tools, each section, the timeline's live region) and only
 * their content is replaced, so keyboard focus on a button and what a screen reader follows are not lost at every update.
 */
export const renderCooperation = async (view: HTMLElement, id: string): Promise<(update: LiveUpdate) => void> => {
  const path = `/cooperations/${encodeURIComponent(id)}`;
  const title = h('h1');
  const about = h('div');
  const timeline = h('ol', { class: 'timeline', 'aria-live': 'polite', id: 'timeline' });
  let sections: HTMLElement[] | undefined;
  const draw = async () => {
    const lang = currentLang();
    const [coop, items, { alerts }, ledger, decisions, board, indicators] = await Promise.all([
      getJson<Cooperation>(path),
      getJson<{ items: TimelineItem[] }>(`${path}/timeline?lang=${lang}`),
      getJson<{ alerts: Alert[] }>(`${path}/alerts?lang=${lang}`),
      getJson<Ledger>(`${path}/commitments?lang=${lang}`),
      getJson<DecisionLog>(`${path}/decisions`),
      getJson<ActionsBoard>(`${path}/actions`),
      getJson<IndicatorsView>(`${path}/indicators`),
    ]);
    const names = namesOf(coop);
    const overdueMilestones = new Set(alerts.filter((a) => a.kind === 'milestoneOverdue').map((a) => a.subjectId));
    title.textContent = coop.name;
    about.replaceChildren(
      ...(coop.acronymExpansion ? [h('p', { class: 'muted' }, coop.acronymExpansion)] : []),
      h('p', {}, coop.purpose),
      h('p', {}, tag(v(coop.phase)), ...coop.territories.map((x) => tag(x.name))),
    );
    timeline.replaceChildren(...items.items.map((i) => timelineItem({ eventId: i.eventId, date: i.date, label: i.label, demo: i.assumedForDemo })));
    const fresh = [
      alertsPanel(alerts),
      section('members', t('membersAndRoles'), membersTable(coop)),
      section('lead', t('leadHistory'), leadList(coop)),
      section('charters', t('charters'), charterList(coop)),
      section('instances', t('instances'), instanceList(coop)),
      decisionsPanel(decisions, names),
      ledgerPanel(ledger, names),
      actionsPanel(board, names, overdueMilestones),
      indicatorsPanel(indicators, names),
    ];
    if (sections) {
      for (const [index, section] of fresh.entries()) sections[index]!.replaceChildren(...section.childNodes);
      return;
    }
    sections = fresh;
    view.replaceChildren(
      h('p', { class: 'page-tools' }, h('a', { href: '#/' }, t('back'))),
      title,
      printedLine(),
      h('p', { class: 'page-tools' }, h('a', { href: auditHref(id), class: 'audit-link' }, t('auditLink')), ...[...downloads(path), printButton()].flatMap((button) => [' · ', button])),
      about,
      ...sections,
      section('history', t('timeline'), timeline),
    );
  };
  await draw();
  const redraw = coalesce(draw);
  return (update) => {
    if (update.cooperationId !== id) return;
    // The new item appears at once, unless the page read it already (the feed starts where the read models are, and the
    // page reads them after subscribing); the sections are redrawn from the API right after.
    const { eventId, date, label } = update.timelineItem;
    if (!timeline.querySelector(`li[data-event="${CSS.escape(eventId)}"]`)) timeline.append(timelineItem({ eventId, date, label: label[currentLang()], demo: false }, true));
    redraw();
  };
};
