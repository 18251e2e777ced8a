import type { Correction } from './api.js';
import { currentLang, t } from './i18n.js';
import { h } from './dom.js';
import { detail, empty, instant, section, table, type EventLabels } from './panel.js';

/** A corrected value as read: text in quotes, anything else as JSON. */
const valueOf = (value: unknown): string => {
  if (value === null || value === undefined) return '—';
  if (typeof value !== 'string') return JSON.stringify(value);
  return currentLang() === 'fr' ? `« ${value} »` : `“${value}”`;
};

const knownBeforeLink = (href: string | undefined): HTMLElement | null =>
  href ? h('div', {}, h('a', { class: 'known-before', href }, t('knownBefore'))) : null;

/**
 * The records set right by `correct-record` (E50): which event and field, the value before and after, why
 * and when. The corrected events themselves stay in the history as recorded.
 */
export const correctionsPanel = (
  corrections: readonly Correction[],
  labels: EventLabels,
  /** Where the page stood as known just before a correction (the dossier as it read then), when it can show that. */
  knownBeforeHref?: (correction: Correction & { recordedAt: string }) => string | undefined,
): HTMLElement =>
  section('corrections', t('corrections'),
    corrections.length
      ? table(
          [t('correctedOn'), t('correctedRecord'), t('correctedValues'), t('correctionReason')],
          corrections.map((c) => [
            c.recordedAt ? [instant(c.recordedAt), knownBeforeLink(knownBeforeHref?.({ ...c, recordedAt: c.recordedAt }))] : '—',
            [labels.of(c.correctedEventId, c.correctedEventType), detail(t('correctedField', { field: c.fieldPath }))],
            `${valueOf(c.previousValue)} → ${valueOf(c.correctedValue)}`,
            [c.reason, c.sourceRef ? detail(t('sourceRef', { ref: c.sourceRef })) : null],
          ]),
        )
      : empty('noCorrection'),
  );
