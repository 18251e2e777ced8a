import { createHash } from 'node:crypto';
import { canonicalJson } from '../canonical-json.js';
import type { NewEvent, RecordedEvent } from '../envelope.js';
import { HashChainBroken } from '../event-store.errors.js';

/**
 * Tamper evidence, in one place: every adapter's append seals events here and every verification walks them
 * here. The chain is per stream (revision 0 chains from GENESIS_HASH), so a stream is verifiable alone and
 * EventStoreDB, which has no global append order, can extend it under the stream's optimistic concurrency.
 */
export const GENESIS_HASH = '0'.repeat(64);

/** What a hash covers: the stored event without its global position (the store assigns it) and its own `hash`. */
export type ChainedEvent = Pick<RecordedEvent, 'eventId' | 'streamId' | 'revision' | 'type' | 'schemaVersion' | 'data' | 'metadata'> & {
  readonly position?: string;
};

/**
 * SHA-256 (hex) of the canonical JSON of { eventId, streamId, revision, type, schemaVersion, data, metadata
 * minus `hash` }: record time, actor, business date, provenance, correlation/causation/command ids and
 * `previousHash` are all covered.
 */
export const chainHash = ({ eventId, streamId, revision, type, schemaVersion, data, metadata }: ChainedEvent): string => {
  const { hash: _own, ...covered } = metadata;
  return createHash('sha256').update(canonicalJson({ eventId, streamId, revision, type, schemaVersion, data, metadata: covered }), 'utf8').digest('hex');
};

/** Where a stream's chain stands after some of its events. */
export interface ChainTip {
  /** The `previousHash` the next event must carry. */
  readonly hash: string;
  /** The stream already holds a hashed event: every later event must carry one too. */
  readonly chained: boolean;
}

export const GENESIS_TIP: ChainTip = { hash: GENESIS_HASH, chained: false };

/**
 * `copyMismatch`: a copy the store keeps of a hashed metadata field, for folds to read without the metadata (SQLite's
 * `recorded_at` and `command_id` columns), no longer matches it.
 */
export type ChainBreakReason = 'hashMismatch' | 'previousHashMismatch' | 'missingHash' | 'copyMismatch';

export interface ChainBreak {
  readonly streamId: string;
  readonly revision: number;
  readonly eventId: string;
  readonly position?: string;
  readonly reason: ChainBreakReason;
  /**
   * previousHashMismatch: the hash of the stream's previous event; copyMismatch: the field in the hashed metadata;
   * otherwise the hash recomputed from this event.
   */
  readonly expected: string;
  /** What the event carries (copyMismatch: its copy); null when it carries nothing. */
  readonly found: string | null;
  /** copyMismatch: the metadata field whose copy differs (`recordedAt`, `commandId`). */
  readonly field?: string;
}

export type ChainStep = { readonly ok: true; readonly tip: ChainTip; readonly unchained: boolean } | { readonly ok: false; readonly break: ChainBreak };

const carried = (value: unknown): string | null => (typeof value === 'string' ? value : null);

/**
 * Checks one event against its stream's tip. Events recorded before the chain existed carry no hash: while a
 * stream holds only those, each one's hash is computed as if it had been chained (previousHash = the tip), so
 * the stream's first hashed event chains from the last unchained one's computed hash and seals them all; an
 * unhashed event after a hashed one is a break.
 */
export const chainStep = (tip: ChainTip, event: ChainedEvent): ChainStep => {
  const at = { streamId: event.streamId, revision: event.revision, eventId: event.eventId, ...(event.position !== undefined ? { position: event.position } : {}) };
  const hash = carried(event.metadata.hash);
  if (hash === null) {
    const computed = chainHash({ ...event, metadata: { ...event.metadata, previousHash: tip.hash } });
    if (tip.chained) return { ok: false, break: { ...at, reason: 'missingHash', expected: computed, found: null } };
    return { ok: true, tip: { hash: computed, chained: false }, unchained: true };
  }
  const previous = carried(event.metadata.previousHash);
  if (previous !== tip.hash) return { ok: false, break: { ...at, reason: 'previousHashMismatch', expected: tip.hash, found: previous } };
  const computed = chainHash(event);
  if (computed !== hash) return { ok: false, break: { ...at, reason: 'hashMismatch', expected: computed, found: hash } };
  return { ok: true, tip: { hash, chained: true }, unchained: false };
};

/** The tip after a stream's last event; the whole stream (`stream()`, in order) is read only when that event predates the chain. */
export const tipAfter = (last: ChainedEvent | undefined, stream: () => readonly ChainedEvent[]): ChainTip => {
  if (!last) return GENESIS_TIP;
  const hash = carried(last.metadata.hash);
  if (hash !== null) return { hash, chained: true };
  return stream().reduce((tip, event) => {
    const step = chainStep(tip, event);
    return step.ok ? step.tip : tip;
  }, GENESIS_TIP);
};

/**
 * The only place a hash is made: stamps `previousHash` and `hash` on events appended after `tip` from
 * `firstRevision` on, replacing any a caller sent. When a log is copied (`preserveHashes`), each event is kept
 * verbatim instead, hash or no hash (recorded before the chain), provided it chains; otherwise HashChainBroken.
 */
export const sealEvents = (streamId: string, tip: ChainTip, firstRevision: number, events: readonly NewEvent[], preserveHashes = false): NewEvent[] => {
  let current = tip;
  return events.map((event, index) => {
    const revision = firstRevision + index;
    if (preserveHashes) {
      const step = chainStep(current, { ...event, streamId, revision });
      if (!step.ok) throw new HashChainBroken(step.break);
      current = step.tip;
      return event;
    }
    const { previousHash: _previous, hash: _hash, ...metadata } = event.metadata;
    const linked = { ...event, metadata: { ...metadata, previousHash: current.hash } };
    const hash = chainHash({ ...linked, streamId, revision });
    current = { hash, chained: true };
    return { ...linked, metadata: { ...linked.metadata, hash } };
  });
};

export interface ChainReport {
  readonly ok: boolean;
  readonly eventsChecked: number;
  readonly streamsChecked: number;
  /** Events recorded before the hash chain: covered only by the first hashed event of their stream. */
  readonly unchainedEvents: number;
  readonly firstBreak?: ChainBreak;
}

/** Walks events (a whole log in global order, or one stream), keeping each stream's tip; stops at the first break. */
export class ChainVerifier {
  private readonly tips = new Map<string, ChainTip>();
  private checked = 0;
  private unchained = 0;
  private firstBreak: ChainBreak | undefined;

  /** False once a break is found: nothing after it is checked. */
  check(event: ChainedEvent): boolean {
    if (this.firstBreak) return false;
    this.checked += 1;
    const step = chainStep(this.tips.get(event.streamId) ?? GENESIS_TIP, event);
    if (!step.ok) {
      this.firstBreak = step.break;
      return false;
    }
    this.tips.set(event.streamId, step.tip);
    if (step.unchained) this.unchained += 1;
    return true;
  }

  get report(): ChainReport {
    return {
      ok: this.firstBreak === undefined,
      eventsChecked: this.checked,
      streamsChecked: this.tips.size + (this.firstBreak && !this.tips.has(this.firstBreak.streamId) ? 1 : 0),
      unchainedEvents: this.unchained,
      ...(this.firstBreak ? { firstBreak: this.firstBreak } : {}),
    };
  }
}

export const verifyChain = (events: Iterable<ChainedEvent>): ChainReport => {
  const verifier = new ChainVerifier();
  for (const event of events) if (!verifier.check(event)) break;
  return verifier.report;
};
