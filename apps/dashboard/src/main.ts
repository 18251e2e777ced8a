import { Forbidden, getMe, NotFound, Unauthorised, type LiveUpdate } from './api.js';
import { renderAudit } from './audit.view.js';
import { renderCooperation } from './cooperation.view.js';
import { h } from './dom.js';
import { renderDossier } from './dossier.view.js';
import { currentLang, setLang, t, v, type LabelKey } from './i18n.js';
import { renderList } from './list.view.js';
import { subscribeLive, type ConnectionState } from './live.js';
import { auditHref, refreshPrintedLines } from './panel.js';
import { endSession, onSessionEnd, sessionToken, type EndReason, type Principal } from './session.js';
import { renderSignIn } from './signin.view.js';
import { renderWebhooks } from './webhooks.view.js';

const main = document.getElementById('main')!;
const status = document.getElementById('connection')!;
const langButton = document.getElementById('lang') as HTMLButtonElement;
const session = document.getElementById('session')!;
const whoami = document.getElementById('whoami')!;
const signOutButton = document.getElementById('sign-out') as HTMLButtonElement;
const webhooksLink = document.getElementById('webhooks-link')!;
let connection: ConnectionState = 'connecting';
/** The one page without a live feed, so without its connection state. */
const WEBHOOKS_PAGE = '#/webhooks';
let stopLive: (() => void) | undefined;
/** The verified caller (GET /me), while signed in. */
let principal: Principal | undefined;
/** Why the last session ended, said on the sign-in view until the next sign-in. */
let endReason: EndReason | undefined;

/** « Connecté·e : user:marianne (auditeur·rice) » and « Se déconnecter », or nothing while signed out. */
const showPrincipal = () => {
  session.hidden = !principal;
  status.hidden = !principal || location.hash === WEBHOOKS_PAGE;
  whoami.textContent = principal ? t('signedInAs', { user: principal.userId, role: v(principal.role) }) : '';
  // Webhooks are the platform staff's (GET /webhooks answers 403 to anyone else).
  webhooksLink.hidden = principal?.role !== 'admin';
};

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
  showPrincipal();
};

/** How long a page waits for its live subscription's ack before drawing without it. */
const LIVE_ACK_WAIT_MS = 2000;

let routes = 0;
const route = async () => {
  stopLive?.();
  stopLive = undefined;
  const current = ++routes;
  // Signed out: the sign-in view, the address kept so that signing in opens the page asked for.
  if (!sessionToken()) {
    principal = undefined;
    showPrincipal();
    const view = h('div');
    renderSignIn(view, endReason, (verified) => {
      principal = verified;
      endReason = undefined;
      showPrincipal();
      void route();
    });
    main.replaceChildren(view);
    return;
  }
  // #/cooperations/<id>/audit[?asOf=<instant>], #/cooperations/<id>/decisions/<decisionId>[?asOf=<instant>], #/cooperations/<id>, or the list.
  const match = /^#\/cooperations\/([^/?]+)(\/audit(?:\?asOf=([^&]+))?|\/decisions\/([^/?]+)(?:\?asOf=([^&]+))?)?$/.exec(location.hash);
  const id = match ? decodeURIComponent(match[1]!) : undefined;
  const decisionId = match?.[4] ? decodeURIComponent(match[4]) : undefined;
  // Each route draws into its own container, shown once ready: a drawing still in flight for a page
  // left since (another cooperation, the other language) lands in a detached container, never on screen.
  const view = h('div');
  // The audit page keeps the state it shows in its address (to share it, or redraw it in the other language).
  const remember = (asOf: string) => {
    if (current === routes && id) history.replaceState(null, '', auditHref(id, asOf));
  };
  try {
    if (!principal) {
      principal = await getMe();
      if (current !== routes) return;
    }
    // The connection state shows on every page but the webhooks'.
    showPrincipal();
    // Webhook deliveries are no events of the log: that page reads them again on a timer, with no live feed.
    if (location.hash === WEBHOOKS_PAGE) {
      const stop = await renderWebhooks(view);
      if (current !== routes) return stop();
      stopLive = stop;
      main.replaceChildren(view);
      return;
    }
    // Subscribed, and the subscription acknowledged, before the page reads the API: what is recorded from then on reaches
    // the page, held while it draws. Subscribed after the draw, a fact recorded in between showed only at the next one.
    const held: LiveUpdate[] = [];
    let deliver: (update: LiveUpdate) => void = (update) => held.push(update);
    let subscribed = () => {};
    const acknowledged = new Promise<void>((resolve) => (subscribed = resolve));
    const scope = id === undefined ? ({ scope: 'dashboard' } as const) : ({ scope: 'cooperation', cooperationId: id } as const);
    stopLive = subscribeLive(scope, (update) => deliver(update), (state) => {
      showState(state);
      if (state === 'live' || state === 'offline') subscribed();
    });
    // A feed that does not answer does not keep the page from drawing.
    await Promise.race([acknowledged, new Promise((resolve) => setTimeout(resolve, LIVE_ACK_WAIT_MS))]);
    if (current !== routes) return;
    const onUpdate: (update: LiveUpdate) => void =
      id === undefined ? await renderList(view)
      : decisionId ? await renderDossier(view, id, decisionId, match![5] ? decodeURIComponent(match![5]) : undefined)
      : match![2] ? await renderAudit(view, id, match![3] ? decodeURIComponent(match![3]) : undefined, remember)
      : await renderCooperation(view, id);
    if (current !== routes) return;
    main.replaceChildren(view);
    deliver = onUpdate;
    held.splice(0).forEach(onUpdate);
  } catch (error) {
    // A refused token has ended the session, and its handler drawn the sign-in view.
    if (current !== routes || error instanceof Unauthorised) return;
    // No page, no feed for it (an unknown cooperation, a page refused).
    stopLive?.();
    stopLive = undefined;
    const message = error instanceof NotFound ? t('notFound') : error instanceof Forbidden ? t('forbidden') : t('loadError');
    main.replaceChildren(h('p', { class: 'error', role: 'alert' }, message), h('p', {}, h('a', { href: '#/' }, t('back'))));
  }
};

langButton.addEventListener('click', () => {
  setLang(currentLang() === 'fr' ? 'en' : 'fr');
  translateChrome();
  void route();
});
signOutButton.addEventListener('click', () => endSession('signedOut'));
// Any 401, a refused live handshake or `session-expired`: back to the sign-in view, saying why.
onSessionEnd((reason) => {
  endReason = reason;
  principal = undefined;
  void route();
});
window.addEventListener('hashchange', () => void route());
window.addEventListener('beforeprint', refreshPrintedLines);
translateChrome();
void route();
