import { foldWith, type Command, type Decider, type DomainEvent } from '#domain';
import { eventIdFor } from './command-ids.js';
import type { EventMetadata, EventVisibility, FoldableEvent, Position, Provenance, RecordedEvent } from './envelope.js';
import { ConcurrencyConflict, DuplicateEventId } from './event-store.errors.js';
import type { EventStore } from './event-store.port.js';
import type { StreamStateCache } from './stream-state-cache.js';

export interface CommandMessage<C extends Command> {
  readonly streamId: string;
  readonly command: C;
  readonly commandId: string;
  /** From `If-Match`: append only if the stream is still at this revision; never re-decide. */
  readonly expectedRevision?: number;
  readonly correlationId?: string;
  readonly causationId?: string;
  readonly commandHash?: string;
  readonly source?: Provenance;
  /** Who the events are shared with; consortium when left out. */
  readonly visibility?: EventVisibility;
}

export interface CommandResult {
  readonly streamId: string;
  /** Revision of the stream's last event after the command (-1: the stream is still empty). */
  readonly revision: number;
  readonly events: readonly { readonly eventId: string; readonly type: string; readonly position: Position }[];
  /** True when an earlier identical command had already been recorded: nothing new was appended. */
  readonly replayed: boolean;
}

/** The same idempotency key arrived with another command body. */
export class IdempotencyKeyReused extends Error {
  readonly code = 'IdempotencyKeyReused';
  constructor(readonly commandId: string) {
    super(`Idempotency key already used for a different command (${commandId})`);
  }
}

export interface HandleCommandOptions<Ctx, C extends Command = Command, S = unknown> {
  /** Read-only view of what lies outside the stream, fresh for each attempt. */
  readonly context: () => Promise<Ctx> | Ctx;
  readonly maxAttempts?: number;
  readonly schemaVersionOf?: (type: string) => number;
  /** Throws when the caller may not run this command on this state (the access policy); nothing is appended. */
  readonly authorize?: (command: C, state: S) => void;
  /**
   * The decider's states kept between commands (built with `foldOf(decider)` over the same store): each command then
   * folds only the events appended since, instead of the whole stream.
   */
  readonly cache?: StreamStateCache<S>;
}

/** The stream as a command needs it: its state, its last revision, and the events an earlier try of this command recorded. */
interface Loaded<S> {
  readonly state: S;
  readonly current: number | undefined;
  readonly earlier: () => Promise<readonly RecordedEvent[]>;
}

const COMMAND_PAGE = 16;

/**
 * The run of events `commandId` recorded in the stream from `fromRevision` on, in `direction`, read a page at a time
 * up to the first event of another command (one append: a command's events are contiguous).
 */
const runOfCommand = async (store: EventStore, streamId: string, commandId: string, fromRevision: number, direction: 'forwards' | 'backwards'): Promise<RecordedEvent[]> => {
  const found: RecordedEvent[] = [];
  for (let from = fromRevision; from >= 0; ) {
    const page = await store.readStream(streamId, { direction, fromRevision: from, maxCount: COMMAND_PAGE });
    const end = page.findIndex((e) => e.metadata.commandId !== commandId);
    found.push(...(end === -1 ? page : page.slice(0, end)));
    if (end !== -1 || page.length < COMMAND_PAGE) break;
    from = page.at(-1)!.revision + (direction === 'forwards' ? 1 : -1);
  }
  return found;
};

/** The events of the command that recorded `event`, read around it in its stream, in revision order. */
export const eventsOfCommandAround = async (store: EventStore, event: RecordedEvent): Promise<RecordedEvent[]> => {
  const { commandId } = event.metadata;
  const before = await runOfCommand(store, event.streamId, commandId, event.revision - 1, 'backwards');
  return [...before.reverse(), ...(await runOfCommand(store, event.streamId, commandId, event.revision, 'forwards'))];
};

const load = async <E extends DomainEvent, S>(
  store: EventStore,
  decider: Pick<Decider<never, E, S, never>, 'initialState' | 'evolve' | 'evolveAll'>,
  streamId: string,
  commandId: string,
  cache: StreamStateCache<S> | undefined,
): Promise<Loaded<S>> => {
  if (cache) {
    const head = await cache.head(streamId);
    const first = head.revisionOfCommand(commandId);
    return {
      state: head.state,
      current: head.revision === -1 ? undefined : head.revision,
      earlier: async () => (first === undefined ? [] : runOfCommand(store, streamId, commandId, first, 'forwards')),
    };
  }
  const history = await store.readStream(streamId);
  return {
    state: foldWith(decider, decider.initialState(), history.map((e) => toDomainEvent<E>(e))),
    current: history.at(-1)?.revision,
    earlier: async () => history.filter((e) => e.metadata.commandId === commandId),
  };
};

/** A stored event as its decider folds it: type, data and id (a correction, E50, names the event it corrects). */
export const toDomainEvent = <E extends DomainEvent>(recorded: FoldableEvent): E => ({ eventId: recorded.eventId, type: recorded.type, data: recorded.data }) as E;

const answerOf = (streamId: string, recorded: readonly RecordedEvent[], replayed: boolean, revision: number): CommandResult => ({
  streamId,
  revision,
  events: recorded.map(({ eventId, type, position }) => ({ eventId, type, position })),
  replayed,
});

/**
 * Commands on one stream take turns in this process: run together, all but one would lose the race for the same
 * revision and be re-decided (under group commit, each batch held several per stream). Other processes still race,
 * and the expected revision settles it.
 */
const turns = new WeakMap<EventStore, Map<string, Promise<unknown>>>();

