import type { Alert } from './api.js';
import { h } from './dom.js';
import { formatDate, t, v } from './i18n.js';
import { cooperationHref, empty, section, tag } from './panel.js';

const alertItem = (alert: Alert, cooperationName?: (id: string) => string): HTMLLIElement =>
  h('li', { class: `alert ${alert.kind}`, 'data-kind': alert.kind },
    tag(v(alert.kind), 'alert-kind'), ' ',
    ...(cooperationName ? [h('a', { href: cooperationHref(alert.cooperationId) }, cooperationName(alert.cooperationId)), ' — '] : []),
    alert.label,
    // « depuis le 1er mai 2026 », but « depuis mars 2026 »: a month or a year takes no article.
    alert.since ? h('span', { class: 'muted' }, ` (${t(alert.since.length === 10 ? 'sinceDay' : 'sinceDate', { date: formatDate(alert.since) })})`) : null,
  );

/**
 * The policies' alerts (domain.md §8.9): meeting to convene, meeting or milestone overdue, lead rotation, signatures
 * pending. Given `cooperationName` (home page), each alert names and links its cooperation.
 */
export const alertsPanel = (alerts: readonly Alert[], cooperationName?: (id: string) => string): HTMLElement =>
  section('alerts', t('alerts'),
    alerts.length ? h('ul', { class: 'alerts', role: 'status' }, ...alerts.map((alert) => alertItem(alert, cooperationName))) : empty('noAlert'),
  );
