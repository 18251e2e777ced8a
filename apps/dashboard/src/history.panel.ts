import { getJson, type EventContext, type EventPage, type Source, type StoredEvent } from './api.js';
import { contextOf } from './context.panel.js';
import { h } from './dom.js';
import { t, v } from './i18n.js';
import { demoTag, detail, eventCells, eventHeaders, section, shortHash, table, trailingTag, type Child, type EventLabels } from './panel.js';

const PAGE = 50;
const COLUMNS = 8;

/** Where a fact comes from: the document and its lines, and how sure (a demo assumption tagged as such). */
const provenanceOf = (source: Source | undefined): Child[] =>
  source
    ? [
        [source.document, source.lines ? t('lines', { lines: source.lines }) : ''].filter(Boolean).join(', '),
        source.confidence === 'assumedForDemo' ? demoTag(true) : detail(v(source.confidence)),
      ]
    : ['—'];

/** A fact shared beyond the consortium says so (domain.md §8.1); the consortium, the default, goes without saying. */
const sharingOf = (visibility: StoredEvent['metadata']['visibility']): Child =>
  visibility === 'funders' ? trailingTag(t('sharedWithFunders'), 'shared') : visibility === 'public' ? trailingTag(t('sharedWithPublic'), 'shared') : null;

/** The row of one event, and the row under it that its button opens on the event's decision context. */
const rowsOf = (event: StoredEvent, labels: EventLabels): HTMLTableRowElement[] => {
  const contextId = `context-${event.revision}`;
  const cell = h('td', { colspan: String(COLUMNS) });
  const contextRow = h('tr', { id: contextId, class: 'context', hidden: '' }, cell);
  const button = h('button', { type: 'button', class: 'context-toggle', 'aria-expanded': 'false', 'aria-controls': contextId });
  const label = (open: boolean) => {
    button.textContent = t(open ? 'hide' : 'show');
    button.setAttribute('aria-label', t(open ? 'hideContext' : 'showContext', { revision: event.revision }));
  };
  label(false);
  let loaded = false;
  button.addEventListener('click', async () => {
    const open = button.getAttribute('aria-expanded') !== 'true';
    button.setAttribute('aria-expanded', String(open));
    label(open);
    contextRow.hidden = !open;
    if (!open || loaded) return;
    loaded = true;
    cell.replaceChildren(h('p', { class: 'muted' }, t('loading')));
    try {
      cell.replaceChildren(contextOf(await getJson<EventContext>(`/events/${encodeURIComponent(event.eventId)}`), labels));
    } catch {
      loaded = false;
      cell.replaceChildren(h('p', { class: 'error' }, t('loadError')));
    }
  });
  const { metadata } = event;
  const cells: (Child | Child[])[] = [
    ...eventCells({ ...event, recordedAt: metadata.recordedAt, occurredAt: metadata.occurredAt, actor: metadata.actor }, labels),
    [...provenanceOf(metadata.source), sharingOf(metadata.visibility)],
    shortHash(metadata.hash),
    button,
  ];
  return [h('tr', { 'data-revision': String(event.revision), 'data-event': event.eventId }, ...cells.map((c) => h('td', {}, ...(Array.isArray(c) ? c : [c])))), contextRow];
};

/**
 * The stream's events in log order, with who recorded them, when, the business date, provenance and hash,
 * page by page (GET /cooperations/{id}/events). `load` fetches the next page; once the last page is in,
 * it also fetches what was recorded since (live updates).
 */
export const historyPanel = (path: string, total: () => number, labels: EventLabels) => {
  const caption = h('caption', {});
  const tableElement = table([...eventHeaders(), t('provenance'), t('hash'), t('context')], []);
  tableElement.prepend(caption);
  tableElement.id = 'events';
  const body = tableElement.tBodies[0]!;
  const more = h('button', { type: 'button', id: 'load-more' }, t('loadMore'));
  let next = 0;
  let lastPage = false;
  let shown = 0;
  const fetchPage = async () => {
    const page = await getJson<EventPage>(`${path}/events?fromRevision=${next}&limit=${PAGE}`);
    for (const event of page.events) body.append(...rowsOf(event, labels));
    shown += page.events.length;
    const last = page.events.at(-1);
    if (last) next = last.revision + 1;
    lastPage = page.nextFromRevision === null;
    more.hidden = lastPage;
    caption.textContent = t('historyCaption', { shown, total: Math.max(total(), shown) });
  };
  // One page at a time, in order: a second click or a live update waits for the page being fetched.
  let queue: Promise<void> = Promise.resolve();
  const load = (): Promise<void> => (queue = queue.catch(() => undefined).then(fetchPage));
  more.addEventListener('click', () => {
    more.disabled = true;
    void load().finally(() => (more.disabled = false));
  });
  return {
    element: section('history', t('history'), tableElement, more),
    load,
    /** After a live update: the events recorded since, when the history is shown to its end. */
    catchUp: async () => (lastPage ? load() : void (caption.textContent = t('historyCaption', { shown, total: total() }))),
  };
};
