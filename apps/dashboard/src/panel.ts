import type { Actor, BusinessDate, Cooperation, TimelineItem } from './api.js';
import { h } from './dom.js';
import { formatBusinessDate, formatInstant, formatNumber, t, v, type LabelKey } from './i18n.js';

/** Building blocks shared by the pages' panels. */
export type Child = Node | string | null | undefined | false;

/** A titled section; its id names it for links, tests and its heading's aria-labelledby. */
export const section = (id: string, title: string, ...content: Child[]): HTMLElement =>
  h('section', { id, 'aria-labelledby': `${id}-title` }, h('h2', { id: `${id}-title` }, title), ...content);

/** A data table: column headers with scope, one array of cell contents per row. */
export const table = (headers: readonly string[], rows: readonly (readonly (Child | readonly Child[])[])[], caption?: string): HTMLTableElement =>
  h('table', {},
    caption ? h('caption', {}, caption) : null,
    h('thead', {}, h('tr', {}, ...headers.map((header) => h('th', { scope: 'col' }, header)))),
    h('tbody', {}, ...rows.map((cells) => h('tr', {}, ...cells.map((cell) => h('td', {}, ...(Array.isArray(cell) ? cell : [cell as Child])))))),
  );

/** What a panel says when it has nothing to show. */
export const empty = (key: LabelKey): HTMLParagraphElement => h('p', { class: 'muted empty' }, t(key));

export const tag = (text: string, className = ''): HTMLSpanElement => h('span', { class: `tag ${className}`.trim() }, text);

/** A tag after the text it qualifies, with the space that keeps them two words when read aloud or copied. */
export const trailingTag = (text: string, className = ''): DocumentFragment => {
  const fragment = document.createDocumentFragment();
  fragment.append(' ', tag(text, className));
  return fragment;
};

/** The « hypothèse de démonstration » label of facts whose source is a demo assumption (domain.md §9). */
export const demoTag = (assumedForDemo: boolean | undefined): DocumentFragment | null => (assumedForDemo ? trailingTag(t('demo'), 'demo') : null);

/** A muted line under the main text of a cell. */
export const detail = (text: string): HTMLDivElement => h('div', { class: 'muted' }, text);

/** « personnes dépistées : 1 250 personnes »: a figure with its label and unit, the number as the language writes it. */
export const measure = (label: string, value: number, unit: string): string => t('result', { label, value: formatNumber(value), unit });

export const cooperationHref = (cooperationId: string): string => `#/cooperations/${encodeURIComponent(cooperationId)}`;
/** A cooperation's audit page, `asOf` the record time its « État à une date » shows. */
export const auditHref = (cooperationId: string, asOf?: string): string =>
  `${cooperationHref(cooperationId)}/audit${asOf ? `?asOf=${encodeURIComponent(asOf)}` : ''}`;

/** Names of a cooperation's organisations and people: the read models give ids, the cooperation gives names. */
export interface Names {
  readonly organisation: (organisationId: string) => string;
  readonly person: (personId: string) => string | undefined;
}

/** The names a cooperation gives its organisations (members past and present) and representatives. */
export const namesOf = (coop: Cooperation): Names => {
  const organisations = new Map([...coop.formerMembers, ...coop.members].map((m) => [m.organisationId, m.name]));
  const people = new Map(coop.representatives.map((r) => [r.personId, r.personName]));
  return { organisation: (id) => organisations.get(id) ?? id, person: (id) => people.get(id) };
};

/** A decision's dossier page (GET /cooperations/{id}/decisions/{decisionId}); `asOf`, the record time it is shown as known at. */
export const decisionHref = (cooperationId: string, decisionId: string, asOf?: string): string =>
  `${cooperationHref(cooperationId)}/decisions/${encodeURIComponent(decisionId)}${asOf ? `?asOf=${encodeURIComponent(asOf)}` : ''}`;

/** A record time as text, its exact ISO value in `datetime`. */
export const instant = (iso: string): HTMLTimeElement => h('time', { datetime: iso }, formatInstant(iso));

/**
 * « Imprimer ou enregistrer en PDF »: the browser's print, which the print stylesheet turns into a clean page (no
 * buttons, no header tools), with a line saying when and from where it was printed (printedLine).
 */
export const printButton = (): HTMLButtonElement => {
  const button = h('button', { type: 'button', class: 'print' }, t('print'));
  button.addEventListener('click', () => window.print());
  return button;
};

const printedText = (): string => t('printedOn', { at: formatInstant(new Date().toISOString()), url: location.href });

/**
 * Shown on paper only: when the copy was made and the page's address (with its `asOf`), so a printout says what it is
 * a copy of. Set again just before printing (refreshPrintedLines): the page may have changed since it was drawn.
 */
export const printedLine = (): HTMLElement => h('p', { class: 'print-only printed' }, printedText());

/** The `beforeprint` listener: the time and address of the copy as they are when it is printed. */
export const refreshPrintedLines = (): void => {
  for (const line of document.querySelectorAll('p.printed')) line.textContent = printedText();
};

/**
 * Who recorded an event: "user:marianne (auditeur·rice)" or, for events recorded before identities, "local
 * (opérateur·rice)", with the person or organisation acting when known.
 */
export const actorOf = ({ userId, capacity, personId, organisationId }: Actor): string =>
  [userId, capacity ? `(${v(capacity)})` : '', personId ?? '', organisationId ?? ''].filter(Boolean).join(' ');

/** A hash in short form, whole in its title (the decision context shows it whole). */
export const shortHash = (hash: string | undefined | null): HTMLElement | string =>
  hash ? h('code', { class: 'hash', title: hash }, `${hash.slice(0, 12)}…`) : '—';

/** Readable labels of a cooperation's events, from its timeline; an event it does not know keeps its type. */
export class EventLabels {
  private readonly byEventId = new Map<string, string>();
  learn(items: readonly Pick<TimelineItem, 'eventId' | 'label'>[]): void {
    for (const item of items) this.byEventId.set(item.eventId, item.label);
  }
  of(eventId: string, type: string): string {
    return this.byEventId.get(eventId) ?? type;
  }
}

/** An event in a list of events: revision, record time, business date, readable label over its type, actor. */
export interface EventLine { eventId: string; revision: number; type: string; recordedAt: string; occurredAt?: BusinessDate; actor: Actor }
export const eventHeaders = (): string[] => [t('revisionShort'), t('recordedAt'), t('occurredAt'), t('event'), t('actor')];
export const eventCells = (event: EventLine, labels: EventLabels): (Child | Child[])[] => [
  String(event.revision),
  instant(event.recordedAt),
  event.occurredAt ? formatBusinessDate(event.occurredAt) : '—',
  [labels.of(event.eventId, event.type), detail(event.type)],
  actorOf(event.actor),
];
