import { getMe, Unauthorised } from './api.js';
import { h } from './dom.js';
import { t, type LabelKey } from './i18n.js';
import { normaliseToken, startSession, type EndReason, type Principal } from './session.js';

const REASONS: Record<EndReason, LabelKey> = { TokenExpired: 'tokenExpired', Unauthenticated: 'tokenRefused', signedOut: 'signedOut' };

const EXAMPLE = 'npx carnet token --sub user:marianne --name "Marianne" --role auditor --ttl 8h';

/**
 * « Connexion »: a field to paste a bearer token, checked with GET /me before it is kept (sessionStorage), and
 * how to get one. `reason` says why the previous session ended; `signedIn` hears the verified principal.
 */
export const renderSignIn = (view: HTMLElement, reason: EndReason | undefined, signedIn: (principal: Principal) => void): void => {
  const message = h('p', { id: 'sign-in-message', role: 'alert' });
  const say = (key: LabelKey | undefined) => {
    message.className = key === 'signedOut' || key === 'checkingToken' ? 'muted' : 'error';
    message.dataset.reason = key ?? '';
    message.textContent = key ? t(key) : '';
  };
  say(reason ? REASONS[reason] : undefined);
  // No `name`: the token is never serialised into a form submission, let alone an address.
  const input = h('textarea', { id: 'token-input', rows: '4', autocomplete: 'off', autocapitalize: 'off', spellcheck: 'false', 'aria-describedby': 'sign-in-message token-kept' });
  const button = h('button', { type: 'submit' }, t('signInButton'));
  const form = h('form', { id: 'sign-in', method: 'post', action: '#', class: 'sign-in', novalidate: '' },
    h('label', { for: 'token-input' }, t('tokenLabel')),
    input,
    h('div', {}, button),
    message,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const token = normaliseToken(input.value);
    if (!token) {
      say('pasteToken');
      input.focus();
      return;
    }
    button.disabled = true;
    say('checkingToken');
    getMe(token)
      .then((principal) => {
        startSession(token);
        input.value = '';
        signedIn(principal);
      })
      .catch((error: unknown) => {
        say(error instanceof Unauthorised ? REASONS[error.reason] : 'loadError');
        input.focus();
      })
      .finally(() => {
        button.disabled = false;
      });
  });
  view.replaceChildren(
    h('h1', {}, t('signIn')),
    h('p', {}, t('signInIntro')),
    form,
    h('section', { id: 'get-token', 'aria-labelledby': 'get-token-title' },
      h('h2', { id: 'get-token-title' }, t('howToGetToken')),
      h('p', {}, t('tokenFromProvider')),
      h('p', {}, t('tokenFromCli')),
      h('pre', {}, h('code', {}, EXAMPLE)),
      h('p', { class: 'muted' }, t('tokenRoles')),
      h('p', { class: 'muted', id: 'token-kept' }, t('tokenKept')),
    ),
  );
};
