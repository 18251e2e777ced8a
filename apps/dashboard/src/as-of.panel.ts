import { getJson, NotFound, type Cooperation, type CooperationDiff } from './api.js';
import { diffBlock } from './diff.panel.js';
import { h } from './dom.js';
import { formatInstant, t, v } from './i18n.js';
import { section, tag, type EventLabels } from './panel.js';
import { charterList, instanceList, leadList, membersTable } from './state.panel.js';

/** The picker's value (a date-time without zone, read as UTC) as the API's ISO instant, and back. */
const toInstant = (value: string): string => `${value}Z`;
const toPicker = (iso: string): string => iso.replace(/Z$/, '').slice(0, 23);

const part = (title: string, content: HTMLElement) => h('div', {}, h('h4', {}, title), content);

/**
 * The cooperation as the log held it at a record time (GET /cooperations/{id}?asOf=), drawn with the
 * cooperation page's pieces, and « Qu’est-ce qui a changé depuis ? » (GET /cooperations/{id}/diff?from=).
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
    result.replaceChildren(h('p', { class: 'muted' }, t('loading')));
    let coop: Cooperation;
    try {
      coop = await getJson<Cooperation>(`${path}?asOf=${encodeURIComponent(asOf)}`);
    } catch (error) {
      result.replaceChildren(h('p', { class: error instanceof NotFound ? 'muted' : 'error' }, error instanceof NotFound ? t('notYetRecorded') : t('loadError')));
      return;
    }
    const instant = coop.asOf ?? asOf;
    input.value = toPicker(instant);
    const diff = h('div', { id: 'diff', 'aria-live': 'polite' });
    const button = h('button', { type: 'button', id: 'what-changed' }, t('whatChanged'));
    button.addEventListener('click', () => void showDiff(instant, diff));
    result.replaceChildren(
      h('h3', {}, t('stateAsOf', { time: formatInstant(instant), revision: coop.revision })),
      h('p', {}, tag(v(coop.phase)), ' ', t('leadThen', { name: coop.lead.current?.organisationName ?? t('nobody') })),
      part(t('membersAndRoles'), membersTable(coop)),
      part(t('leadHistory'), leadList(coop)),
      part(t('charters'), charterList(coop)),
      part(t('instances'), instanceList(coop)),
      h('p', {}, button),
      diff,
    );
    onShown(instant);
  };

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (input.value) void show(toInstant(input.value));
  });
  return { element: section('as-of', t('asOf'), h('p', { class: 'muted' }, t('asOfHint')), form, result), show };
};
