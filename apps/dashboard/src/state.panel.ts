import type { CharterVersion, Cooperation } from './api.js';
import { h } from './dom.js';
import { formatDate, roleWithScope, t, v } from './i18n.js';
import { detail, empty, namesOf, table, tag, type Names } from './panel.js';

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

/** « 5/5 signatures », with a progress bar that says the same to a screen reader. */
const signatureProgress = ({ signed, required }: CharterVersion['signatureProgress']): HTMLDivElement => {
  const label = `${signed}/${required} ${t('signatures')}`;
  return h('div', {}, h('progress', { max: String(required), value: String(signed), 'aria-label': label }), ` ${label}`);
};

/** « Banlieues Santé — Yassine Ennomany, Directeur (déc. 2025) »: who signed, in what capacity, when. */
const signatoryItem = (s: CharterVersion['signatures'][number], names: Names): HTMLLIElement =>
  h('li', {}, `${s.organisationName} — ${[names.person(s.signatoryPersonId), s.signatoryCapacity].filter(Boolean).join(', ')} (${formatDate(s.signedOn)})`);

const withdrawalItem = (w: CharterVersion['withdrawals'][number]): HTMLLIElement =>
  h('li', { class: 'muted' }, `${w.organisationName} — ${t('signatureWithdrawnOn', { date: formatDate(w.withdrawnOn) })}`);

/**
 * A version: its number and status, when it was adopted and came into force, who wrote it and what it changed (an
 * amendment's proposer and rationale), then, once past drafting or signed as a draft, its signature progress, who
 * signed and who took their signature back.
 */
const versionItem = (x: CharterVersion, names: Names): HTMLLIElement => {
  const { authorship: a } = x;
  const dates = [
    x.adoptedOn ? t('versionAdoptedOn', { date: formatDate(x.adoptedOn) }) : '',
    x.effectiveOn ? t('versionEffectiveOn', { date: formatDate(x.effectiveOn) }) : '',
  ].filter(Boolean).join(', ');
  const signers = [...x.signatures.map((s) => signatoryItem(s, names)), ...x.withdrawals.map(withdrawalItem)];
  return h('li', { 'data-version': String(x.version) },
    h('strong', {}, `${t('version')} ${x.version}`), ` (${v(x.status)})`,
    dates ? h('span', { class: 'muted' }, ` — ${dates}`) : null,
    detail(`${t(a.amendmentId ? 'amendmentProposedBy' : 'versionWrittenBy', { name: a.contributedByName })}${a.summary ? ` — ${a.summary}` : ''}`),
    a.sectionsChanged.length ? detail(t('sectionsChanged', { sections: a.sectionsChanged.join(', ') })) : null,
    a.rationale ? detail(t('amendmentRationale', { rationale: a.rationale })) : null,
    x.status !== 'draft' || x.signatures.length ? signatureProgress(x.signatureProgress) : null,
    signers.length ? h('ul', { class: 'signatories' }, ...signers) : null,
  );
};

/**
 * Each charter with its status and every version, drafts included, newest first: the charter register a member reads
 * (domain.md §10.1): the current version, the drafts and what changed, who has signed, what awaits signatures.
 */
export const charterList = (coop: Cooperation): HTMLElement => {
  const names = namesOf(coop);
  return coop.charters.length
    ? h('ul', { class: 'charters' }, ...coop.charters.map((c) =>
        h('li', { 'data-charter': c.charterId },
          `${c.title} — ${v(c.status)}`,
          c.versions.length ? h('ul', { class: 'versions' }, ...[...c.versions].reverse().map((x) => versionItem(x, names))) : null,
        )))
    : empty('noCharter');
};

export const instanceList = (coop: Cooperation): HTMLElement =>
  coop.instances.length
    ? h('ul', {}, ...coop.instances.map((i) => h('li', {}, `${i.label} (${v(i.kind)}) — ${i.seats.length} ${t('seats')} : `, ...i.seats.map((s) => tag(s.holderName)))))
    : empty('noInstance');
