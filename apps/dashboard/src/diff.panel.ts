import type { CooperationDiff } from './api.js';
import { h } from './dom.js';
import { formatDate, formatInstant, roleWithScope, t, v, type LabelKey } from './i18n.js';
import { eventCells, eventHeaders, table, type EventLabels } from './panel.js';

const period = (from: string, end?: string) => `${formatDate(from)} → ${end ? formatDate(end) : '…'}`;

const signatureLine = (s: CooperationDiff['signatures'][number]) => `${s.title}, ${t('version').toLowerCase()} ${s.version} : ${s.organisationName} (${formatDate(s.signedOn)})`;

/** Each kind of change as readable lines; a kind with none is left out. */
const changesOf = (diff: CooperationDiff): [LabelKey, string[]][] => [
  ['phaseChange', diff.phase ? [`${v(diff.phase.from)} → ${v(diff.phase.to)}`] : []],
  ['membersJoined', diff.membersJoined.map((m) => `${m.name} (${formatDate(m.joinedOn)})`)],
  ['membersLeft', diff.membersLeft.map((m) => `${m.name}${m.leftOn ? ` (${formatDate(m.leftOn)})` : ''}`)],
  ['rolesAssigned', diff.rolesAssigned.map((r) => `${r.organisationName} — ${roleWithScope(r)}, ${period(r.from, r.to)}`)],
  ['rolesEnded', diff.rolesEnded.map((r) => `${r.organisationName} — ${roleWithScope(r)}, ${t('endedOn', { date: formatDate(r.endedOn ?? r.to ?? r.from) })}`)],
  ['seatsAssigned', diff.seatsAssigned.map((s) => `${s.instanceLabel} : ${s.holderName} (${v(s.seatType)})`)],
  ['seatsVacated', diff.seatsVacated.map((s) => `${s.instanceLabel} : ${s.holderName} (${v(s.seatType)})`)],
  ['newSignatures', diff.signatures.map(signatureLine)],
  ['signaturesWithdrawn', diff.signaturesWithdrawn.map(signatureLine)],
  ['charterStatus', diff.charters.map((c) => `${c.title} : ${v(c.previousStatus ?? 'none')} → ${v(c.status)}`)],
];

/** What changed between two record times (GET /cooperations/{id}/diff) and the events recorded in between. */
export const diffBlock = (diff: CooperationDiff, labels: EventLabels): HTMLElement => {
  const changes = changesOf(diff).filter(([, lines]) => lines.length);
  return h('div', { class: 'diff' },
    h('h3', {}, t('changesBetween', { from: formatInstant(diff.from), to: formatInstant(diff.to), fromRevision: diff.fromRevision ?? '—', toRevision: diff.toRevision })),
    ...(changes.length
      ? changes.map(([key, lines]) => h('div', { 'data-change': key }, h('h4', {}, t(key)), h('ul', {}, ...lines.map((line) => h('li', {}, line)))))
      : [h('p', { class: 'muted' }, t('noChange'))]),
    h('h4', {}, t('eventsBetween', { n: diff.events.length })),
    diff.events.length ? table(eventHeaders(), diff.events.map((e) => eventCells(e, labels))) : null,
  );
};
