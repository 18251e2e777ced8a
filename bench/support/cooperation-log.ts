/**
 * A realistic log for the storage benchmarks: shared registries (organisations, territories, programmes) and thousands
 * of cooperations, each living through proposal, members, roles, representatives, a steering committee and its seats,
 * a charter signed into force, then years of meetings, decisions, actions, milestones, commitments, disbursements,
 * evaluations, arrivals, departures and lead hand-overs. Every payload is typed against the domain's events, so it is
 * what the projections read; personal values (representatives' names and titles, signatories' capacities, guests'
 * capacities) go through the personal-data view and are stored encrypted, as the API stores them. Cooperations
 * advance in turns of a few events each, so streams interleave in the global order as they would in production.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  cooperationStream,
  CURRENT_SCHEMA_VERSIONS,
  DEFAULT_PROGRAMME_POLICIES,
  organisationStream,
  programmeStream,
  territoryStream,
  type CooperationEvent,
  type OrganisationRegistered,
  type ProgrammeLaunched,
  type TerritoryDefined,
} from '#domain';
import { personalDataEventStore, SqliteEventStore, SqlitePersonKeys, type EventMetadata, type NewEvent } from '#event-store';

type Data<T extends CooperationEvent['type']> = Extract<CooperationEvent, { type: T }>['data'];
type Fact = { readonly type: string; readonly data: object };
const fact = <T extends CooperationEvent['type']>(type: T, data: Data<T>): Fact => ({ type, data });

export const ORGANISATIONS = 2_000;
export const TERRITORIES = 200;
export const PROGRAMMES = 10;
/** Events per cooperation, on average: with a million events, some 4,000 cooperations. */
export const EVENTS_PER_COOPERATION = 250;
/** Events one cooperation appends per turn (one append, one transaction). */
const TURN = 25;
/** Bump when the generated log changes: a cached data directory of another version is regenerated. */
const GENERATOR_VERSION = 1;

const org = (n: number): string => `org:bench-${((n % ORGANISATIONS) + ORGANISATIONS) % ORGANISATIONS}`;
const territory = (n: number): string => `territory:bench-${n % TERRITORIES}`;
const cooperationId = (c: number): string => `coop:bench-${c}`;
const year = (c: number, cycle: number): number => 2018 + ((c + cycle) % 8);
const day = (y: number, n: number): string => `${y}-${String(1 + (n % 12)).padStart(2, '0')}-${String(1 + (n % 28)).padStart(2, '0')}`;

