import type Database from 'better-sqlite3';
import { addMonths, dayAfter, frequencyWindowMonths, seatsNeeded, STARTED_PHASES, type Frequency } from '#domain';
import { getOpenMilestones } from './actions-board.projection.js';
import { getOpenCommitmentsOfDepartedMembers } from './commitment-ledger.projection.js';
import { getPhases } from './cooperation-list.projection.js';
import { getPendingSignatures } from './dashboard.projection.js';
import { getFacilitatedCooperations, getInstanceCadences, getLeadTermsWithoutSuccessor } from './governance-log.projection.js';
import { dateAfter, dateInWords, plural, type Label, type Lang } from './event-labels.js';

export const ALERT_KINDS = ['mustConvene', 'meetingOverdue', 'milestoneOverdue', 'leadRotationDue', 'signaturesPending', 'departedMemberCommitment', 'noFacilitator'] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

const LEAD_ROTATION_NOTICE_MONTHS = 1;

export interface Alert {
  readonly kind: AlertKind;
  readonly cooperationId: string;
  readonly label: string;
  /** What the alert is about: the instance, milestone, Lead assignment, charter, commitment, or the cooperation itself. */
  readonly subjectId: string;
  readonly since?: string;
  readonly details: Readonly<Record<string, unknown>>;
}

/**
 * The policies of domain.md §8.9 that watch the calendar, computed at read time from the read models
 * and today's date: a meeting becomes overdue without any event happening, so no projection can store it.
 * A closed cooperation raises none: it takes almost no command any more (§8.1), so nothing could clear them.
 */
