import type { Decision, DecisionLog } from './api.js';
import { h } from './dom.js';
import { formatDate, t, v } from './i18n.js';
import { decisionHref, demoTag, detail, empty, section, table, tag, type Child, type Names } from './panel.js';

type Meeting = DecisionLog['instances'][number]['meetings'][number];

const guestOf = (guest: { organisationId?: string; personId?: string; capacity?: string }, names: Names): string => {
  const name = guest.organisationId ? names.organisation(guest.organisationId) : guest.personId ? (names.person(guest.personId) ?? guest.personId) : undefined;
  return name ? (guest.capacity ? `${name} (${guest.capacity})` : name) : (guest.capacity ?? '—');
};

const personOf = (seat: { readonly personId?: string | null }, names: Names): HTMLDivElement | null => {
  const person = seat.personId ? names.person(seat.personId) : undefined;
  return person ? detail(person) : null;
};

const attendanceOf = (seat: { readonly present: boolean; readonly apologised: boolean }): HTMLSpanElement =>
  seat.present ? tag(t('present'), 'present') : seat.apologised ? tag(t('apologised'), 'apologised') : tag(t('absent'), 'absent');

type SeatShown = { readonly holderName: string; readonly personId?: string | null; readonly seatType: string; readonly present: boolean; readonly apologised: boolean };

/** Who held a seat on the meeting's date and whether they came, then its guests: the decision log's and a dossier's. */
export const whoSatAndCame = (
  composition: readonly SeatShown[],
  guests: readonly { organisationId?: string; personId?: string; capacity?: string }[],
  names: Names,
  date: string,
  attendance: (seat: SeatShown) => Child = attendanceOf,
): Child[] => [
  table([t('seat'), t('seatType'), t('attendance')], composition.map((seat) => [[seat.holderName, personOf(seat, names)], v(seat.seatType), attendance(seat)]), t('compositionOn', { date })),
  guests.length ? h('p', { class: 'muted' }, t('guests', { names: guests.map((guest) => guestOf(guest, names)).join(', ') })) : null,
];

/** How it was decided: its date, and the votes or the consensus. */
export const decidedHow = (d: Pick<Decision, 'decidedOn' | 'consensus'> & { votes?: Decision['votes'] | undefined }): string =>
  [formatDate(d.decidedOn), d.votes ? t('votes', { ...d.votes }) : d.consensus ? t('consensus') : ''].filter(Boolean).join(', ');

const decisionList = (cooperationId: string, decisions: readonly Decision[]): HTMLElement =>
  decisions.length
    ? h('ul', { class: 'decisions' }, ...decisions.map((d) =>
        h('li', { 'data-decision': d.decisionId },
          tag(v(d.outcome), `outcome ${d.outcome}`), ' ',
          h('strong', {}, v(d.subjectType)), ` — ${d.text} `,
          h('span', { class: 'muted' }, `(${decidedHow(d)})`),
          demoTag(d.assumedForDemo), ' ',
          h('a', { href: decisionHref(cooperationId, d.decisionId), class: 'dossier-link' }, t('dossierLink')),
        )))
    : empty('noDecision');

/** A meeting: who held a seat on its date and whether they came (the composition then, not now), and what it decided. */
const meetingBlock = (cooperationId: string, meeting: Meeting, names: Names): HTMLElement => {
  const date = formatDate(meeting.heldOn ?? meeting.scheduledFor);
  const held = meeting.status === 'held';
  return h('article', { class: 'meeting', 'data-meeting': meeting.meetingId },
    h('h4', {}, `${t('meetingOn', { date })} — ${v(meeting.status)}${meeting.location ? ` — ${meeting.location}` : ''}`, demoTag(meeting.assumedForDemo)),
    // What the meeting is to settle (§10.1: upcoming meetings with their agendas), or settled.
    meeting.agenda.length ? h('p', { class: 'agenda' }, t('agendaItems', { items: meeting.agenda.join(' · ') })) : null,
    ...whoSatAndCame(meeting.composition, meeting.guests, names, date, (seat) => (held ? attendanceOf(seat) : meeting.status === 'unrecorded' ? '—' : t('notHeldYet'))),
    decisionList(cooperationId, meeting.decisions),
  );
};

/** The decision log of each governance instance (domain.md §8.10 MeetingsAndDecisions). */
export const decisionsPanel = (log: DecisionLog, names: Names): HTMLElement =>
  section('decisions', t('decisions'),
    ...(log.instances.length
      ? log.instances.map((instance) =>
          h('article', { class: 'instance', 'data-instance': instance.instanceId },
            h('h3', {}, `${instance.label} `, h('span', { class: 'muted' }, `(${v(instance.kind)})`)),
            ...(instance.meetings.length || instance.writtenDecisions.length ? instance.meetings.map((m) => meetingBlock(log.cooperationId, m, names)) : [empty('noMeeting')]),
            ...(instance.writtenDecisions.length ? [h('h4', {}, t('writtenDecisions')), decisionList(log.cooperationId, instance.writtenDecisions)] : []),
          ))
      : [empty('noInstance')]),
  );