/** One cooperation's history, produced lazily: a million events never sit in memory at once. */
function* cooperationFacts(c: number): Generator<Fact> {
  const id = cooperationId(c);
  const members = Array.from({ length: 8 }, (_, k) => org(c * 7 + k * 13));
  const people = members.slice(0, 4).map((_, k) => `person:bench-${c}-${k}`);
  const instanceId = `instance:${c}-copil`;
  const seats = members.slice(0, 6).map((_, k) => `seat:${c}-${k}`);
  const charterId = `charter:${c}`;
  const y0 = year(c, 0);
  yield fact('CooperationProposed', {
    cooperationId: id,
    name: `Coopération territoriale n° ${c}`,
    purpose: 'Réduire les inégalités sociales de santé par l’action collective dans les quartiers prioritaires',
    levers: ['accès aux soins', 'alimentation'],
    territoryIds: [territory(c), territory(c + 1)],
    form: (['consortium', 'collective', 'ptce', 'coalition'] as const)[c % 4],
    origin: (['preExisting', 'initiatedByFoundation', 'callResponse', 'institutional'] as const)[c % 4],
    initiatorOrganisationIds: [members[0]!],
    ...(c % 3 === 0 ? { programmeId: `programme:bench-${c % PROGRAMMES}` } : {}),
    thematicAreas: ['santé', 'alimentation durable'],
    proposedOn: `${y0}`,
  });
  for (const [k, organisationId] of members.entries()) {
    yield fact('MemberJoined', { organisationId, membershipType: k < 6 ? 'member' : 'associatedPartner', joinedOn: day(y0, k), expectations: 'mutualiser les moyens' });
  }
  const roles = ['Lead', 'Coordinator', 'Funder', 'Facilitator'] as const;
  for (const [k, role] of roles.entries()) {
    yield fact('RoleAssigned', { assignmentId: `assignment:${c}-${k}`, organisationId: members[k]!, role, from: `${y0}`, ...(role === 'Lead' ? { to: `${y0 + 1}` } : {}) });
  }
  for (const [k, personId] of people.entries()) {
    yield fact('RepresentativeDesignated', {
      organisationId: members[k]!, personId, personName: `Camille Martin-${c}-${k}`, title: 'Directrice générale', capacities: ['sign', 'sit', 'speak'], scope: 'cooperation', from: `${y0}`,
    });
  }
  yield fact('CooperationPhaseChanged', { fromPhase: 'identification', toPhase: 'diagnostic', rationale: 'les membres sont réunis' });
  yield fact('GovernanceInstanceCreated', {
    instanceId, ownerScope: 'cooperation', kind: 'steeringCommittee', label: 'Comité de pilotage', mandate: ['decide', 'orient', 'evaluate', 'adoptCharter'],
    frequency: { kind: 'timesPerYear', timesPerYear: 3 }, chairingModel: 'single', createdOn: day(y0, 3),
  });
  for (const [k, seatId] of seats.entries()) {
    yield fact('InstanceSeatAssigned', { seatId, instanceId, holderOrganisationId: members[k]!, ...(k < 4 ? { personId: people[k]! } : {}), seatType: k === 0 ? 'chair' : 'member', from: day(y0, 3) });
  }
  const signatories = members.slice(0, 4);
  yield fact('CharterDraftStarted', { charterId, kind: 'cooperationCharter', title: `Charte de la coopération n° ${c}`, draftingOrganisationIds: signatories.slice(0, 2), plannedSignatoryOrganisationIds: signatories });
  yield fact('CharterAdopted', { charterId, version: 1, instanceId, adoptedOn: day(y0, 5), contentHash: 'a'.repeat(64), requiredSignatoryOrganisationIds: signatories });
  for (const [k, organisationId] of signatories.entries()) {
    yield fact('CharterSigned', {
      charterId, version: 1, organisationId, signatoryPersonId: people[k]!, signatoryCapacity: 'présidente', signedOn: day(y0, 6), witnesses: [], contentHash: 'a'.repeat(64),
    });
  }
  yield fact('CharterEnteredIntoForce', { charterId, version: 1, effectiveOn: day(y0, 7), signatories });
  yield fact('CooperationPhaseChanged', { fromPhase: 'diagnostic', toPhase: 'framing' });
  yield fact('CooperationStarted', { startedOn: day(y0, 8), launchLabel: 'lancement officiel', warnings: [] });

  let lead = { organisationId: members[0]!, assignmentId: `assignment:${c}-0` };
  let joinedSoFar = members.length;
  const present = [...members];
  for (let cycle = 0; ; cycle++) {
    const y = year(c, cycle);
    const meetingId = `meeting:${c}-${cycle}`;
    yield fact('MeetingScheduled', { meetingId, instanceId, scheduledFor: day(y, cycle), location: 'Maison des associations', agenda: ['bilan des actions', 'programmation'], parts: [], answersRequestIds: [] });
    yield fact('MeetingHeld', {
      meetingId, heldOn: day(y, cycle), attendees: [...seats.slice(0, 5).map((seatId) => ({ seatId })), { guest: { personId: `person:bench-guest-${c}-${cycle % 3}`, capacity: 'experte invitée' } }],
      apologies: [seats[5]!], minutesRef: `pv-${c}-${cycle}.pdf`,
    });
    for (let d = 0; d < 2; d++) {
      yield fact('DecisionRecorded', {
        decisionId: `decision:${c}-${cycle}-${d}`, instanceId, meetingId, subjectType: d === 0 ? 'orientation' : 'actionRetained', outcome: 'approved',
        text: 'Le comité retient les actions de dépistage et d’aller-vers', votes: { for: 5, against: 0, abstain: 1 }, decidedOn: day(y, cycle),
      });
    }
    const commitmentId = `commitment:${c}-${cycle}`;
    yield fact('CommitmentPledged', {
      commitmentId, organisationId: members[2]!, coFunderOrganisationIds: [], kind: 'financialGrant', purpose: 'action', beneficiaryOrganisationId: members[1]!,
      amount: { status: 'stated', cents: 1_500_000 + 10_000 * (cycle % 7), currency: 'EUR' }, description: 'soutien aux actions de l’année', period: { from: `${y}`, to: `${y + 1}` }, conditions: ['rapport annuel'],
    });
    for (let a = 0; a < 2; a++) {
      const actionId = `action:${c}-${cycle}-${a}`;
      const milestoneId = `milestone:${c}-${cycle}-${a}`;
      yield fact('ActionLaunched', {
        actionId, title: `Action de terrain ${cycle}.${a}`, description: 'ateliers de prévention et permanences d’accès aux droits', lever: 'accès aux soins',
        leadOrganisationId: present[a % present.length]!, contributingOrganisationIds: present.slice(2, 5), territoryIds: [territory(c)], launchedOn: day(y, cycle + a), plannedEnd: `${y + 1}`,
      });
      yield fact('MilestonePlanned', { milestoneId, label: `Jalon ${cycle}.${a}`, kind: 'experimentation', dueBy: day(y, cycle + 6), warnings: [] });
      yield fact('FundsDisbursed', { disbursementId: `disbursement:${c}-${cycle}-${a}`, commitmentId, amount: { cents: 500_000, currency: 'EUR' }, toOrganisationId: members[1]!, disbursedOn: day(y, cycle + 2 + a) });
      yield fact('MilestoneReached', { milestoneId, planned: true, label: `Jalon ${cycle}.${a}`, kind: 'experimentation', reachedOn: day(y, cycle + 7), evidenceRef: `preuve-${c}-${cycle}-${a}.pdf` });
      yield fact('ActionCompleted', { actionId, completedOn: day(y, cycle + 9), results: [{ label: 'personnes accompagnées', value: 40 + a, unit: 'personnes' }], narrative: 'objectifs atteints' });
    }
    if (cycle % 2 === 1) {
      yield fact('CommitmentRevised', { commitmentId, changes: { amount: { status: 'stated', cents: 1_800_000, currency: 'EUR' } }, reason: 'avenant voté en comité', revisedOn: day(y, cycle + 4) });
    }
    yield fact('EvaluationRecorded', {
      evaluationId: `evaluation:${c}-${cycle}`, kind: 'annualReview', conductedByOrganisationId: members[3]!, period: { from: `${y}` },
      measurements: [{ label: 'participants', value: 120, unit: 'personnes' }], findings: 'dynamique partenariale solide',
    });
    if (cycle % 2 === 0) {
      // A newcomer joins and, from the third turn, the longest-standing associated partner leaves.
      const newcomer = org(c * 7 + joinedSoFar++ * 13);
      present.push(newcomer);
      yield fact('MemberJoined', { organisationId: newcomer, membershipType: 'associatedPartner', joinedOn: day(y, cycle + 10) });
      if (cycle >= 2) {
        const leaving = present.splice(6, 1)[0]!;
        yield fact('MemberLeft', { organisationId: leaving, leftOn: day(y, cycle + 11), reason: 'fin du partenariat' });
      }
    }
    if (cycle % 3 === 2) {
      const next = { organisationId: lead.organisationId === present[0] ? present[1]! : present[0]!, assignmentId: `assignment:${c}-lead-${cycle}` };
      yield fact('RoleHandedOver', {
        role: 'Lead', fromOrganisationId: lead.organisationId, toOrganisationId: next.organisationId, endedAssignmentId: lead.assignmentId, newAssignmentId: next.assignmentId, effectiveOn: `${y + 1}`,
      });
      lead = next;
    }
  }
}

