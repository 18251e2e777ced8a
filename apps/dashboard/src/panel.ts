import { h } from './dom.js';
import { t, type LabelKey } from './i18n.js';

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

export const cooperationHref = (cooperationId: string): string => `#/cooperations/${encodeURIComponent(cooperationId)}`;

/** Names of a cooperation's organisations and people: the read models give ids, the cooperation gives names. */
export interface Names {
  readonly organisation: (organisationId: string) => string;
  readonly person: (personId: string) => string | undefined;
}
