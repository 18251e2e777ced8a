import type { IndicatorsView, Period } from './api.js';
import { h } from './dom.js';
import { formatBusinessDate, formatNumber, t, v } from './i18n.js';
import { demoTag, detail, empty, measure, section, table, type Names } from './panel.js';

/** « 2016 » for a year's review (from 2016 to 2016), « janv. 2017 → juin 2017 » for a span. */
const periodOf = ({ from, to }: Period): string => formatBusinessDate(to && to !== from ? { date: from, to } : { date: from });

/** « 650 000 → 700 000 », a side not agreed as « — ». */
const baselineToTarget = ({ baseline, target }: { baseline?: number; target?: number }): string =>
  baseline === undefined && target === undefined ? '—' : [baseline, target].map((n) => (n === undefined ? '—' : formatNumber(n))).join(' → ');

const figures = (lines: readonly string[]): HTMLElement | string => (lines.length ? h('ul', { class: 'results' }, ...lines.map((line) => h('li', {}, line))) : '—');

/**
 * Indicators and evaluations (domain.md §8.10): the indicators agreed, each with what the evaluations measured of it
 * period by period, then the evaluations, latest first, with who conducted them, their figures and findings.
 */
export const indicatorsPanel = (view: IndicatorsView, names: Names): HTMLElement => {
  const demoSets = new Set(view.indicatorSets.filter((s) => s.assumedForDemo).map((s) => s.indicatorSetId));
  return section('indicators', t('indicatorsAndEvaluations'),
    h('h3', {}, t('agreedIndicators')),
    view.indicators.length
      ? table(
          [t('indicator'), t('unit'), t('baselineToTarget'), t('frequency'), t('measurements')],
          view.indicators.map((indicator) => [
            [indicator.label, demoTag(demoSets.has(indicator.indicatorSetId))],
            indicator.unit,
            baselineToTarget(indicator),
            indicator.frequency,
            figures(indicator.measurements.map((m) => measure(periodOf(m.period), m.value, m.unit))),
          ]),
        )
      : empty('noIndicator'),
    h('h3', {}, t('evaluations')),
    view.evaluations.length
      ? table(
          [t('period'), t('kind'), t('conductedBy'), t('measurements'), t('findings')],
          view.evaluations.map((evaluation) => [
            [periodOf(evaluation.period), demoTag(evaluation.assumedForDemo)],
            v(evaluation.kind),
            names.organisation(evaluation.conductedByOrganisationId),
            figures(evaluation.measurements.map((m) => measure(m.label, m.value, m.unit))),
            [evaluation.findings, evaluation.reportRef ? detail(t('reportRef', { ref: evaluation.reportRef })) : null],
          ]),
        )
      : empty('noEvaluation'),
  );
};
