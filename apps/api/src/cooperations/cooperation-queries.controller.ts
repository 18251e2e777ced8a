import { Controller, Get, Inject, Param, Query, StreamableFile, UseGuards, UseInterceptors } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import { cooperationDecider, cooperationStream, dayOf, foldWith, loggedEvents, type CooperationEvent, type CooperationState, type Directory } from '#domain';
import { EVENT_STORE, streamExists, toDomainEvent, type EventStore, type RecordedEvent } from '#event-store';
import { getActionsBoard, getCooperations, getGovernanceLog, getIndicators, getLedger, getTimeline, ProjectionRunner, type LoggedMeeting, ReadModelsConnection } from '#projections';
import { COOPERATION_PHASES, type Principal } from '#domain';
import { CooperationAccessGuard, readableRows } from '../auth/cooperation-access.js';
import { ExportTrail } from '../audit/export-trail.js';
import { CurrentPrincipal } from '../auth/current-principal.js';
import { READ_MODELS } from '../projections/projections.module.js';
import { DirectoryService } from '../directory/directory.service.js';
import { SLUG } from '../http/slug.js';
import { EtagInterceptor } from '../http/etag.interceptor.js';
import { langOf } from '../http/lang.js';
import { ProblemException } from '../http/problem.js';
import { BusinessCalendar } from '../config/business-calendar.js';
import { AlertsService } from './alerts.service.js';
import { CooperationStates } from './cooperation-states.js';
import { cooperationView } from './cooperation.view.js';
import { decisionDossier } from './decision-dossier.js';
import { meetingsCalendar } from './meetings-calendar.js';
import { timelineCsv } from './timeline-csv.js';
import { standingOn } from './business-time.js';
import { businessDayOf, cooperationDiff, eventsRecordedBy, isBareDay, recordTimeOf } from './time-travel.js';

/** An integer query parameter from `min` to `max`, `fallback` when absent. */
const intParameter = (name: string, value: string | undefined, fallback: number, min: number, max: number): number => {
  if (value === undefined) return fallback;
  if (!/^\d{1,9}$/.test(value) || Number(value) < min || Number(value) > max) {
    throw new ProblemException('ValidationFailed', {}, [{ field: name, messages: [`${name} must be an integer between ${min} and ${max}`] }]);
  }
  return Number(value);
};

/** A cooperation's state after `events`, continuing from `state`. */
const foldFrom = (state: CooperationState, events: readonly RecordedEvent[]): CooperationState =>
  foldWith(cooperationDecider, state, events.map((e) => toDomainEvent<CooperationEvent>(e)));

/** A state at a revision, and the record time of the events it may name (corrections). */
interface Folded {
  readonly state: CooperationState;
  readonly revision: number;
  readonly recordedAtOf: (eventId: string) => string | undefined;
}

/**
 * The same, folded from the events themselves (record times out of order, where the cache's snapshots do not apply);
 * `prefix`, when given, is that state already folded over the first events: only the rest are folded.
 */
const foldedFrom = (events: readonly RecordedEvent[], prefix?: { readonly folded: Folded; readonly length: number }): Folded => {
  const recordedAt = new Map(events.map((e) => [e.eventId, e.metadata.recordedAt]));
  const state = prefix ? foldFrom(prefix.folded.state, events.slice(prefix.length)) : foldFrom(cooperationDecider.initialState(), events);
  return { state, revision: events.at(-1)?.revision ?? -1, recordedAtOf: (eventId) => recordedAt.get(eventId) };
};

/** The reader's view of a folded state, roles "current" on `today` (the day looked at). */
const present = ({ state, revision, recordedAtOf }: Folded, today: string, directory: Directory) => cooperationView(state, revision, directory, today, recordedAtOf);

/** A text served as a file to download, named after the cooperation (`coop:citees-marseille` → `coop-citees-marseille…`). */
const attachment = (text: string, type: string, cooperationId: string, suffix: string): StreamableFile =>
  new StreamableFile(Buffer.from(text, 'utf8'), { type: `${type}; charset=utf-8`, disposition: `attachment; filename="${cooperationId.replace(/[^\w-]+/g, '-')}${suffix}"` });

