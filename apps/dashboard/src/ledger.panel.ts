import type { Ledger } from './api.js';
import { h } from './dom.js';
import { formatEuros, formatNumber, t, v } from './i18n.js';
import { demoTag, detail, empty, section, table, type Child, type Names } from './panel.js';

type Line = Ledger['commitments'][number];

/** Euros, « montant non communiqué », or for staff time, premises… their quantity if any. */
const amountOf = ({ amount, quantity }: Line): Child => {
  if (!amount) return quantity ? `${formatNumber(quantity.value)} ${v(quantity.unit)}` : '—';
  if (amount.cents === null) return h('em', { class: 'undisclosed' }, t('notDisclosed'));
  return `${formatEuros(amount.cents)}${amount.status === 'estimated' ? ` ${t('estimated')}` : ''}`;
};

const totalsOf = ({ totals }: Ledger): string =>
  [
    t('totalKnown', { total: formatEuros(totals.statedCents + totals.estimatedCents) }),
    totals.estimatedCents ? t('ofWhichEstimated', { total: formatEuros(totals.estimatedCents) }) : '',
    t('totalDisbursed', { total: formatEuros(totals.disbursedCents) }),
    totals.undisclosed ? t(totals.undisclosed > 1 ? 'undisclosedMany' : 'undisclosedOne', { n: totals.undisclosed }) : '',
  ].filter(Boolean).join(' · ');

/** The commitment ledger (domain.md §8.10): who pledged what, for what, how much, and how much was paid. */
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
              ],
              v(line.kind),
              [v(line.purpose), detail(line.description)],
              amountOf(line),
              v(line.status),
              line.amount ? formatEuros(line.disbursedCents) : '—',
            ]),
          ),
          h('p', { class: 'totals' }, totalsOf(ledger)),
        ]
      : [empty('noCommitment')]),
  );
