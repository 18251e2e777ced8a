import { getJson, type LiveUpdate, type TimelineItem } from './api.js';
import { h } from './dom.js';
import { currentLang, formatDate, t, v } from './i18n.js';

interface Role { role: string; scope?: string; wording?: string }
interface Cooperation {
  cooperationId: string;
  name: string;
  acronymExpansion?: string;
  purpose: string;
  phase: string;
  territories: { name: string }[];
  members: { organisationId: string; name: string; membershipType: string; joinedOn: string; roles: Role[] }[];
  lead: { history: { organisationName: string; from: string; endedOn?: string; to?: string }[] };
  charters: { title: string; status: string; versions: { version: number; status: string; signatureProgress: { signed: number; required: number }; signatures: { organisationName: string }[] }[] }[];
  instances: { label: string; kind: string; status: string; seats: { holderName: string; seatType: string }[] }[];
}

const timelineItem = (item: { date: string; label: string; demo: boolean }, fresh = false) =>
  h('li', fresh ? { class: 'new' } : {}, h('span', { class: 'muted' }, formatDate(item.date)), h('span', {}, item.label, item.demo ? h('span', { class: 'tag demo' }, t('demo')) : null));

const section = (title: string, ...content: (Node | null)[]) => h('section', {}, h('h2', {}, title), ...content);

/** A cooperation: members and roles, lead history, charter signatures, instances and a live timeline. */
export const renderCooperation = async (main: HTMLElement, id: string): Promise<(update: LiveUpdate) => void> => {
  const draw = async () => {
    const [coop, timeline] = await Promise.all([
      getJson<Cooperation>(`/cooperations/${encodeURIComponent(id)}`),
      getJson<{ items: TimelineItem[] }>(`/cooperations/${encodeURIComponent(id)}/timeline?lang=${currentLang()}`),
    ]);
    const list = h('ol', { class: 'timeline', 'aria-live': 'polite', id: 'timeline' }, ...timeline.items.map((i) => timelineItem({ date: i.date.date, label: i.label, demo: i.assumedForDemo })));
    main.replaceChildren(
      h('p', {}, h('a', { href: '#/' }, t('back'))),
      h('h1', {}, coop.name),
      ...(coop.acronymExpansion ? [h('p', { class: 'muted' }, coop.acronymExpansion)] : []),
      h('p', {}, coop.purpose),
      h('p', {}, h('span', { class: 'tag' }, v(coop.phase)), ...coop.territories.map((x) => h('span', { class: 'tag' }, x.name))),
      section(
        t('membersAndRoles'),
        h('table', {},
          h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('organisation')), h('th', { scope: 'col' }, t('membership')), h('th', { scope: 'col' }, t('roles')), h('th', { scope: 'col' }, t('since')))),
          h('tbody', {}, ...coop.members.map((m) => h('tr', {}, h('td', {}, m.name), h('td', {}, v(m.membershipType)),
            h('td', {}, ...m.roles.map((r) => h('span', { class: 'tag', title: r.wording ?? '' }, `${v(r.role)}${r.scope ? ` (${r.scope})` : ''}`))), h('td', {}, formatDate(m.joinedOn))))),
        ),
      ),
      section(
        t('leadHistory'),
        coop.lead.history.length
          ? h('ol', {}, ...coop.lead.history.map((l) => h('li', {}, `${l.organisationName} — ${formatDate(l.from)} → ${l.endedOn ? formatDate(l.endedOn) : l.to ? formatDate(l.to) : t('current')}`)))
          : h('p', { class: 'muted' }, t('noLead')),
      ),
      section(
        t('charters'),
        coop.charters.length
          ? h('ul', {}, ...coop.charters.flatMap((c) => c.versions.filter((x) => x.status !== 'draft').map((x) =>
              h('li', {}, `${c.title} — ${t('version')} ${x.version} (${v(x.status)}) `,
                h('progress', { max: String(x.signatureProgress.required), value: String(x.signatureProgress.signed), 'aria-label': `${x.signatureProgress.signed}/${x.signatureProgress.required} ${t('signatures')}` }),
                ` ${x.signatureProgress.signed}/${x.signatureProgress.required} ${t('signatures')}`))))
          : h('p', { class: 'muted' }, t('noCharter')),
      ),
      section(
        t('instances'),
        coop.instances.length
          ? h('ul', {}, ...coop.instances.map((i) => h('li', {}, `${i.label} (${v(i.kind)}) — ${i.seats.length} ${t('seats')} : `, ...i.seats.map((s) => h('span', { class: 'tag' }, s.holderName)))))
          : h('p', { class: 'muted' }, t('noInstance')),
      ),
      section(t('timeline'), list),
    );
  };
  await draw();
  return (update) => {
    if (update.cooperationId !== id) return;
    // The new item appears at once; the sections are redrawn from the API right after.
    document.getElementById('timeline')?.append(timelineItem({ date: update.timelineItem.date?.date ?? update.timelineItem.recordedAt.slice(0, 10), label: update.timelineItem.label[currentLang()], demo: false }, true));
    void draw();
  };
};
