import { NotFound, type LiveUpdate } from './api.js';
import { renderAudit } from './audit.view.js';
import { renderCooperation } from './cooperation.view.js';
import { h } from './dom.js';
import { currentLang, setLang, t, type LabelKey } from './i18n.js';
import { renderList } from './list.view.js';
import { subscribeLive, type ConnectionState } from './live.js';
import { auditHref } from './panel.js';

const main = document.getElementById('main')!;
const status = document.getElementById('connection')!;
const langButton = document.getElementById('lang') as HTMLButtonElement;
let connection: ConnectionState = 'connecting';
let stopLive: (() => void) | undefined;

const showState = (state: ConnectionState) => {
  connection = state;
  status.dataset.state = state;
  status.textContent = t(state);
};

const translateChrome = () => {
  document.documentElement.lang = currentLang();
  for (const element of document.querySelectorAll<HTMLElement>('[data-i18n]')) element.textContent = t(element.dataset.i18n as LabelKey);
  langButton.textContent = currentLang() === 'fr' ? 'EN' : 'FR';
  langButton.setAttribute('aria-label', t('switchTo'));
  showState(connection);
};

let routes = 0;
const route = async () => {
  stopLive?.();
  // #/cooperations/<id>/audit[?asOf=<instant>], #/cooperations/<id>, or the list.
  const match = /^#\/cooperations\/([^/?]+)(\/audit(?:\?asOf=([^&]+))?)?$/.exec(location.hash);
  const id = match ? decodeURIComponent(match[1]!) : undefined;
  // Each route draws into its own container, shown once ready: a drawing still in flight for a page
  // left since (another cooperation, the other language) lands in a detached container, never on screen.
  const view = h('div');
  const current = ++routes;
  // The audit page keeps the state it shows in its address (to share it, or redraw it in the other language).
  const remember = (asOf: string) => {
    if (current === routes && id) history.replaceState(null, '', auditHref(id, asOf));
  };
  try {
    const onUpdate: (update: LiveUpdate) => void =
      id === undefined ? await renderList(view)
      : match![2] ? await renderAudit(view, id, match![3] ? decodeURIComponent(match![3]) : undefined, remember)
      : await renderCooperation(view, id);
    if (current !== routes) return;
    main.replaceChildren(view);
    stopLive = subscribeLive(id === undefined ? { scope: 'dashboard' } : { scope: 'cooperation', cooperationId: id }, onUpdate, showState);
  } catch (error) {
    if (current !== routes) return;
    main.replaceChildren(h('p', { class: 'error', role: 'alert' }, error instanceof NotFound ? t('notFound') : t('loadError')), h('p', {}, h('a', { href: '#/' }, t('back'))));
  }
};

langButton.addEventListener('click', () => {
  setLang(currentLang() === 'fr' ? 'en' : 'fr');
  translateChrome();
  void route();
});
window.addEventListener('hashchange', () => void route());
translateChrome();
void route();