const registryFacts = (): { streamId: string; fact: Fact }[] => [
  ...Array.from({ length: ORGANISATIONS }, (_, n) => ({
    streamId: organisationStream(org(n)),
    fact: {
      type: 'OrganisationRegistered',
      data: { organisationId: org(n), name: `Association de quartier n° ${n}`, aliases: [`Asso ${n}`], kind: n % 5 === 0 ? 'localAuthority' : 'association', networkMemberships: [] } satisfies OrganisationRegistered['data'],
    },
  })),
  ...Array.from({ length: TERRITORIES }, (_, n) => ({
    streamId: territoryStream(territory(n)),
    fact: {
      type: 'TerritoryDefined',
      data: { territoryId: territory(n), name: `Commune n° ${n}`, kind: 'municipality', componentNames: [], parentTerritoryIds: [], isQpv: n % 4 === 0 } satisfies TerritoryDefined['data'],
    },
  })),
  ...Array.from({ length: PROGRAMMES }, (_, n) => ({
    streamId: programmeStream(`programme:bench-${n}`),
    fact: {
      type: 'ProgrammeLaunched',
      data: {
        programmeId: `programme:bench-${n}`, name: `Programme ${n}`, ownerOrganisationIds: [org(0)], period: { from: '2017', to: '2030' }, thematicAreas: [], targetTerritoryIds: [],
        targetTerritoryLabels: [], phaseTemplate: [], policies: DEFAULT_PROGRAMME_POLICIES,
      } satisfies ProgrammeLaunched['data'],
    },
  })),
];

const START = Date.UTC(2024, 0, 1);

export interface GeneratedLog {
  readonly events: number;
  readonly cooperations: number;
  readonly streams: number;
  readonly elapsedMs: number;
}

/**
 * Appends `events` events (registries first, then cooperations in turns) to the SQLite store of `dataDir`, through the
 * personal-data view with the adapter's own append (hash chain, revision checks), `TURN` events per append. The
 * generating connection runs with `synchronous = OFF`: this is set-up, not a measurement, and the result is the same file.
 */