const inTurn = <T>(store: EventStore, streamId: string, work: () => Promise<T>): Promise<T> => {
  let streams = turns.get(store);
  if (!streams) turns.set(store, (streams = new Map()));
  const mine = (streams.get(streamId) ?? Promise.resolve()).then(work, work);
  const done = mine.then(
    () => undefined,
    () => undefined,
  );
  streams.set(streamId, done);
  void done.then(() => {
    if (streams.get(streamId) === done) streams.delete(streamId);
  });
  return mine;
};

/**
 * Decisions per command when other processes keep winning its stream's revision: each node runs its own commands on a
 * stream in turn, so another node may win several times in a row (its queue), and five attempts did lose against a
 * busy second node on a loaded machine. Ten, the random waits capped, stay under half a second in all.
 */
const MAX_ATTEMPTS = 10;
const MAX_BACKOFF_MS = 64;

/**
 * read → fold → decide → append, the whole write side (with a cache: read what is new → continue the fold). Without an expected revision a lost race is
 * re-decided on fresh state (a few times); with one, it surfaces as a ConcurrencyConflict. A command already
 * recorded (same command id) returns its first answer and appends nothing.
 */
export const handleCommand = async <C extends Command, E extends DomainEvent, S, Ctx>(
  store: EventStore,
  decider: Decider<C, E, S, Ctx>,
  message: CommandMessage<C>,
  options: HandleCommandOptions<Ctx, C, S>,
): Promise<CommandResult & { readonly recorded: readonly E[] }> => inTurn(store, message.streamId, () => decideAndAppend(store, decider, message, options));

const decideAndAppend = async <C extends Command, E extends DomainEvent, S, Ctx>(
  store: EventStore,
  decider: Decider<C, E, S, Ctx>,
  message: CommandMessage<C>,
  options: HandleCommandOptions<Ctx, C, S>,
): Promise<CommandResult & { readonly recorded: readonly E[] }> => {
  const { streamId, command, commandId } = message;
  const maxAttempts = options.maxAttempts ?? MAX_ATTEMPTS;
  let lastConflict: ConcurrencyConflict | undefined;
  /** The first answer of this command, recorded earlier (an idempotent retry): nothing is decided or appended again. */
  const replayed = (earlier: readonly RecordedEvent[]) => {
    if (message.commandHash && earlier[0]!.metadata.commandHash !== message.commandHash) throw new IdempotencyKeyReused(commandId);
    return { ...answerOf(streamId, earlier, true, earlier.at(-1)!.revision), recorded: earlier.map((e) => toDomainEvent<E>(e)) };
  };

  for (let attempt = 0; attempt < maxAttempts; attempt++) {
    const { state, current, earlier: recordedBefore } = await load(store, decider, streamId, commandId, options.cache);
    // Before the idempotent replay too: a retried key must not reveal a first answer to someone not allowed to act.
    options.authorize?.(command, state);

    const earlier = await recordedBefore();
    if (earlier.length) return replayed(earlier);
    if (message.expectedRevision !== undefined && message.expectedRevision !== current) {
      // A stream that does not exist: what the command names is unknown (the decider's 404) before it is stale.
      if (current === undefined) decider.decide(command, state, await options.context());
      throw new ConcurrencyConflict(streamId, message.expectedRevision, current ?? 'noStream');
    }

    const decided = decider.decide(command, state, await options.context());
    if (decided.length === 0) return { ...answerOf(streamId, [], false, current ?? -1), recorded: [] };

    const occurredAt = command.metadata.occurredAt ?? decider.businessDateOf(command);
    const metadata: EventMetadata = {
      actor: command.metadata.actor,
      recordedAt: command.metadata.now,
      recordedOn: command.metadata.today,
      correlationId: message.correlationId ?? commandId,
      causationId: message.causationId ?? commandId,
      commandId,
      ...(message.commandHash ? { commandHash: message.commandHash } : {}),
      ...(occurredAt ? { occurredAt } : {}),
      ...(message.source ? { source: message.source } : {}),
      visibility: message.visibility ?? 'consortium',
    };
    const envelopes = decided.map((event, index) => ({
      eventId: eventIdFor(commandId, index),
      type: event.type,
      schemaVersion: options.schemaVersionOf?.(event.type) ?? 1,
      data: event.data,
      metadata,
    }));

    try {
      const appended = await store.append(streamId, envelopes, { expectedRevision: current ?? 'noStream' });
      const recorded = envelopes.map((e, i) => ({ ...e, streamId, revision: (current ?? -1) + i + 1, position: appended.positions[i]! }));
      return { ...answerOf(streamId, recorded, false, appended.nextExpectedRevision), recorded: decided };
    } catch (error) {
      if (error instanceof DuplicateEventId) {
        // A concurrent retry of this command (same command id, so same event ids) landed first: answer with what it
        // recorded. Found nowhere in this stream, the ids are another stream's: the same command id (an Idempotency-Key
        // reused on a create route with another id in its body, so for another stream) already recorded something else.
        const earlier = await (await load(store, decider, streamId, commandId, options.cache)).earlier();
        if (earlier.length) return replayed(earlier);
        throw new IdempotencyKeyReused(commandId);
      }
      if (!(error instanceof ConcurrencyConflict) || message.expectedRevision !== undefined) throw error;
      lastConflict = error;
      // Another process won the revision: wait a random while before deciding again, so two writers that keep
      // reading the same revision at the same moment fall out of step instead of losing in turn until the last attempt.
      if (attempt + 1 < maxAttempts) await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(2 ** (attempt + 1), MAX_BACKOFF_MS)));
    }
  }
  throw lastConflict ?? new ConcurrencyConflict(streamId, message.expectedRevision ?? 'any', 'noStream');
};
