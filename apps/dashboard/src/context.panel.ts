import type { EventContext, EventRef } from './api.js';
import { h } from './dom.js';
import { formatInstant, t } from './i18n.js';
import { actorOf, instant, trailingTag, type Child, type EventLabels } from './panel.js';

/** An event of the command or of the correlation chain: when, which (its stream when not this one), by whom. */
const refItem = (ref: EventRef, context: EventContext, labels: EventLabels): HTMLLIElement =>
  h('li', { 'data-event': ref.eventId },
    instant(ref.recordedAt), ' — ',
    labels.of(ref.eventId, ref.type), ' ',
    h('span', { class: 'muted' },
      `(${ref.streamId === context.event.streamId ? t('revisionN', { revision: ref.revision }) : t('inStream', { stream: ref.streamId, revision: ref.revision })}, ${actorOf(ref.actor)})`),
    ref.eventId === context.event.eventId ? trailingTag(t('thisEvent')) : null,
  );

const sameEvents = (a: readonly { eventId: string }[], b: readonly { eventId: string }[]) =>
  a.length === b.length && a.every((ref, i) => ref.eventId === b[i]!.eventId);

const hashLine = (label: string, hash: string | undefined): Child[] => (hash ? [h('dt', {}, label), h('dd', {}, h('code', {}, hash))] : []);

/**
 * Why an event is in the log (GET /events/{eventId}): the command that recorded it, who sent it and when,
 * the other events it produced, what caused it, and every event sharing its correlation id; its hashes whole.
 */
export const contextOf = (context: EventContext, labels: EventLabels): HTMLElement => {
  const { event, command, causation, correlation } = context;
  return h('div', { class: 'event-context' },
    h('p', {}, command
      ? t('commandBy', { commandId: command.commandId, time: formatInstant(command.recordedAt), actor: actorOf(command.actor) })
      : t('noCommand')),
    h('dl', { class: 'hashes' },
      ...hashLine(t('hash'), event.metadata.hash),
      ...hashLine(t('previousHash'), event.metadata.previousHash),
      ...hashLine(t('commandHash'), command?.commandHash ?? event.metadata.commandHash),
    ),
    ...(command
      ? [h('h4', {}, t('commandEvents', { n: command.events.length })), h('ol', { class: 'command-events' }, ...command.events.map((ref) => refItem(ref, context, labels)))]
      : []),
    causation
      ? h('p', {}, causation.causedByEvent ? t('causedByEvent', { id: causation.causedByEvent }) : causation.causedByCommand ? t('causedByCommand') : '')
      : null,
    ...(correlation && !sameEvents(correlation.events, command?.events ?? [event])
      ? [
          h('h4', {}, t('correlationChain', { id: correlation.correlationId, n: correlation.events.length })),
          h('ol', { class: 'correlation' }, ...correlation.events.map((ref) => refItem(ref, context, labels))),
        ]
      : correlation ? [h('p', { class: 'correlation' }, t('correlationAlone', { id: correlation.correlationId }))] : []),
  );
};
