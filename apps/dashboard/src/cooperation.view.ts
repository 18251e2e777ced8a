import { actionsPanel } from './actions.panel.js';
import { alertsPanel } from './alerts.panel.js';
import { getJson, type ActionsBoard, type Alert, type DecisionLog, type Ledger, type LiveUpdate, type TimelineItem } from './api.js';
import { decisionsPanel } from './decisions.panel.js';
import { h } from './dom.js';
import { currentLang, formatDate, t, v } from './i18n.js';
import { ledgerPanel } from './ledger.panel.js';
import { coalesce } from './live.js';
import { demoTag, empty, section, table, tag, type Names } from './panel.js';

interface Role { role: string; scope?: string; wording?: string }
interface Cooperation {
  cooperationId: string;
  name: string;
  acronymExpansion?: string;
  purpose: string;
  phase: string;
  territories: { name: string }[];
  members: { organisationId: string; name: string; membershipType: string; joinedOn: string; roles: Role[] }[];
  formerMembers: { organisationId: string; name: string }[];
  representatives: { personId: string; personName: string }[];
  lead: { history: { organisationName: string; from: string; endedOn?: string; to?: string }[] };
  charters: { title: string; status: string; versions: { version: number; status: string; signatureProgress: { signed: number; required: number }; signatures: { organisationName: string }[] }[] }[];
  instances: { label: string; kind: string; status: string; seats: { holderName: string; seatType: string }[] }[];
}

const namesOf = (coop: Cooperation): Names => {
  const organisations = new Map([...coop.formerMembers, ...coop.members].map((m) => [m.organisationId, m.name]));
  const people = new Map(coop.representatives.map((r) => [r.personId, r.personName]));
  return { organisation: (id) => organisations.get(id) ?? id, person: (id) => people.get(id) };
};

const timelineItem = (item: { date: string; label: string; demo: boolean }, fresh = false) =>
  h('li', fresh ? { class: 'new' } : {}, h('span', { class: 'muted' }, formatDate(item.date)), h('span', {}, item.label, demoTag(item.demo)));

/**
 * A cooperation: its alerts, members and roles, lead history, charter signatures, instances, decision
 * log, commitment ledger, actions and milestones, and a live timeline. Each update redraws it from the API.
 */
export const renderCooperation = async (view: HTMLElement, id: string): Promise<(update: LiveUpdate) => void> => {
  const path = `/cooperations/${encodeURIComponent(id)}`;
  const draw = async () => {
    const lang = currentLang();
    const [coop, timeline, { alerts }, ledger, decisions, board] = await Promise.all([
      getJson<Cooperation>(path),
      getJson<{ items: TimelineItem[] }>(`${path}/timeline?lang=${lang}`),
      getJson<{ alerts: Alert[] }>(`${path}/alerts?lang=${lang}`),
      getJson<Ledger>(`${path}/commitments?lang=${lang}`),
      getJson<DecisionLog>(`${path}/decisions`),
      getJson<ActionsBoard>(`${path}/actions`),
    ]);
    const names = namesOf(coop);
    const overdueMilestones = new Set(alerts.filter((a) => a.kind === 'milestoneOverdue').map((a) => a.subjectId));
    view.replaceChildren(
      h('p', {}, h('a', { href: '#/' }, t('back'))),
      h('h1', {}, coop.name),
      ...(coop.acronymExpansion ? [h('p', { class: 'muted' }, coop.acronymExpansion)] : []),
      h('p', {}, coop.purpose),
      h('p', {}, tag(v(coop.phase)), ...coop.territories.map((x) => tag(x.name))),
      alertsPanel(alerts),
      section('members', t('membersAndRoles'),
        table(
          [t('organisation'), t('membership'), t('roles'), t('since')],
          coop.members.map((m) => [m.name, v(m.membershipType), m.roles.map((r) => h('span', { class: 'tag', title: r.wording ?? '' }, `${v(r.role)}${r.scope ? ` (${r.scope})` : ''}`)), formatDate(m.joinedOn)]),
        ),
      ),
      section('lead', t('leadHistory'),
        coop.lead.history.length
          ? h('ol', {}, ...coop.lead.history.map((l) => h('li', {}, `${l.organisationName} — ${formatDate(l.from)} → ${l.endedOn ? formatDate(l.endedOn) : l.to ? formatDate(l.to) : t('current')}`)))
          : empty('noLead'),
      ),
      section('charters', t('charters'),
        coop.charters.length
          ? h('ul', {}, ...coop.charters.flatMap((c) => c.versions.filter((x) => x.status !== 'draft').map((x) =>
              h('li', {}, `${c.title} — ${t('version')} ${x.version} (${v(x.status)}) `,
                h('progress', { max: String(x.signatureProgress.required), value: String(x.signatureProgress.signed), 'aria-label': `${x.signatureProgress.signed}/${x.signatureProgress.required} ${t('signatures')}` }),
                ` ${x.signatureProgress.signed}/${x.signatureProgress.required} ${t('signatures')}`))))
          : empty('noCharter'),
      ),
      section('instances', t('instances'),
        coop.instances.length
          ? h('ul', {}, ...coop.instances.map((i) => h('li', {}, `${i.label} (${v(i.kind)}) — ${i.seats.length} ${t('seats')} : `, ...i.seats.map((s) => tag(s.holderName)))))
          : empty('noInstance'),
      ),
      decisionsPanel(decisions, names),
      ledgerPanel(ledger, names),
      actionsPanel(board, names, overdueMilestones),
      section('history', t('timeline'),
        h('ol', { class: 'timeline', 'aria-live': 'polite', id: 'timeline' }, ...timeline.items.map((i) => timelineItem({ date: i.date.date, label: i.label, demo: i.assumedForDemo })))),
    );
  };
  await draw();
  const redraw = coalesce(draw);
  return (update) => {
    if (update.cooperationId !== id) return;
    // The new item appears at once; the sections are redrawn from the API right after.
    view.querySelector('#timeline')?.append(timelineItem({ date: update.timelineItem.date?.date ?? update.timelineItem.recordedAt.slice(0, 10), label: update.timelineItem.label[currentLang()], demo: false }, true));
    redraw();
  };
};
