import type { Ledger } from './api.js';
import { h } from './dom.js';
import { currentLang, formatDate, formatEuros, formatNumber, t, v } from './i18n.js';
import { demoTag, detail, empty, section, table, type Child, type Names } from './panel.js';

type Line = Ledger['commitments'][number];
type SupportDecision = Ledger['supportDecisions'][number];

/** Euros, « montant non communiqué », or for staff time, premises… their quantity if any. */
const amountOf = ({ amount, quantity }: Line): Child => {
  if (!amount) return quantity ? `${formatNumber(quantity.value)} ${v(quantity.unit)}` : '—';
  if (amount.cents === null) return h('em', { class: 'undisclosed' }, t('notDisclosed'));
  return `${formatEuros(amount.cents)}${amount.status === 'estimated' ? ` ${t('estimated')}` : ''}`;
};

/** The figure paid, then each payment under it: « 10 000,00 € à APPUI, juin 2014 », « part d’une allocation » when it paid one. */
const disbursedOf = (line: Line, names: Names): Child[] => [
  line.amount ? formatEuros(line.disbursedCents) : '—',
  line.disbursements.length
    ? h('ul', { class: 'results disbursements' },
        ...line.disbursements.map((payment) =>
          h('li', { 'data-disbursement': payment.disbursementId },
            t('disbursementLine', { amount: payment.label, name: names.organisation(payment.toOrganisationId), date: formatDate(payment.disbursedOn) }),
            payment.allocationId ? `, ${t('partOfAllocation')}` : '')))
    : null,
];

/** The support decision a commitment follows from, by its body's label (the id when the ledger does not list it). */
const supportDecisionOf = (line: Line, ledger: Ledger): HTMLDivElement | null => {
  if (!line.supportDecisionId) return null;
  const decision = ledger.supportDecisions.find((d) => d.supportDecisionId === line.supportDecisionId);
  return detail(t('followsSupportDecision', { body: decision?.bodyLabel ?? line.supportDecisionId }));
};

const decisionAmountOf = ({ amount }: SupportDecision): Child =>
  !amount ? '—' : amount.cents === null ? h('em', { class: 'undisclosed' }, amount.label) : amount.label;

/** The funders' support decisions (domain.md §10.2): who decided, in which body, what, how much, when, and what followed. */
const supportDecisionsTable = (ledger: Ledger, names: Names): HTMLTableElement => {
  const decisions = table(
    [t('funder'), t('decidingBody'), t('supportOutcome'), t('amount'), t('decidedOn'), t('followingCommitments')],
    ledger.supportDecisions.map((decision) => [
      names.organisation(decision.deciderOrganisationId),
      [decision.bodyLabel, detail(v(decision.decidingBody))],
      [v(decision.outcome), decision.conditions.length ? detail(t('supportConditions', { conditions: decision.conditions.join(currentLang() === 'fr' ? ' ; ' : '; ') })) : null],
      decisionAmountOf(decision),
      formatDate(decision.decidedOn),
      formatNumber(decision.commitmentIds.length),
    ]),
  );
  return withClass(decisions, 'support-decisions');
};

const withClass = <E extends HTMLElement>(element: E, name: string): E => {
  element.classList.add(name);
  return element;
};

const totalsOf = (totals: Ledger['totals']): string =>
  [
    t('totalKnown', { total: formatEuros(totals.statedCents + totals.estimatedCents) }),
    totals.estimatedCents ? t('ofWhichEstimated', { total: formatEuros(totals.estimatedCents) }) : '',
    t('totalDisbursed', { total: formatEuros(totals.disbursedCents) }),
    totals.undisclosed ? t(totals.undisclosed > 1 ? 'undisclosedMany' : 'undisclosedOne', { n: totals.undisclosed }) : '',
  ].filter(Boolean).join(' · ');

/**
 * The commitment ledger (domain.md §8.10): who pledged what, for what, how much, and how much was paid — payment by
 * payment — and the funding chain an auditor follows (§10.2): the support decisions and the commitments following them.
 */
export const ledgerPanel = (ledger: Ledger, names: Names): HTMLElement =>
  section('ledger', t('ledger'),
    ...(ledger.commitments.length
      ? [
          table(
            [t('organisation'), t('kind'), t('purpose'), t('amount'), t('status'), t('disbursed')],
            ledger.commitments.map((line) => [
              [
                names.organisation(line.organisationId),
                demoTag(line.assumedForDemo),
                line.coFunderOrganisationIds.length ? detail(t('jointWith', { names: line.coFunderOrganisationIds.map(names.organisation).join(', ') })) : null,
                line.beneficiaryOrganisationId ? detail(t('beneficiary', { name: names.organisation(line.beneficiaryOrganisationId) })) : null,
                supportDecisionOf(line, ledger),
              ],
              v(line.kind),
              [v(line.purpose), detail(line.description)],
              amountOf(line),
              v(line.status),
              disbursedOf(line, names),
            ]),
          ),
          h('p', { class: 'totals' }, totalsOf(ledger.totals)),
          // Side by side per funder, and the project apart from members' structures (domain.md §10.2, §10.3).
          h('h3', {}, t('byFunder')),
          withClass(
            table(
              [t('funder'), t('totals')],
              [
                ...ledger.totalsByFunder.map((funder) => [names.organisation(funder.organisationId), totalsOf(funder)]),
                ...ledger.totalsByScope.map((scope) => [h('em', {}, v(scope.scope)), totalsOf(scope)]),
              ],
            ),
            'by-funder',
          ),
        ]
      : [empty('noCommitment')]),
    ...(ledger.supportDecisions.length ? [h('h3', {}, t('supportDecisions')), supportDecisionsTable(ledger, names)] : []),
  );
