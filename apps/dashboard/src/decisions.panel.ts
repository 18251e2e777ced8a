import type { Decision, DecisionLog } from './api.js';
import { h } from './dom.js';
import { formatDate, t, v } from './i18n.js';
import { demoTag, detail, empty, section, table, tag, type Names } from './panel.js';

type Meeting = DecisionLog['instances'][number]['meetings'][number];
type Seat = Meeting['composition'][number];

const guestOf = (guest: Meeting['guests'][number], names: Names): string => {
  const name = guest.organisationId ? names.organisation(guest.organisationId) : guest.personId ? (names.person(guest.personId) ?? guest.personId) : undefined;
  return name ? `${name} (${guest.capacity})` : guest.capacity;
};

const personOf = (seat: Seat, names: Names): HTMLDivElement | null => {
  const person = seat.personId ? names.person(seat.personId) : undefined;
  return person ? detail(person) : null;
};

const attendanceOf = (seat: Seat): HTMLSpanElement =>
  seat.present ? tag(t('present'), 'present') : seat.apologised ? tag(t('apologised'), 'apologised') : tag(t('absent'), 'absent');

const decisionList = (decisions: readonly Decision[]): HTMLElement =>
  decisions.length
    ? h('ul', { class: 'decisions' }, ...decisions.map((d) =>
        h('li', { 'data-decision': d.decisionId },
          tag(v(d.outcome), `outcome ${d.outcome}`), ' ',
          h('strong', {}, v(d.subjectType)), ` — ${d.text} `,
          h('span', { class: 'muted' }, `(${[formatDate(d.decidedOn), d.votes ? t('votes', { ...d.votes }) : d.consensus ? t('consensus') : ''].filter(Boolean).join(', ')})`),
          demoTag(d.assumedForDemo),
        )))
    : empty('noDecision');

/** A meeting: who held a seat on its date and whether they came (the composition then, not now), and what it decided. */
const meetingBlock = (meeting: Meeting, names: Names): HTMLElement => {
  const date = formatDate(meeting.heldOn ?? meeting.scheduledFor);
  const held = meeting.status === 'held';
  return h('article', { class: 'meeting', 'data-meeting': meeting.meetingId },
    h('h4', {}, `${t('meetingOn', { date })} — ${v(meeting.status)}${meeting.location ? ` — ${meeting.location}` : ''}`, demoTag(meeting.assumedForDemo)),
    table(
      [t('seat'), t('seatType'), t('attendance')],
      meeting.composition.map((seat) => [
        [seat.holderName, personOf(seat, names)],
        v(seat.seatType),
        held ? attendanceOf(seat) : t('notHeldYet'),
      ]),
      t('compositionOn', { date }),
    ),
    meeting.guests.length ? h('p', { class: 'muted' }, t('guests', { names: meeting.guests.map((guest) => guestOf(guest, names)).join(', ') })) : null,
    decisionList(meeting.decisions),
  );
};

/** The decision log of each governance instance (domain.md §8.10 MeetingsAndDecisions). */
export const decisionsPanel = (log: DecisionLog, names: Names): HTMLElement =>
  section('decisions', t('decisions'),
    ...(log.instances.length
      ? log.instances.map((instance) =>
          h('article', { class: 'instance', 'data-instance': instance.instanceId },
            h('h3', {}, `${instance.label} `, h('span', { class: 'muted' }, `(${v(instance.kind)})`)),
            ...(instance.meetings.length || instance.writtenDecisions.length ? instance.meetings.map((m) => meetingBlock(m, names)) : [empty('noMeeting')]),
            ...(instance.writtenDecisions.length ? [h('h4', {}, t('writtenDecisions')), decisionList(instance.writtenDecisions)] : []),
          ))
      : [empty('noInstance')]),
  );