@ApiTags('cooperations')
@Controller('cooperations')
@UseGuards(CooperationAccessGuard)
export class CooperationQueriesController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly directory: DirectoryService,
    private readonly projections: ProjectionRunner,
    @Inject(READ_MODELS) private readonly readModels: ReadModelsConnection,
    private readonly alertsService: AlertsService,
    private readonly states: CooperationStates,
    private readonly exports: ExportTrail,
    private readonly businessCalendar: BusinessCalendar,
  ) {}

  @Get()
  @ApiOperation({ summary: 'The cooperations: name, territory, form, phase, programme, members count, charter status, last activity. `organisationId` gives an organisation’s portfolio (where it takes part now), `programmeId` a programme’s' })
  @ApiQuery({ name: 'phase', required: false, enum: COOPERATION_PHASES })
  @ApiQuery({ name: 'organisationId', required: false })
  @ApiQuery({ name: 'programmeId', required: false })
  async list(@CurrentPrincipal() principal: Principal, @Query('phase') phase?: string, @Query('organisationId') organisationId?: string, @Query('programmeId') programmeId?: string) {
    const issues = [
      ...(phase !== undefined && !(COOPERATION_PHASES as readonly string[]).includes(phase) ? [{ field: 'phase', messages: [`phase must be one of: ${COOPERATION_PHASES.join(', ')}`] }] : []),
      ...Object.entries({ organisationId, programmeId }).flatMap(([field, value]) => (value !== undefined && !SLUG.test(value) ? [{ field, messages: [`${field} must be a slug such as org:inter-made`] }] : [])),
    ];
    if (issues.length) throw new ProblemException('ValidationFailed', {}, issues);
    // Read your writes: give the list a moment to reach what was appended before this request.
    await this.projections.waitUntilCaughtUp();
    return { cooperations: readableRows(principal)(getCooperations(this.readModels.db, { phase, organisationId, programmeId })) };
  }

  /** The cooperation folded up to its last event (the cache continues from its previous call), or 404. */
  private async head(id: string) {
    const head = await this.states.head(cooperationStream(id));
    if (head.revision === -1) throw new ProblemException('CooperationNotFound', { cooperationId: id });
    return head;
  }

  /** The state over the events recorded by `instant`: from the nearest snapshot, or filtered from the whole stream when record times are out of order. */
  private async recordedBy(id: string, instant: string): Promise<Folded> {
    const cached = await this.states.recordedBy(cooperationStream(id), instant);
    return cached ?? foldedFrom(eventsRecordedBy(await this.store.readStream(cooperationStream(id)), instant));
  }

  /** 404 for a cooperation asked as of an instant before its first record: not « inconnue », and when it was first recorded. */
  private async notYetRecorded(id: string, instant: string): Promise<ProblemException> {
    const [first] = await this.store.readStream(cooperationStream(id), { maxCount: 1 });
    return new ProblemException('NotYetRecorded', { cooperationId: id, asOf: instant, firstRecordedAt: first?.metadata.recordedAt ?? null });
  }

  /** 404 for an unknown cooperation: its first event is enough to know. */
  private async exists(id: string): Promise<void> {
    if (!(await streamExists(this.store, cooperationStream(id)))) throw new ProblemException('CooperationNotFound', { cooperationId: id });
  }

  /** 404 for an unknown cooperation, then read-your-writes on the read models. */
  private async readModelOf(id: string): Promise<void> {
    await this.exists(id);
    await this.projections.waitUntilCaughtUp();
  }

  @Get(':id')
  @UseInterceptors(EtagInterceptor)
  @ApiOperation({
    summary:
      'State of a cooperation folded from its stream: now, or as the log held it at a record time (`asOf`) or revision (`revision`); ' +
      'with `on`, as it stood on a business day (404 `NotYetProposed` before its proposal). ' +
      'Personal data (representatives’ names and titles, signatories’ capacities, witnesses’ names) is stored encrypted; once a person is ' +
      'erased (`carnet erase-person`) each of their values reads « [donnée effacée] », here and in every other response',
  })
  @ApiQuery({ name: 'asOf', required: false, description: 'ISO date-time, or a day meaning its end (UTC)' })
  @ApiQuery({ name: 'revision', required: false })
  @ApiQuery({
    name: 'on',
    required: false,
    description:
      'A business day (2025-06-30): the cooperation as it stood that day — the facts the timeline places on or before it, as the log now reads ' +
      '(or, with asOf or revision, as it read then); roles judged current that day',
  })
  async get(@Param('id') id: string, @Query('asOf') asOf?: string, @Query('revision') revision?: string, @Query('on') on?: string) {
    if (asOf !== undefined && revision !== undefined) {
      throw new ProblemException('ValidationFailed', {}, [{ field: 'asOf', messages: ['give asOf or revision, not both'] }]);
    }
    const day = on === undefined ? undefined : businessDayOf('on', on);
    const { known, today, instant } = await this.lookedAt(id, asOf, revision);
    const directory = await this.directory.current();
    const recordTime = instant ? { asOf: instant } : {};
    if (day === undefined) return { ...present(known, today, directory), ...recordTime };
    const events = await this.store.readStream(cooperationStream(id), { maxCount: known.revision + 1 });
    const state = standingOn(known.state, events, day);
    if (!state.exists) throw new ProblemException('NotYetProposed', { cooperationId: id, on: day, proposedOn: known.state.proposedOn ?? null });
    return { ...present({ ...known, state }, day, directory), ...recordTime, on: day };
  }

  /** The state looked at — now, at a record time or at a revision — and the day its roles are judged current on. */
  private async lookedAt(id: string, asOf: string | undefined, revision: string | undefined): Promise<{ known: Folded; today: string; instant?: string }> {
    const head = await this.head(id);
    if (asOf !== undefined) {
      const instant = recordTimeOf('asOf', asOf);
      const known = await this.recordedBy(id, instant);
      if (known.revision === -1) throw await this.notYetRecorded(id, instant);
      return { known, today: this.dayLookedAt(asOf, instant), instant };
    }
    if (revision !== undefined) {
      const wanted = intParameter('revision', revision, 0, 0, 1_000_000_000);
      if (wanted > head.revision) throw new ProblemException('RevisionNotFound', { cooperationId: id, revision: wanted, lastRevision: head.revision });
      const known = await this.states.atRevision(cooperationStream(id), wanted);
      // Roles "current" as of the moment looked at: the day of that event's record time, not today.
      return { known, today: this.businessCalendar.dayOf(known.recordedAt!) };
    }
    return { known: head, today: this.businessCalendar.today() };
  }

  @Get(':id/diff')
  @ApiOperation({
    summary: 'What changed between two record times: phase, members in and out, roles assigned and ended, seats, signatures, charters, and the events in between',
  })
  @ApiQuery({ name: 'from', required: true, description: 'ISO date-time, or a day meaning its start (UTC): its changes are listed' })
  @ApiQuery({ name: 'to', required: false, description: 'ISO date-time, or a day meaning its end (UTC); defaults to now' })
  async diff(@Param('id') id: string, @Query('from') from?: string, @Query('to') to?: string) {
    if (from === undefined) throw new ProblemException('ValidationFailed', {}, [{ field: 'from', messages: ['from is required'] }]);
    // A bare day `from` takes in that day's changes, as an export's window does: the state before is the log at its start.
    const opens = recordTimeOf('from', from, 'start');
    const start = isBareDay(from) ? new Date(Date.parse(opens) - 1).toISOString() : opens;
    const end = to === undefined ? new Date().toISOString() : recordTimeOf('to', to);
    if (end < opens) throw new ProblemException('ValidationFailed', {}, [{ field: 'to', messages: ['to must not precede from'] }]);
    await this.head(id);
    const stream = cooperationStream(id);
    const [cachedBefore, cachedAfter] = [await this.states.recordedBy(stream, start), await this.states.recordedBy(stream, end)];
    let before: Folded;
    let after: Folded;
    let between: readonly RecordedEvent[];
    if (cachedBefore && cachedAfter) {
      // Both from the nearest snapshots; only the events in between are read, to list them.
      [before, after] = [cachedBefore, cachedAfter];
      between = after.revision > before.revision ? await this.store.readStream(stream, { fromRevision: before.revision + 1, maxCount: after.revision - before.revision }) : [];
    } else {
      // Record times out of order: the events recorded by each instant, filtered from the whole stream.
      const events = await this.store.readStream(stream);
      const known = eventsRecordedBy(events, start);
      const later = eventsRecordedBy(events, end);
      between = later.slice(known.length);
      // The later state continues from the earlier one: the stream's prefix is folded once.
      before = foldedFrom(known);
      after = foldedFrom(later, { folded: before, length: known.length });
    }
    if (after.revision === -1) throw await this.notYetRecorded(id, end);
    const directory = await this.directory.current();
    return {
      cooperationId: id,
      from: start,
      to: end,
      ...cooperationDiff(
        before.revision === -1 ? null : present(before, this.dayLookedAt(from, start), directory),
        present(after, this.dayLookedAt(to ?? end, end), directory),
        between,
      ),
    };
  }

  /**
   * The day roles are judged current on when looking back at `instant`, read from the query's `value`: a bare day is
   * that day (its instant is the day's UTC end, or the eve's for a window's start, which the day where the
   * cooperations are could put on the next day); a date-time is the day it falls on where the cooperations are.
   */
  private dayLookedAt(value: string, instant: string): string {
    return isBareDay(value) ? dayOf(instant) : this.businessCalendar.dayOf(instant);
  }

  @Get(':id/timeline')
  @ApiOperation({ summary: 'The steering committee’s timeline, in business-date order, labelled in French (default) or English' })
  @ApiQuery({ name: 'lang', required: false, enum: ['fr', 'en'] })
  async timeline(@Param('id') id: string, @Query('lang') lang?: string) {
    const language = langOf(lang);
    await this.readModelOf(id);
    return { cooperationId: id, lang: language, items: getTimeline(this.readModels.db, id, language) };
  }

  @Get(':id/timeline.csv')
  @ApiOperation({
    summary:
      'The same timeline as a CSV file for a spreadsheet (text/csv, UTF-8 with a byte order mark, `;` between French columns and `,` between ' +
      'English ones): business date, precision, approximate or not, label, type, demo assumption, record time, actor, source, event id, ' +
      'the end of a range (columns are only ever added, at the end). Each download is recorded first, as a `DataExported` event of the ' +
      '`audit-exports` stream',
  })
  @ApiProduces('text/csv')
  @ApiQuery({ name: 'lang', required: false, enum: ['fr', 'en'] })
  async timelineFile(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Query('lang') lang?: string): Promise<StreamableFile> {
    const language = langOf(lang);
    await this.readModelOf(id);
    await this.exports.record(principal, { export: 'timelineCsv', cooperationId: id, lang: language });
    return attachment(timelineCsv(getTimeline(this.readModels.db, id, language), language), 'text/csv', id, language === 'fr' ? '-chronologie.csv' : '-timeline.csv');
  }

  @Get(':id/commitments')
  @ApiOperation({ summary: 'The commitment ledger: pledges as revised, disbursements, co-funding allocations, status; totals leave undisclosed amounts out' })
  @ApiQuery({ name: 'lang', required: false, enum: ['fr', 'en'] })
  async commitments(@Param('id') id: string, @Query('lang') lang?: string) {
    const language = langOf(lang);
    await this.readModelOf(id);
    return { cooperationId: id, lang: language, ...getLedger(this.readModels.db, id, language) };
  }

  @Get(':id/decisions')
  @ApiOperation({
    summary: 'The decision log of each governance instance: meetings, who sat and who attended on that date, what was decided. A guest’s capacity reads « [donnée effacée] » once that person is erased',
  })
  async decisions(@Param('id') id: string) {
    await this.readModelOf(id);
    const directory = await this.directory.current();
    const nameOf = (organisationId: string) => directory.organisation(organisationId)?.name ?? organisationId;
    const log = getGovernanceLog(this.readModels.db, id);
    const personGuests = await this.personGuestsOf(id, log.some((instance) => instance.meetings.some((m) => m.guests.some((g) => g.personId !== undefined))));
    const instances = log.map((instance) => ({
      ...instance,
      meetings: instance.meetings.map((meeting) => ({
        ...meeting,
        guests: personGuests.get(meeting.meetingId) ?? meeting.guests,
        composition: meeting.composition.map((seat) => ({ ...seat, holderName: nameOf(seat.holderOrganisationId) })),
      })),
    }));
    return { cooperationId: id, instances };
  }

  @Get(':id/calendar')
  @ApiOperation({
    summary:
      'The cooperation’s meetings as an iCalendar (text/calendar, RFC 5545), for a calendar application: one all-day event per meeting, held or ' +
      'planned, with its body, place, agenda and status; a date known to the month or the year only sits on its first day and says so',
  })
  @ApiProduces('text/calendar')
  @ApiQuery({ name: 'lang', required: false, enum: ['fr', 'en'] })
  async calendar(@Param('id') id: string, @Query('lang') lang?: string): Promise<StreamableFile> {
    await this.readModelOf(id);
    const name = getCooperations(this.readModels.db, { cooperationId: id })[0]?.name ?? id;
    return attachment(meetingsCalendar({ cooperationId: id, name }, getGovernanceLog(this.readModels.db, id), new Date().toISOString(), langOf(lang)), 'text/calendar', id, '.ics');
  }

  @Get(':id/decisions/:decisionId')
  @ApiOperation({
    summary:
      'The dossier of one decision, rebuilt from the stream as it now reads (or, with `asOf`, as the log held it then: corrections ' +
      'recorded later left out): the body that took it (mandate, quorum rule), the meeting (agenda, who sat on the body that day, who ' +
      'attended or apologised, guests), the charter versions in force that day, votes and outcome, who recorded it and when, what the log ' +
      'records afterwards citing it, and the corrections made to what it shows (the decision, its meeting, the body, the seats, the charters)',
  })
  @ApiQuery({ name: 'lang', required: false, enum: ['fr', 'en'] })
  @ApiQuery({ name: 'asOf', required: false, description: 'ISO date-time, or a day meaning its end (UTC): the dossier as known then' })
  async decision(@Param('id') id: string, @Param('decisionId') decisionId: string, @Query('lang') lang?: string, @Query('asOf') asOf?: string) {
    const language = langOf(lang);
    const instant = asOf === undefined ? undefined : recordTimeOf('asOf', asOf);
    const head = await this.head(id);
    // As known then: the log's events recorded by that instant, a correction recorded later not yet among them.
    const known = instant === undefined ? head : await this.recordedBy(id, instant);
    const directory = await this.directory.current();
    const dossier = decisionDossier(known.state, decisionId, {
      nameOf: (organisationId) => directory.organisation(organisationId)?.name ?? organisationId,
      recordedAtOf: known.recordedAtOf,
      lang: language,
    });
    if (!dossier) throw new ProblemException('DecisionNotOnRecord', { cooperationId: id, decisionId, ...(instant ? { asOf: instant } : {}) });
    // When it was recorded, by whom, in which capacity and from which source: the event's own metadata.
    const recorded = dossier.decision.eventId ? await this.store.readEvent(dossier.decision.eventId) : undefined;
    const { recordedAt, actor, source } = recorded?.metadata ?? {};
    return {
      cooperationId: id,
      lang: language,
      ...(instant ? { asOf: instant } : {}),
      ...dossier,
      decision: { ...dossier.decision, ...(recordedAt ? { recordedAt } : {}), ...(actor ? { actor } : {}), ...(source ? { source } : {}) },
    };
  }

  /**
   * The read model keeps no person's capacity (GDPR): the guests of held meetings as the log now reads them (the
   * cooperation's folded state: decrypted or erased, corrections applied, a corrected capacity included).
   */
  private async personGuestsOf(id: string, needed: boolean): Promise<Map<string, LoggedMeeting['guests']>> {
    if (!needed) return new Map();
    const held = loggedEvents((await this.head(id)).state).flatMap((e) => (e.type === 'MeetingHeld' ? [e.data] : []));
    return new Map(held.map((meeting) => [meeting.meetingId, meeting.attendees.flatMap((a) => ('guest' in a ? [a.guest] : []))]));
  }

  @Get(':id/actions')
  @ApiOperation({ summary: 'The actions board (actions by lead, status and results) and the milestones planned and reached' })
  async actions(@Param('id') id: string) {
    await this.readModelOf(id);
    return { cooperationId: id, ...getActionsBoard(this.readModels.db, id) };
  }

  @Get(':id/indicators')
  @ApiOperation({
    summary:
      'The indicators agreed (« indicateurs acceptés de tous », E47) with what each evaluation measured of them, oldest first, and the ' +
      'evaluations (E48) latest first: their kind, who conducted them, period, measurements, findings and report',
  })
  async indicators(@Param('id') id: string) {
    await this.readModelOf(id);
    return { cooperationId: id, ...getIndicators(this.readModels.db, id) };
  }

  @Get(':id/alerts')
  @ApiOperation({
    summary:
      'Alerts for this cooperation, computed against today’s date (CARNET_TIME_ZONE): meeting to convene, meeting overdue, milestone overdue, Lead rotation due, ' +
      'signatures pending, a departed member’s open commitments, no Coordinator or Facilitator in office once started (noFacilitator); none once the cooperation is closed',
  })
  @ApiQuery({ name: 'lang', required: false, enum: ['fr', 'en'] })
  async alerts(@Param('id') id: string, @Query('lang') lang?: string) {
    const language = langOf(lang);
    await this.readModelOf(id);
    return { cooperationId: id, lang: language, alerts: await this.alertsService.current(language, id) };
  }

  @Get(':id/events')
  @ApiOperation({ summary: 'The stream’s history with metadata, page by page' })
  @ApiQuery({ name: 'fromRevision', required: false }) @ApiQuery({ name: 'limit', required: false })
  async events(@Param('id') id: string, @Query('fromRevision') fromRevision?: string, @Query('limit') limit?: string) {
    await this.exists(id);
    const from = intParameter('fromRevision', fromRevision, 0, 0, 1_000_000_000);
    // At least one: a page of none would hand back the same nextFromRevision, and a client following it would never end.
    const count = intParameter('limit', limit, 100, 1, 1000);
    const page = await this.store.readStream(cooperationStream(id), { fromRevision: from, maxCount: count + 1 });
    return {
      cooperationId: id,
      events: page.slice(0, count),
      nextFromRevision: page.length > count ? page[count]!.revision : null,
    };
  }
}
