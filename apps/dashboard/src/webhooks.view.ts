import { getJson, type Webhook, type WebhookDelivery } from './api.js';
import { h } from './dom.js';
import { formatInstant, formatNumber, t } from './i18n.js';
import { cooperationHref, detail, empty, instant, section, table, tag } from './panel.js';

/** Attempts shown per webhook: what failed lately and since when (the API keeps more). */
const DELIVERIES_SHOWN = 10;
const REFRESH_MS = 10_000;

const answerOf = (delivery: WebhookDelivery): HTMLElement => {
  if (delivery.status === null) return tag(t('noAnswer', { error: delivery.error ?? '' }), 'failed');
  const said = delivery.error && delivery.error !== `HTTP ${delivery.status}` ? ` — ${delivery.error}` : '';
  return tag(`HTTP ${delivery.status}${said}`, delivery.ok ? 'ok' : 'failed');
};

const stateOf = (webhook: Webhook): HTMLElement =>
  webhook.failing
    ? h('dd', { 'data-field': 'state' },
        tag(t('webhookFailing', { since: formatInstant(webhook.failing.since), attempts: formatNumber(webhook.failing.attempts) }), 'failed'),
        detail(t('webhookLastError', { error: webhook.failing.lastError })))
    : h('dd', { 'data-field': 'state' }, tag(t('webhookDelivering'), 'ok'));

const webhookSection = (webhook: Webhook, deliveries: readonly WebhookDelivery[]): HTMLElement =>
  section(
    `webhook-${webhook.webhookId}`,
    webhook.description ?? webhook.url,
    h('dl', { class: 'facts' },
      h('dt', {}, t('webhookReceiver')), h('dd', {}, h('code', {}, webhook.url)),
      h('dt', {}, t('webhookEvents')), h('dd', {}, webhook.eventTypes.length ? webhook.eventTypes.join(', ') : t('allEventTypes')),
      h('dt', {}, t('webhookScope')), h('dd', {}, webhook.cooperationId ? h('a', { href: cooperationHref(webhook.cooperationId) }, webhook.cooperationId) : t('allStreams')),
      h('dt', {}, t('webhookState')), stateOf(webhook),
    ),
    detail(t('webhookCreated', { at: formatInstant(webhook.createdAt), by: webhook.createdBy })),
    h('h3', {}, t('webhookDeliveries')),
    deliveries.length
      ? table(
          [t('deliveryAt'), t('event'), t('deliveryAttempt'), t('deliveryAnswer'), t('deliveryDuration')],
          deliveries.map((d) => [instant(d.at), h('code', {}, d.eventType), formatNumber(d.attempt), answerOf(d), `${formatNumber(Math.round(d.durationMs))} ms`]),
        )
      : empty('noDelivery'),
  );

type ListedWebhook = Webhook & { latestDeliveries: WebhookDelivery[] };

/** One request for the whole page (GET /webhooks?deliveries=N), whatever the number of webhooks: a refresh stays one read. */
const read = async (): Promise<ListedWebhook[]> => (await getJson<{ webhooks: ListedWebhook[] }>(`/webhooks?deliveries=${DELIVERIES_SHOWN}`)).webhooks;

/**
 * The platform staff's view of this node's webhooks (GET /webhooks, admin only): each one's receiver, filter, whether it
 * is failing and since when, and its latest attempts. Not in the live feed (a delivery is no event of the log): read
 * again REFRESH_MS after the previous read ended, until `stop`, which the next page calls. The list is redrawn only when
 * what it shows changed, so focus and a selection (a URL, an error being copied) survive the reads between; a failed
 * read keeps the list and says since when it is shown.
 */
export const renderWebhooks = async (view: HTMLElement): Promise<() => void> => {
  const list = h('div');
  const readAt = h('p', { class: 'muted', 'data-field': 'read-at' });
  let shown = '';
  let shownAt = '';
  const draw = (webhooks: ListedWebhook[]) => {
    shownAt = new Date().toISOString();
    readAt.textContent = t('webhooksReadAt', { time: formatInstant(shownAt) });
    const text = JSON.stringify(webhooks);
    if (text === shown) return;
    shown = text;
    list.replaceChildren(...(webhooks.length ? webhooks.map((w) => webhookSection(w, w.latestDeliveries)) : [empty('noWebhook')]));
  };
  draw(await read());
  view.replaceChildren(h('h1', {}, t('webhooks')), h('p', { class: 'muted' }, t('webhooksIntro')), readAt, list);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  const next = () => {
    timer = setTimeout(() => {
      read().then(
        (webhooks) => stopped || draw(webhooks),
        () => stopped || (readAt.textContent = t('webhooksStale', { time: formatInstant(new Date().toISOString()), shown: formatInstant(shownAt) })),
      ).finally(() => stopped || next());
    }, REFRESH_MS);
  };
  next();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
};
