import type { Cooperation } from './api.js';
import { h } from './dom.js';
import { formatDate, roleWithScope, t, v } from './i18n.js';
import { empty, table, tag } from './panel.js';

/**
 * The pieces of a cooperation's state (GET /cooperations/{id}), drawn the same way on its page (now) and on
 * its audit page (as the log held it at a record time).
 */
export const membersTable = (coop: Cooperation): HTMLTableElement =>
  table(
    [t('organisation'), t('membership'), t('roles'), t('since')],
    coop.members.map((m) => [m.name, v(m.membershipType), m.roles.map((r) => h('span', { class: 'tag', title: r.wording ?? '' }, roleWithScope(r))), formatDate(m.joinedOn)]),
  );

export const leadList = (coop: Cooperation): HTMLElement =>
  coop.lead.history.length
    ? h('ol', {}, ...coop.lead.history.map((l) => {
      const end = l.endedOn ? formatDate(l.endedOn) : l.to ? formatDate(l.to) : l.upcoming ? '…' : t('current');
      return h('li', {}, `${l.organisationName} — ${formatDate(l.from)} → ${end}${l.upcoming ? ` (${t('upcoming')})` : ''}`);
    }))
    : empty('noLead');

/** Each charter version past drafting with its signature progress; a charter still in drafting, with its status. */
export const charterList = (coop: Cooperation): HTMLElement =>
  coop.charters.length
    ? h('ul', {}, ...coop.charters.flatMap((c) => {
        const versions = c.versions.filter((x) => x.status !== 'draft');
        return versions.length
          ? versions.map((x) =>
              h('li', {}, `${c.title} — ${t('version')} ${x.version} (${v(x.status)}) `,
                h('progress', { max: String(x.signatureProgress.required), value: String(x.signatureProgress.signed), 'aria-label': `${x.signatureProgress.signed}/${x.signatureProgress.required} ${t('signatures')}` }),
                ` ${x.signatureProgress.signed}/${x.signatureProgress.required} ${t('signatures')}`))
          : [h('li', {}, `${c.title} — ${v(c.status)}`)];
      }))
    : empty('noCharter');

export const instanceList = (coop: Cooperation): HTMLElement =>
  coop.instances.length
    ? h('ul', {}, ...coop.instances.map((i) => h('li', {}, `${i.label} (${v(i.kind)}) — ${i.seats.length} ${t('seats')} : `, ...i.seats.map((s) => tag(s.holderName)))))
    : empty('noInstance');
