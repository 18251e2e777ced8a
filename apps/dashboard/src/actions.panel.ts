import type { ActionsBoard } from './api.js';
import { h } from './dom.js';
import { formatDate, t, v } from './i18n.js';
import { demoTag, detail, empty, measure, section, table, trailingTag, type Names } from './panel.js';

type Action = ActionsBoard['actions'][number];
type Milestone = ActionsBoard['milestones'][number];

const resultsOf = (action: Action): HTMLElement | string =>
  action.results.length || action.completedOn
    ? h('div', {},
        action.results.length ? h('ul', { class: 'results' }, ...action.results.map((r) => h('li', {}, measure(r.label, r.value, r.unit)))) : null,
        action.completedOn ? detail(t('completedOn', { date: formatDate(action.completedOn) })) : null)
    : '—';

const milestoneName = (milestone: Milestone) => [milestone.label, demoTag(milestone.assumedForDemo)];

/**
 * The actions board (domain.md §8.10): actions with their lead, status and results; milestones planned,
 * those the alerts call overdue marked, and milestones reached.
 */
export const actionsPanel = (board: ActionsBoard, names: Names, overdueMilestoneIds: ReadonlySet<string>): HTMLElement => {
  const planned = board.milestones.filter((m) => m.status === 'planned');
  const reached = board.milestones.filter((m) => m.status === 'reached');
  return section('actions', t('actionsAndMilestones'),
    h('h3', {}, t('actions')),
    board.actions.length
      ? table(
          [t('action'), t('lead'), t('status'), t('launchedOn'), t('results')],
          board.actions.map((action) => [
            [action.title, demoTag(action.assumedForDemo), action.lever ? detail(action.lever) : null],
            names.organisation(action.leadOrganisationId),
            v(action.status),
            formatDate(action.launchedOn),
            resultsOf(action),
          ]),
        )
      : empty('noAction'),
    h('h3', {}, t('plannedMilestones')),
    planned.length
      ? table(
          [t('milestone'), t('kind'), t('dueBy')],
          planned.map((m) => [milestoneName(m), v(m.kind), [m.dueBy ? formatDate(m.dueBy) : '—', overdueMilestoneIds.has(m.milestoneId) ? trailingTag(t('overdue'), 'overdue') : null]]),
        )
      : empty('noPlannedMilestone'),
    h('h3', {}, t('reachedMilestones')),
    reached.length
      ? table(
          [t('milestone'), t('kind'), t('reachedOn')],
          reached.map((m) => [milestoneName(m), v(m.kind), [m.reachedOn ? formatDate(m.reachedOn) : '—', m.preHistory ? trailingTag(t('preHistory')) : null]]),
        )
      : empty('noReachedMilestone'),
  );
};