export const generateCooperationLog = async (dataDir: string, events: number, onProgress?: (written: number) => void): Promise<GeneratedLog> => {
  const started = Date.now();
  mkdirSync(dataDir, { recursive: true });
  const raw = SqliteEventStore.open(join(dataDir, 'carnet.sqlite'));
  raw.database.pragma('synchronous = OFF');
  const keys = SqlitePersonKeys.open(join(dataDir, 'person-keys.sqlite'));
  // The key store makes each person's key in its own durable transaction; the generator makes thousands.
  (keys as unknown as { db?: { pragma(source: string): unknown } }).db?.pragma('synchronous = OFF');
  const store = personalDataEventStore(raw, keys);
  let n = 0;
  const metadata = (): EventMetadata => {
    n += 1;
    const commandId = randomUUID();
    return {
      actor: { userId: `user:bench-${n % 50}` },
      recordedAt: new Date(START + n * 30_000).toISOString(),
      correlationId: commandId,
      causationId: commandId,
      commandId,
      ...(n % 4 === 0 ? { source: { document: 'compte-rendu.pdf', lines: `${n % 90}-${(n % 90) + 4}`, confidence: 'stated' as const } } : {}),
    };
  };
  const envelope = (f: Fact): NewEvent => ({
    eventId: randomUUID(),
    type: f.type,
    schemaVersion: CURRENT_SCHEMA_VERSIONS[f.type as keyof typeof CURRENT_SCHEMA_VERSIONS],
    data: f.data,
    metadata: metadata(),
  });
  try {
    const registry = registryFacts();
    for (const { streamId, fact: f } of registry.slice(0, events)) await store.append(streamId, [envelope(f)], { expectedRevision: 'noStream' });
    const cooperations = Math.max(1, Math.round((events - registry.length) / EVENTS_PER_COOPERATION));
    const streams = Array.from({ length: cooperations }, (_, c) => ({ streamId: cooperationStream(cooperationId(c)), facts: cooperationFacts(c), revision: -1 }));
    const total = () => n;
    while (total() < events) {
      for (const stream of streams) {
        const count = Math.min(TURN, events - total());
        if (count <= 0) break;
        const batch = Array.from({ length: count }, () => envelope(stream.facts.next().value as Fact));
        const { nextExpectedRevision } = await store.append(stream.streamId, batch, { expectedRevision: stream.revision < 0 ? 'noStream' : stream.revision });
        stream.revision = nextExpectedRevision;
      }
      onProgress?.(total());
    }
    return { events: total(), cooperations, streams: registry.length + cooperations, elapsedMs: Date.now() - started };
  } finally {
    await store.close();
  }
};

/** The data directory of the million-event store, shared by the rebuild and cold-start benchmarks of one run. */
export const MILLION = 1_000_000;
export const millionEventDir = (): string => process.env['CARNET_BENCH_1M_DIR'] ?? join(tmpdir(), `carnet-bench-1m-v${GENERATOR_VERSION}`);
const MARKER = 'generated.json';

/**
 * The million-event data directory, generated on first use and reused by the next benchmark of the run (a marker
 * file says it is complete and of this generator's version). Returns how it was obtained, for the notes.
 */
export const ensureMillionEventDir = async (log: (line: string) => void = console.log): Promise<{ dir: string; generated?: GeneratedLog }> => {
  const dir = millionEventDir();
  const marker = join(dir, MARKER);
  if (existsSync(marker)) {
    const saved = JSON.parse(readFileSync(marker, 'utf8')) as { version: number; events: number };
    if (saved.version === GENERATOR_VERSION && saved.events === MILLION) return { dir };
  }
  rmSync(dir, { recursive: true, force: true });
  log(`  generating ${MILLION.toLocaleString('en-GB')} events into ${dir}…`);
  let shown = 0;
  const generated = await generateCooperationLog(dir, MILLION, (written) => {
    if (written - shown >= 100_000) {
      shown = written - (written % 100_000);
      log(`    ${written.toLocaleString('en-GB')} events`);
    }
  });
  writeFileSync(marker, `${JSON.stringify({ version: GENERATOR_VERSION, ...generated })}\n`);
  log(`  generated ${generated.events.toLocaleString('en-GB')} events (${generated.cooperations.toLocaleString('en-GB')} cooperations) in ${(generated.elapsedMs / 1000).toFixed(1)} s`);
  return { dir, generated };
};

/** Removes the shared directory: the last benchmark that needs it calls this, unless CARNET_BENCH_KEEP_DATA=1. */
export const releaseMillionEventDir = (): void => {
  if (process.env['CARNET_BENCH_KEEP_DATA'] !== '1') rmSync(millionEventDir(), { recursive: true, force: true });
};
