import { getJson, type Cooperation, type DecisionDossier, type LiveUpdate } from './api.js';
import { correctionsPanel } from './corrections.panel.js';
import { decidedHow, whoSatAndCame } from './decisions.panel.js';
import { h } from './dom.js';
import { currentLang, formatDate, t, v } from './i18n.js';
import { coalesce } from './live.js';
import { actorOf, auditHref, cooperationHref, decisionHref, detail, empty, EventLabels, instant, namesOf, printButton, printedLine, section, tag } from './panel.js';

/**
 * A decision's dossier (peers.md §4.6): the decision and who recorded it, the body that took it, the meeting with
 * who sat on the body that day and who came, the charters in force that day, what followed from it, and the
 * corrections made to any of it, each with a link to the dossier as known just before it. With `asOf`, the dossier as
 * the log held it then (bitemporal: corrections recorded later left out). A live update of the cooperation redraws it.
 */
export const renderDossier = async (view: HTMLElement, id: string, decisionId: string, asOf?: string): Promise<(update: LiveUpdate) => void> => {
  const path = `/cooperations/${encodeURIComponent(id)}`;
  const draw = async () => {
    const lang = currentLang();
    const at = asOf ? `asOf=${encodeURIComponent(asOf)}` : '';
    // As known then, names come from the cooperation as known then, and corrected events take the dossier's own
    // labels (today's timeline would show values corrected since).
    const [coop, dossier] = await Promise.all([
      getJson<Cooperation>(`${path}${at ? `?${at}` : ''}`),
      getJson<DecisionDossier>(`${path}/decisions/${encodeURIComponent(decisionId)}?lang=${lang}${at ? `&${at}` : ''}`),
    ]);
    const names = namesOf(coop);
    const labels = new EventLabels();
    labels.learn(dossier.corrections.map((c) => ({ eventId: c.correctedEventId, label: c.correctedEventLabel })));
    const { decision, instance, meeting, quorum } = dossier;
    view.replaceChildren(
      h('p', { class: 'page-tools' }, h('a', { href: cooperationHref(id) }, t('backToCooperation')), ' · ', h('a', { href: auditHref(id) }, t('auditLink')), ' · ', printButton()),
      h('h1', {}, t('dossierTitle', { subject: v(decision.subjectType) })),
      printedLine(),
      ...(dossier.asOf ? [h('p', { class: 'as-known', role: 'note' }, t('dossierAsKnown'), ' ', instant(dossier.asOf), ' — ', h('a', { href: decisionHref(id, decisionId) }, t('dossierAsCorrected')))] : []),
      section('dossier-decision', t('dossierDecision'),
        h('p', {}, tag(v(decision.outcome), `outcome ${decision.outcome}`), ' ', decision.text),
        h('p', { class: 'muted' }, decidedHow(decision)),
        decision.subjectRef ? detail(t('dossierSubject', { ref: decision.subjectRef })) : null,
        decision.revisits ? detail(t('dossierRevisits', { ref: decision.revisits })) : null,
        h('p', {}, t('dossierRecorded', { revision: String(decision.revision) }), ' ', decision.recordedAt ? instant(decision.recordedAt) : '—',
          decision.actor ? ` — ${actorOf(decision.actor)}` : '',
          decision.source ? detail(t('dossierSource', { document: decision.source.document, confidence: v(decision.source.confidence) })) : null),
      ),
      section('dossier-body', t('dossierBody'),
        instance
          ? h('p', {}, h('strong', {}, instance.label), ` (${v(instance.kind)}) — ${t('dossierMandate', { mandate: instance.mandate.map(v).join(', ') })}`,
              quorum ? detail(t('dossierQuorum', { rule: String(Math.round(quorum.rule * 100)), required: String(quorum.required), seats: String(quorum.seats), present: String(quorum.present) })) : null)
          : empty('noInstance'),
      ),
      section('dossier-meeting', t('dossierMeeting'),
        meeting
          ? h('div', {},
              h('p', {}, `${t('meetingOn', { date: formatDate(meeting.heldOn ?? meeting.scheduledFor) })} — ${meeting.location}`),
              meeting.agenda.length ? h('ul', { class: 'agenda' }, ...meeting.agenda.map((item) => h('li', {}, item))) : null,
              ...whoSatAndCame(dossier.composition, meeting.guests, names, formatDate(meeting.heldOn ?? meeting.scheduledFor)),
            )
          : empty('dossierWritten'),
      ),
      section('dossier-charters', t('dossierCharters'),
        dossier.chartersInForce.length
          ? h('ul', {}, ...dossier.chartersInForce.map((c) => h('li', {}, `${c.title} — ${t('version')} ${c.version} (${formatDate(c.effectiveOn)})`)))
          : empty('dossierNoCharter'),
      ),
      section('dossier-consequences', t('dossierConsequences'),
        dossier.consequences.length
          ? h('ol', {}, ...dossier.consequences.map((c) => h('li', { 'data-event': c.eventId }, c.label, ' ', h('span', { class: 'muted' }, `(${t('revisionShort')} ${c.revision})`))))
          : empty('dossierNoConsequence'),
      ),
      // A millisecond before a correction was recorded: the dossier as it read until then, if the decision was on record.
      correctionsPanel(dossier.corrections, labels, (c) =>
        decision.recordedAt && c.recordedAt > decision.recordedAt ? decisionHref(id, decisionId, new Date(Date.parse(c.recordedAt) - 1).toISOString()) : undefined),
    );
  };
  await draw();
  const redraw = coalesce(draw);
  return (update) => {
    if (update.cooperationId === id) redraw();
  };
};
