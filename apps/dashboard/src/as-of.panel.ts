import { getJson, NotFound, type Cooperation, type CooperationDiff } from './api.js';
import { diffBlock } from './diff.panel.js';
import { h } from './dom.js';
import { formatDate, formatInstant, t, v } from './i18n.js';
import { section, tag, type EventLabels } from './panel.js';
import { charterList, instanceList, leadList, membersTable } from './state.panel.js';

/** The picker's value (a date-time without zone, read as UTC) as the API's ISO instant, and back. */
const toInstant = (value: string): string => `${value}Z`;
const toPicker = (iso: string): string => iso.replace(/Z$/, '').slice(0, 23);

const part = (title: string, content: HTMLElement) => h('div', {}, h('h4', {}, title), content);

/** The state's members and roles, lead, charters and instances, under its heading: what either question shows. */
const stateParts = (heading: string, coop: Cooperation, ...after: HTMLElement[]): HTMLElement[] => [
  h('h3', {}, heading),
  h('p', {}, tag(v(coop.phase)), ' ', t('leadThen', { name: coop.lead.current?.organisationName ?? t('nobody') })),
  part(t('membersAndRoles'), membersTable(coop)),
  part(t('leadHistory'), leadList(coop)),
  part(t('charters'), charterList(coop)),
  part(t('instances'), instanceList(coop)),
  ...after,
];

/**
 * The cooperation as the log held it at a record time (GET /cooperations/{id}?asOf=), drawn with the
 * cooperation page's pieces, and « Qu’est-ce qui a changé depuis ? » (GET /cooperations/{id}/diff?from=); or as it
 * stood on a business day, as the log now reads (GET /cooperations/{id}?on=, domain.md §10.2).
 * `onShown` hears each instant shown (the page keeps it in its address).
 */
export const asOfPanel = (path: string, labels: EventLabels, onShown: (asOf: string) => void) => {
  const input = h('input', { id: 'as-of-input', type: 'datetime-local', step: '0.001', required: '' });
  input.value = toPicker(new Date().toISOString());
  const result = h('div', { id: 'as-of-result', 'aria-live': 'polite' });
  const form = h('form', { class: 'as-of' },
    h('label', { for: 'as-of-input' }, t('asOfInput')), ' ', input, ' ',
    h('button', { type: 'submit' }, t('showState')),
  );
  const dayInput = h('input', { id: 'on-input', type: 'date', required: '' });
  const dayForm = h('form', { class: 'as-of', id: 'on-form' },
    h('label', { for: 'on-input' }, t('onInput')), ' ', dayInput, ' ',
    h('button', { type: 'submit' }, t('showState')),
  );

  /** The state fetched at `query`, or the line saying why there is none (`absent`: a 404's reason). */
  const fetchState = async (query: string, absent: string): Promise<Cooperation | undefined> => {
    result.replaceChildren(h('p', { class: 'muted' }, t('loading')));
    try {
      return await getJson<Cooperation>(`${path}?${query}`);
    } catch (error) {
      result.replaceChildren(h('p', { class: error instanceof NotFound ? 'muted' : 'error' }, error instanceof NotFound ? absent : t('loadError')));
      return undefined;
    }
  };

  const showDiff = async (from: string, place: HTMLElement) => {
    place.replaceChildren(h('p', { class: 'muted' }, t('loading')));
    try {
      place.replaceChildren(diffBlock(await getJson<CooperationDiff>(`${path}/diff?from=${encodeURIComponent(from)}`), labels));
    } catch {
      place.replaceChildren(h('p', { class: 'error' }, t('loadError')));
    }
  };

  const show = async (asOf: string) => {
    input.value = toPicker(asOf);
    const coop = await fetchState(`asOf=${encodeURIComponent(asOf)}`, t('notYetRecorded'));
    if (!coop) return;
    const instant = coop.asOf ?? asOf;
    input.value = toPicker(instant);
    const diff = h('div', { id: 'diff', 'aria-live': 'polite' });
    const button = h('button', { type: 'button', id: 'what-changed' }, t('whatChanged'));
    button.addEventListener('click', () => void showDiff(instant, diff));
    result.replaceChildren(...stateParts(t('stateAsOf', { time: formatInstant(instant), revision: coop.revision }), coop, h('p', {}, button), diff));
    onShown(instant);
  };

  const showOn = async (day: string) => {
    const coop = await fetchState(`on=${encodeURIComponent(day)}`, t('notYetProposed'));
    if (coop) result.replaceChildren(...stateParts(t('stateOn', { day: formatDate(coop.on ?? day), revision: coop.revision }), coop));
  };

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (input.value) void show(toInstant(input.value));
  });
  dayForm.addEventListener('submit', (event) => {
    event.preventDefault();
    if (dayInput.value) void showOn(dayInput.value);
  });
  return { element: section('as-of', t('asOf'), h('p', { class: 'muted' }, t('asOfHint')), form, dayForm, result), show };
};
