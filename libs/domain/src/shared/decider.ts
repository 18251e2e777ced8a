/** An event as the domain produces it: a stored `type` string (the contract) and plain data. */
export interface DomainEvent<Type extends string = string, Data extends object = object> {
  readonly type: Type;
  readonly data: Data;
  /**
   * The stored event's id, when the shell folds events read from the store (absent on events `decide` returns):
   * `evolve` keeps it so a later correction (E50) can name the event it corrects.
   */
  readonly eventId?: string;
}

/** Who acts. It comes from the caller's identity, never from the command body. */
export interface Actor {
  readonly userId: string;
  readonly personId?: string;
  readonly organisationId?: string;
  readonly capacity?: string;
}

/** Everything a decision needs from the outside world arrives with the command: time, actor, business date. */
export interface CommandMetadata {
  /** Record time, ISO 8601 date-time, stamped by the shell. */
  readonly now: string;
  /**
   * The calendar day `now` falls on where the cooperations are (the deployment's time zone, Europe/Paris by default),
   * stamped by the shell: what "today" means for business dates (the future, current roles), which the UTC day of `now`
   * is not between midnight and one or two o'clock in France.
   */
  readonly today: string;
  readonly actor: Actor;
  /** Business (valid) time of the fact, when the caller states it apart from the command's own date fields. */
  readonly occurredAt?: import('./business-date.js').BusinessDate;
  /** True when the caller cites a source document: a past date is then a record of history, not a mistake. */
  readonly historical?: boolean;
  /**
   * Id fields the shell made up because the caller left them out: a decider may then find the entity by what the
   * caller did name (E46: a milestone by its label).
   */
  readonly generatedIds?: readonly string[];
}

export interface Command<Type extends string = string, Data extends object = object> {
  readonly type: Type;
  readonly data: Data;
  readonly metadata: CommandMetadata;
}

/**
 * The decider pattern: `decide` turns a command into events (or throws a DomainError), `evolve` folds
 * events into state. `Context` is a read-only view of what lies outside the stream (the registries).
 */
export interface Decider<C extends Command, E extends DomainEvent, S, Context> {
  readonly initialState: () => S;
  readonly decide: (command: C, state: S, context: Context) => E[];
  readonly evolve: (state: S, event: E) => S;
  /**
   * Optional: the same as folding `events` one by one with `evolve`, faster over a long stream (intermediate states
   * are never seen, so it may update in place what it made itself meanwhile). The result is the same value.
   */
  readonly evolveAll?: (state: S, events: Iterable<E>) => S;
  /** The business date a command's events took place at, used when the caller gives no `occurredAt`. */
  readonly businessDateOf: (command: C) => import('./business-date.js').BusinessDate | undefined;
}

export const assertNever = (value: never): never => {
  throw new Error(`Unhandled case: ${JSON.stringify(value)}`);
};

export const fold = <S, E>(evolve: (state: S, event: E) => S, initial: S, events: Iterable<E>): S => {
  let state = initial;
  for (const event of events) state = evolve(state, event);
  return state;
};

/** A decider's state after `events`, from `state`: with `evolveAll` when the decider has one. */
export const foldWith = <S, E>(decider: { readonly evolve: (state: S, event: E) => S; readonly evolveAll?: (state: S, events: Iterable<E>) => S }, state: S, events: Iterable<E>): S =>
  decider.evolveAll ? decider.evolveAll(state, events) : fold(decider.evolve, state, events);

/** The data shape of a command type, usable in an `implements` clause. */
export type CommandData<C extends { readonly data: object }> = C['data'];
