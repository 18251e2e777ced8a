import type { Correction } from './api.js';
import { currentLang, t } from './i18n.js';
import { detail, empty, instant, section, table, type EventLabels } from './panel.js';

/** A corrected value as read: text in quotes, anything else as JSON. */
const valueOf = (value: unknown): string => {
  if (value === null || value === undefined) return '—';
  if (typeof value !== 'string') return JSON.stringify(value);
  return currentLang() === 'fr' ? `« ${value} »` : `“${value}”`;
};

/**
 * The records set right by `correct-record` (E50): which event and field, the value before and after, why
 * and when. The corrected events themselves stay in the history as recorded.
 */
export const correctionsPanel = (corrections: readonly Correction[], labels: EventLabels): HTMLElement =>
  section('corrections', t('corrections'),
    corrections.length
      ? table(
          [t('correctedOn'), t('correctedRecord'), t('correctedValues'), t('correctionReason')],
          corrections.map((c) => [
            c.recordedAt ? instant(c.recordedAt) : '—',
            [labels.of(c.correctedEventId, c.correctedEventType), detail(t('correctedField', { field: c.fieldPath }))],
            `${valueOf(c.previousValue)} → ${valueOf(c.correctedValue)}`,
            [c.reason, c.sourceRef ? detail(t('sourceRef', { ref: c.sourceRef })) : null],
          ]),
        )
      : empty('noCorrection'),
  );