export const getAlerts = (
  db: Database.Database,
  options: { today: string; lang: Lang; cooperationId?: string; nameOf?: (organisationId: string) => string },
): Alert[] => {
  const { today, lang, cooperationId, nameOf = (organisationId: string) => organisationId } = options;
  const say = (label: Label) => label[lang];
  const alerts: Alert[] = [];
  for (const instance of getInstanceCadences(db, cooperationId)) {
    if (instance.conveningThreshold !== null && instance.pendingRequests > 0) {
      const needed = seatsNeeded(instance.conveningThreshold, instance.activeSeats);
      if (instance.pendingRequests >= needed) {
        alerts.push({
          kind: 'mustConvene',
          cooperationId: instance.cooperationId,
          subjectId: instance.instanceId,
          label: say({
            fr: `${instance.label} : une réunion doit être convoquée (${instance.pendingRequests} ${plural(instance.pendingRequests, 'demande')} sur ${needed} ${plural(needed, 'requise')})`,
            en: `${instance.label}: a meeting must be convened (${instance.pendingRequests} ${plural(instance.pendingRequests, 'request')}, ${needed} required)`,
          }),
          details: { pendingRequests: instance.pendingRequests, required: needed, activeSeats: instance.activeSeats },
        });
      }
    }
    const months = frequencyWindowMonths(instance.frequency as Frequency);
    if (months !== undefined) {
      const base = instance.lastHeldOn ?? instance.createdOn;
      // The window runs from the end of the last meeting's (possibly fuzzy) date.
      const due = addMonths(dayAfter(base), months);
      if (due <= today) {
        alerts.push({
          kind: 'meetingOverdue',
          cooperationId: instance.cooperationId,
          subjectId: instance.instanceId,
          since: due,
          label: say(
            instance.lastHeldOn
              ? { fr: `${instance.label} : pas de réunion depuis ${dateAfter('depuis', instance.lastHeldOn, 'fr')} (rythme prévu : ${months} mois)`, en: `${instance.label}: no meeting since ${dateInWords(instance.lastHeldOn, 'en')} (expected every ${months > 1 ? `${months} months` : 'month'})` }
              : { fr: `${instance.label} : jamais réunie depuis sa création (${dateInWords(instance.createdOn, 'fr')})`, en: `${instance.label}: never met since it was created (${dateInWords(instance.createdOn, 'en')})` },
          ),
          details: { lastHeldOn: instance.lastHeldOn, windowMonths: months },
        });
      }
    }
  }
  for (const milestone of getOpenMilestones(db, cooperationId)) {
    if (milestone.dueBy && dayAfter(milestone.dueBy) <= today) {
      alerts.push({
        kind: 'milestoneOverdue',
        cooperationId: milestone.cooperationId,
        subjectId: milestone.milestoneId,
        since: dayAfter(milestone.dueBy),
        // The kind already says "overdue" (the dashboard shows it as a tag): the label names the milestone and its date.
        label: say({ fr: `${milestone.label} : échéance ${dateAfter('échéance', milestone.dueBy, 'fr')} dépassée`, en: `${milestone.label}: due ${dateInWords(milestone.dueBy, 'en')}, not reached` }),
        details: { dueBy: milestone.dueBy },
      });
    }
  }
  for (const term of getLeadTermsWithoutSuccessor(db, cooperationId)) {
    // A month's notice: the committee needs time to name the next lead before the term ends.
    const since = addMonths(dayAfter(term.to), -LEAD_ROTATION_NOTICE_MONTHS);
    if (since > today) continue;
    const lead = nameOf(term.organisationId);
    const ended = dayAfter(term.to) <= today;
    alerts.push({
      kind: 'leadRotationDue',
      cooperationId: term.cooperationId,
      subjectId: term.assignmentId,
      since,
      label: say(
        ended
          ? { fr: `Rotation du pilotage en retard : le mandat de ${lead} a pris fin (${dateInWords(term.to, 'fr')}) sans successeur·e désigné·e`, en: `Lead rotation overdue: ${lead}'s term ended (${dateInWords(term.to, 'en')}) and no successor is named` }
          : { fr: `Rotation du pilotage à préparer : le mandat de ${lead} prend fin (${dateInWords(term.to, 'fr')}), aucun·e successeur·e n’est désigné·e`, en: `Lead rotation due: ${lead}'s term ends (${dateInWords(term.to, 'en')}) and no successor is named` },
      ),
      details: { organisationId: term.organisationId, from: term.from, to: term.to, ended },
    });
  }
  for (const pending of getPendingSignatures(db, cooperationId)) {
    const missing = pending.required - pending.signed;
    alerts.push({
      kind: 'signaturesPending',
      cooperationId: pending.cooperationId,
      subjectId: pending.charterId,
      label: say({
        fr: `${pending.title} v${pending.version} : ${missing} ${plural(missing, 'signature')} en attente`,
        en: `${pending.title} v${pending.version}: awaiting ${missing} ${plural(missing, 'signature')}`,
      }),
      details: { version: pending.version, missingOrganisationIds: pending.missingOrganisationIds },
    });
  }
  for (const open of getOpenCommitmentsOfDepartedMembers(db, cooperationId)) {
    const member = nameOf(open.organisationId);
    alerts.push({
      kind: 'departedMemberCommitment',
      cooperationId: open.cooperationId,
      subjectId: open.commitmentId,
      since: open.leftOn,
      label: say({
        fr: `${member} a quitté la coopération (${dateInWords(open.leftOn, 'fr')}) : son engagement « ${open.description} » reste ouvert (à tenir, retirer ou reprendre)`,
        en: `${member} left the cooperation (${dateInWords(open.leftOn, 'en')}): its commitment "${open.description}" is still open (to fulfil, withdraw or take over)`,
      }),
      details: { organisationId: open.organisationId, leftOn: open.leftOn },
    });
  }
  // Started without anyone to facilitate it (a programme's start policy may only warn), or its facilitator gone since.
  const facilitated = getFacilitatedCooperations(db, today, cooperationId);
  const phases = getPhases(db, cooperationId);
  for (const [id, phase] of phases) {
    if (!STARTED_PHASES.includes(phase as (typeof STARTED_PHASES)[number]) || facilitated.has(id)) continue;
    alerts.push({
      kind: 'noFacilitator',
      cooperationId: id,
      subjectId: id,
      label: say({
        fr: 'Aucune animation en fonction : ni coordination ni animateur·rice désigné·e pour faire vivre la coopération',
        en: 'No facilitator in office: neither a Coordinator nor a Facilitator is assigned to run the cooperation',
      }),
      details: { phase },
    });
  }
  return alerts.filter((alert) => phases.get(alert.cooperationId) !== 'closed');
};
